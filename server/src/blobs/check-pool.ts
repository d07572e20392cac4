import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { DecodeResult, DecodeTask } from './check-worker';

/**
 * Uploads are decoded and hashed in a pool of worker threads sized to the machine, never on
 * the event loop: 100 parallel 5 MB uploads held /api/health for seconds when the hashing and
 * the decoder's bookkeeping ran there. `ATELIER_IMAGE_THREADS` sets the size.
 */
const threads = (): number => {
  const raw = process.env.ATELIER_IMAGE_THREADS?.trim();
  const n = raw ? Number(raw) : NaN;
  // One thread per core but one, which stays with the event loop.
  return Number.isInteger(n) && n >= 1 ? Math.min(n, 64) : Math.max(1, availableParallelism() - 1);
};

let pool: Piscina | undefined;

/**
 * Runs a decode in the pool. With `transfer`, the bytes' memory moves to the worker instead
 * of being copied (the caller's array is then empty): uploads read for this purpose only.
 */
export const decodeInPool = async (task: DecodeTask, transfer = false): Promise<DecodeResult> => {
  pool ??= new Piscina({
    // A JavaScript entry that loads check-worker.ts through tsx, under tsx and vitest alike.
    filename: new URL('./check-worker.mjs', import.meta.url).href,
    minThreads: 0,
    maxThreads: threads(),
    idleTimeout: 30_000,
  });
  const { buffer, byteOffset, byteLength } = task.bytes;
  const movable =
    transfer &&
    buffer instanceof ArrayBuffer &&
    byteOffset === 0 &&
    byteLength === buffer.byteLength;
  return (await pool.run(task, {
    name: 'decode',
    transferList: movable ? [buffer] : undefined,
  })) as DecodeResult;
};
