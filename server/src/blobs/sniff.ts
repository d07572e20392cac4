import type { ImageMime } from '@atelier/graph';

export interface SniffedImage {
  mime: ImageMime;
  width: number;
  height: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const ascii = (bytes: Uint8Array, at: number, length: number) =>
  String.fromCharCode(...bytes.subarray(at, at + length));
const u16be = (b: Uint8Array, at: number) => (b[at]! << 8) | b[at + 1]!;
const u16le = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
const u24le = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16);
const u32be = (b: Uint8Array, at: number) =>
  ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;

const sized = (mime: ImageMime, width: number, height: number): SniffedImage | null =>
  width > 0 && height > 0 ? { mime, width, height } : null;

const png = (b: Uint8Array): SniffedImage | null => {
  if (b.length < 24 || !PNG_SIGNATURE.every((v, i) => b[i] === v)) return null;
  if (ascii(b, 12, 4) !== 'IHDR') return null;
  return sized('image/png', u32be(b, 16), u32be(b, 20));
};

const webp = (b: Uint8Array): SniffedImage | null => {
  if (b.length < 30 || ascii(b, 0, 4) !== 'RIFF' || ascii(b, 8, 4) !== 'WEBP') return null;
  switch (ascii(b, 12, 4)) {
    case 'VP8 ': // lossy: key frame start code, then 14-bit dimensions
      if (b[23] !== 0x9d || b[24] !== 0x01 || b[25] !== 0x2a) return null;
      return sized('image/webp', u16le(b, 26) & 0x3fff, u16le(b, 28) & 0x3fff);
    case 'VP8L': {
      // lossless: signature byte, then width-1 and height-1 in 14 bits each
      if (b[20] !== 0x2f) return null;
      const bits = b[21]! | (b[22]! << 8) | (b[23]! << 16) | (b[24]! << 24);
      return sized('image/webp', (bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
    }
    case 'VP8X': // extended: canvas width-1 and height-1 in 24 bits each
      return sized('image/webp', u24le(b, 24) + 1, u24le(b, 27) + 1);
    default:
      return null;
  }
};

/** Start-of-frame markers carry the size; C4 (DHT), C8 (JPG) and CC (DAC) do not. */
const isStartOfFrame = (marker: number) =>
  marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

const jpeg = (b: Uint8Array): SniffedImage | null => {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return null;
  let at = 2;
  while (at + 4 <= b.length) {
    if (b[at] !== 0xff) return null;
    const marker = b[at + 1]!;
    // Fill bytes and markers without a length (TEM, RSTn) carry no segment.
    if (marker === 0xff) {
      at++;
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return null; // end of image / scan before any frame
    const length = u16be(b, at + 2);
    if (isStartOfFrame(marker)) {
      if (at + 9 > b.length) return null;
      return sized('image/jpeg', u16be(b, at + 7), u16be(b, at + 5));
    }
    at += 2 + length;
  }
  return null;
};

/**
 * The type and size of a PNG, WebP or JPEG, read from its header (no decoding), or null
 * when the bytes are none of these. The bytes decide, never a file name or header.
 */
export const sniffImage = (bytes: Uint8Array): SniffedImage | null =>
  png(bytes) ?? webp(bytes) ?? jpeg(bytes);
