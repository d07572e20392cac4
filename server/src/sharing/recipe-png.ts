import { isPng, pngChunk } from '@atelier/nodes';
import { strFromU8, strToU8, unzlibSync, zlibSync } from 'fflate';

/**
 * The recipe in a PNG: one compressed iTXt chunk (keyword `atelier:recipe`, UTF-8 JSON)
 * before IEND. Any added chunk changes the bytes, so a C2PA manifest no longer verifies:
 * callers say so to the person who asked for it.
 */
export const PNG_RECIPE_KEYWORD = 'atelier:recipe';

const u32 = (bytes: Uint8Array, at: number) =>
  ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;

/** Each chunk's type, data and where it starts (its length field). */
const chunks = (bytes: Uint8Array) => {
  const out: { type: string; data: Uint8Array; at: number }[] = [];
  for (let at = 8; at + 12 <= bytes.length;) {
    const length = u32(bytes, at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    if (at + 12 + length > bytes.length) break;
    out.push({ type, data: bytes.subarray(at + 8, at + 8 + length), at });
    if (type === 'IEND') break;
    at += 12 + length;
  }
  return out;
};

const itxt = (keyword: string, text: string): Uint8Array => {
  const head = strToU8(keyword, true);
  const body = zlibSync(strToU8(text));
  // keyword \0, compressed, method 0 (zlib), empty language \0, empty translation \0, text
  const data = new Uint8Array(head.length + 5 + body.length);
  data.set(head, 0);
  data.set([0, 1, 0, 0, 0], head.length);
  data.set(body, head.length + 5);
  return data;
};

const readItxt = (data: Uint8Array): { keyword: string; text: string } | undefined => {
  const end = data.indexOf(0);
  if (end < 0 || end + 3 > data.length) return undefined;
  const keyword = strFromU8(data.subarray(0, end), true);
  const compressed = data[end + 1] === 1;
  let at = end + 3;
  for (let i = 0; i < 2; i++) {
    const zero = data.indexOf(0, at);
    if (zero < 0) return undefined;
    at = zero + 1;
  }
  const raw = data.subarray(at);
  return { keyword, text: strFromU8(compressed ? unzlibSync(raw) : raw) };
};

/** The PNG with the recipe text in an iTXt chunk (an earlier recipe chunk is replaced). */
export const embedInPng = (png: Uint8Array, text: string): Uint8Array => {
  const parts = chunks(png);
  const end = parts.find((c) => c.type === 'IEND');
  if (!isPng(png) || !end) throw new Error('not a whole PNG');
  const kept = parts.filter(
    (c) =>
      c.type !== 'IEND' && !(c.type === 'iTXt' && readItxt(c.data)?.keyword === PNG_RECIPE_KEYWORD),
  );
  const pieces = [png.subarray(0, 8)];
  for (const c of kept) pieces.push(png.subarray(c.at, c.at + 12 + c.data.length));
  pieces.push(pngChunk('iTXt', itxt(PNG_RECIPE_KEYWORD, text)), pngChunk('IEND', new Uint8Array()));
  const out = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const piece of pieces) {
    out.set(piece, at);
    at += piece.length;
  }
  return out;
};

/** The recipe text of a PNG, or undefined when it carries none (or is not a PNG). */
export const extractFromPng = (png: Uint8Array): string | undefined => {
  if (!isPng(png)) return undefined;
  for (const c of chunks(png)) {
    if (c.type !== 'iTXt') continue;
    try {
      const found = readItxt(c.data);
      if (found?.keyword === PNG_RECIPE_KEYWORD) return found.text;
    } catch {
      return undefined; // a damaged chunk: no recipe
    }
  }
  return undefined;
};
