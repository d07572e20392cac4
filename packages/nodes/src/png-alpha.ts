/**
 * Counts the fully transparent pixels of a PNG, to tell a mask that marks nothing (an edit
 * through it could change nothing, yet would be paid for) from one that marks a region.
 * Isomorphic: inflates with the platform's DecompressionStream (browsers, Node ≥ 18).
 */

import { pngChunks, readPngInfo } from './png';

export interface AlphaCount {
  /** Pixels with alpha 0: the region an edit may change. */
  transparent: number;
  total: number;
}

const inflate = async (data: Uint8Array<ArrayBuffer>): Promise<Uint8Array> => {
  const stream = new Blob([data]).stream().pipeThrough(new DecompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
};

const paeth = (a: number, b: number, c: number): number => {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
};

/** Undoes the per-scanline filters in place; false when a filter byte is not one of 0–4. */
const unfilter = (raw: Uint8Array, height: number, stride: number, bpp: number): boolean => {
  for (let y = 0; y < height; y++) {
    const row = y * (stride + 1);
    const filter = raw[row]!;
    for (let i = 0; i < stride; i++) {
      const at = row + 1 + i;
      const left = i >= bpp ? raw[at - bpp]! : 0;
      const up = y > 0 ? raw[at - stride - 1]! : 0;
      const upLeft = y > 0 && i >= bpp ? raw[at - stride - 1 - bpp]! : 0;
      const predictor =
        filter === 0
          ? 0
          : filter === 1
            ? left
            : filter === 2
              ? up
              : filter === 3
                ? (left + up) >> 1
                : filter === 4
                  ? paeth(left, up, upLeft)
                  : -1;
      if (predictor < 0) return false;
      raw[at] = (raw[at]! + predictor) & 0xff;
    }
  }
  return true;
};

/**
 * The transparent and total pixel counts of a non-interlaced 8- or 16-bit grey+alpha or RGBA
 * PNG (what masks are: the painter and image tools write RGBA). Undefined for anything else
 * (palette or colour-key transparency, interlacing, corrupt data): the caller then lets the
 * API judge the mask.
 */
export const countTransparent = async (bytes: Uint8Array): Promise<AlphaCount | undefined> => {
  const info = readPngInfo(bytes);
  if (!info) return undefined;
  const { width, height } = info;
  const [depth, colorType, , , interlace] = bytes.subarray(24, 29);
  const channels = colorType === 6 ? 4 : colorType === 4 ? 2 : 0;
  if (!channels || (depth !== 8 && depth !== 16) || interlace !== 0) return undefined;
  const idat = [...pngChunks(bytes)].filter((c) => c.type === 'IDAT').map((c) => c.data);
  const bpp = (channels * depth) / 8;
  const stride = width * bpp;
  let raw: Uint8Array;
  try {
    const zlib = new Uint8Array(idat.reduce((sum, part) => sum + part.length, 0));
    let at = 0;
    for (const part of idat) {
      zlib.set(part, at);
      at += part.length;
    }
    raw = await inflate(zlib);
  } catch {
    return undefined;
  }
  if (raw.length < height * (stride + 1) || !unfilter(raw, height, stride, bpp)) return undefined;
  // Alpha is the last sample of a pixel; for 16 bits both of its bytes must be 0.
  const alphaAt = bpp - depth / 8;
  let transparent = 0;
  for (let y = 0; y < height; y++) {
    const row = y * (stride + 1) + 1;
    for (let x = 0; x < width; x++) {
      const at = row + x * bpp + alphaAt;
      if (raw[at] === 0 && (depth === 8 || raw[at + 1] === 0)) transparent += 1;
    }
  }
  return { transparent, total: width * height };
};
