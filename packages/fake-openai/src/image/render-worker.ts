import sharp from 'sharp';
import type { RgbaImage } from './canvas';
import { encodeImage, type OutputFormat } from './codec';
import { renderImageHere, type ImageCallPlan } from './image-call';
import { pixelate } from './transform';

/** A plan as it crosses to a worker (input keys, which may be megabytes of base64, left out). */
export type RenderTask = ImageCallPlan;

export interface EncodeTask {
  image: RgbaImage;
  format: OutputFormat;
  compression: number;
  keepAlpha: boolean;
  /** Pixelate with this block size first (a partial image). */
  block?: number;
}

// Decoded images are not reused here; libvips' cache would only hold memory. One libvips
// thread per encode: the pool's size decides how many cores image work may take.
sharp.cache(false);
sharp.concurrency(1);

/** The final pixels, in shared memory so that encoding them later copies nothing. */
export async function render(task: RenderTask): Promise<RgbaImage> {
  const image = await renderImageHere(task);
  const data = new Uint8Array(new SharedArrayBuffer(image.data.byteLength));
  data.set(image.data);
  return { width: image.width, height: image.height, data };
}

export async function encode(task: EncodeTask): Promise<Uint8Array> {
  const image = task.block === undefined ? task.image : pixelate(task.image, task.block);
  const bytes = await encodeImage(image, task.format, task.compression, task.keepAlpha);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
