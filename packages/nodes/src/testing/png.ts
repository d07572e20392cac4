import { PNG_SIGNATURE, pngChunk } from '../png';

/**
 * A tiny PNG encoder for tests (stored, uncompressed deflate blocks): real, decodable
 * image bytes without a native dependency, usable in any runtime.
 */
const u32 = (n: number): number[] => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];

const zlibStored = (raw: Uint8Array): Uint8Array => {
  const out: number[] = [0x78, 0x01];
  for (let at = 0; at < raw.length || at === 0; at += 65535) {
    const block = raw.subarray(at, at + 65535);
    const final = at + 65535 >= raw.length ? 1 : 0;
    out.push(
      final,
      block.length & 255,
      block.length >> 8,
      ~block.length & 255,
      (~block.length >> 8) & 255,
    );
    out.push(...block);
    if (raw.length === 0) break;
  }
  let a = 1;
  let b = 0;
  for (const byte of raw) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  out.push(...u32(((b << 16) | a) >>> 0));
  return new Uint8Array(out);
};

export type Rgba = [number, number, number, number];

const paeth = (a: number, b: number, c: number): number => {
  const p = a + b - c;
  const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
};

/**
 * Encodes a width×height RGBA (or RGB when `alpha` is false) PNG from a pixel function.
 * `filter` picks the scanline filter (0 none … 4 Paeth; 'cycle' uses row % 5), as encoders
 * like libpng do, so decoders are tested against every filter; `depth16` writes 16-bit
 * samples (each 8-bit value v as the bytes v, v).
 */
export const encodePng = (
  width: number,
  height: number,
  pixel: (x: number, y: number) => Rgba = () => [200, 100, 50, 255],
  {
    alpha = true,
    filter = 0,
    depth16 = false,
  }: { alpha?: boolean; filter?: number | 'cycle'; depth16?: boolean } = {},
): Uint8Array => {
  const channels = alpha ? 4 : 3;
  const bpp = depth16 ? channels * 2 : channels;
  const stride = width * bpp;
  const rows: Uint8Array[] = [];
  for (let y = 0; y < height; y++) {
    const samples = Array.from({ length: width }, (_, x) => pixel(x, y).slice(0, channels)).flat();
    rows.push(new Uint8Array(depth16 ? samples.flatMap((v) => [v, v]) : samples));
  }
  const raw = new Uint8Array(height * (1 + stride));
  rows.forEach((row, y) => {
    const type = filter === 'cycle' ? y % 5 : filter;
    const prev = rows[y - 1];
    raw[y * (1 + stride)] = type;
    for (let i = 0; i < stride; i++) {
      const left = i >= bpp ? row[i - bpp]! : 0;
      const up = prev ? prev[i]! : 0;
      const upLeft = prev && i >= bpp ? prev[i - bpp]! : 0;
      const predictor = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][type]!;
      raw[y * (1 + stride) + 1 + i] = (row[i]! - predictor) & 0xff;
    }
  });
  const depth = depth16 ? 16 : 8;
  const header = new Uint8Array([...u32(width), ...u32(height), depth, alpha ? 6 : 2, 0, 0, 0]);
  return new Uint8Array([
    ...PNG_SIGNATURE,
    ...pngChunk('IHDR', header),
    ...pngChunk('IDAT', zlibStored(raw)),
    ...pngChunk('IEND', new Uint8Array()),
  ]);
};
