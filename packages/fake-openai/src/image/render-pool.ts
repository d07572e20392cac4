import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { RgbaImage } from './canvas';
import type { EncodeTask, RenderTask } from './render-worker';

/**
 * Image work (drawing a frame, pixelating partials, encoding) runs in a pool of worker threads
 * sized to the machine, so a busy simulator never stalls the event loop of the server it lives
 * in: 20 concurrent runs drew and encoded ~60 ms of pixels per image on the main thread.
 * `ATELIER_IMAGE_THREADS` sets the pool's size; 0 draws in the calling thread.
 */
const threads = (): number => {
  const raw = process.env.ATELIER_IMAGE_THREADS?.trim();
  // By default one thread per core but one, which stays with the event loop.
  const fallback = Math.max(1, availableParallelism() - 1);
  const n = raw ? Number(raw) : fallback;
  return Number.isInteger(n) && n >= 0 ? Math.min(n, 64) : fallback;
};

let pool: Piscina | undefined;

const getPool = (): Piscina | undefined => {
  const max = threads();
  if (max === 0) return undefined;
  pool ??= new Piscina({
    // A JavaScript entry that loads render-worker.ts through tsx, under tsx and vitest alike.
    filename: new URL('./render-worker.mjs', import.meta.url).href,
    minThreads: 0,
    maxThreads: max,
    // Threads that sat idle this long exit; the next image starts one again (~0.3 s).
    idleTimeout: 30_000,
  });
  return pool;
};

/** Pixels in memory both threads see: handing a frame to the encoder copies nothing. */
const shared = (image: RgbaImage): RgbaImage => {
  if (image.data.buffer instanceof SharedArrayBuffer) return image;
  const data = new Uint8Array(new SharedArrayBuffer(image.data.byteLength));
  data.set(image.data);
  return { width: image.width, height: image.height, data };
};

/** Runs `task` in the pool, or with `here` when the pool is off (ATELIER_IMAGE_THREADS=0). */
export async function renderInPool(
  task: RenderTask,
  here: () => Promise<RgbaImage>,
): Promise<RgbaImage> {
  const p = getPool();
  if (!p) return here();
  return (await p.run(task, { name: 'render' })) as RgbaImage;
}

export async function encodeInPool(task: EncodeTask, here: () => Promise<Buffer>): Promise<Buffer> {
  const p = getPool();
  if (!p) return here();
  const bytes = (await p.run(
    { ...task, image: shared(task.image) },
    { name: 'encode' },
  )) as Uint8Array;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export { shared as sharedPixels };

// A thread's first start costs ~0.8 s (tsx loads the TypeScript worker): start one as soon as
// the fake is loaded rather than when its first image is waited for. It exits when idle.
void getPool()
  ?.run(null, { name: 'warm' })
  .catch(() => undefined);
