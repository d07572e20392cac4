/** What a PNG's header says about it. */
export interface PngInfo {
  width: number;
  height: number;
  /** Colour type 4 or 6, or a tRNS chunk: the image can hold transparency. */
  hasAlpha: boolean;
}

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

const u32 = (bytes: Uint8Array, at: number): number =>
  ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;

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
