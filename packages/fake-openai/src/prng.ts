import { createHash } from 'node:crypto';

/** A small, fast, seedable PRNG (mulberry32): the same seed gives the same sequence. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** SHA-256 of a string as bytes: the root of every "deterministic from the request" choice. */
export function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** A PRNG seeded from a digest, for choices that must follow from the request alone. */
export function rngFromDigest(bytes: Uint8Array, salt = 0): () => number {
  const view = Buffer.from(bytes);
  return mulberry32((view.readUInt32LE(0) ^ Math.imul(salt + 1, 0x9e3779b1)) >>> 0);
}
