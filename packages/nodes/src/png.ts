/** What a PNG's header says about it. */
export interface PngInfo {
  width: number;
  height: number;
  /** Colour type 4 or 6, or a tRNS chunk: the image can hold transparency. */
  hasAlpha: boolean;
}

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

/** The 8-byte PNG signature, as the first bytes of a PNG. */
export const PNG_SIGNATURE: readonly number[] = SIGNATURE;

export const isPng = (bytes: Uint8Array): boolean =>
  bytes.length >= 8 && SIGNATURE.every((b, i) => bytes[i] === b);

const u32 = (bytes: Uint8Array, at: number): number =>
  ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

const crc32 = (bytes: Uint8Array): number => {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};

/** One PNG chunk as bytes: length, type, data and the CRC of type and data. */
export const pngChunk = (type: string, data: Uint8Array): Uint8Array => {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
};

const chunkType = (bytes: Uint8Array, at: number): string =>
  String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!);

/** The chunks after the signature, in order, up to IEND (or the end of the bytes). */
export function* pngChunks(bytes: Uint8Array): Generator<{ type: string; data: Uint8Array }> {
  for (let at = 8; at + 8 <= bytes.length;) {
    const length = u32(bytes, at);
    const type = chunkType(bytes, at + 4);
    yield { type, data: bytes.subarray(at + 8, at + 8 + length) };
    if (type === 'IEND') return;
    at += 12 + length;
  }
}

/** Reads the IHDR (and looks for tRNS before IDAT); undefined when the bytes are not a PNG. */
export const readPngInfo = (bytes: Uint8Array): PngInfo | undefined => {
  if (bytes.length < 33 || SIGNATURE.some((b, i) => bytes[i] !== b)) return undefined;
  if (chunkType(bytes, 12) !== 'IHDR') return undefined;
  const width = u32(bytes, 16);
  const height = u32(bytes, 20);
  const colorType = bytes[25]!;
  let hasAlpha = colorType === 4 || colorType === 6;
  // Walk the chunks before the image data: a tRNS chunk gives palette/grey/RGB alpha.
  for (const { type } of pngChunks(bytes)) {
    if (hasAlpha || type === 'IDAT') break;
    if (type === 'tRNS') hasAlpha = true;
  }
  return { width, height, hasAlpha };
};
