import type { MaskBitmap } from './mask-canvas';
import { maskFromRgba, maskToRgba } from './mask-canvas';

/** The browser half of the painter: PNG bytes in and out through a canvas of natural size. */

const canvasOf = (width: number, height: number): HTMLCanvasElement => {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  return canvas;
};

/** A PNG of exactly the mask's size; alpha 0 where painted, 255 elsewhere. */
export const encodeMaskPng = (mask: MaskBitmap): Promise<Blob> => {
  const canvas = canvasOf(mask.width, mask.height);
  const ctx = canvas.getContext('2d');
  if (!ctx) return Promise.reject(new Error('This browser cannot draw on a canvas'));
  ctx.putImageData(new ImageData(maskToRgba(mask), mask.width, mask.height), 0, 0);
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('The mask could not be encoded as PNG'))),
      'image/png',
    ),
  );
};

/**
 * Loads an existing mask (e.g. the node's current one) as a bitmap of the given size. A mask
 * of another size is stretched without smoothing, so alpha stays 0 or 255.
 */
export const loadMask = async (url: string, width: number, height: number): Promise<MaskBitmap> => {
  const image = new Image();
  image.src = url;
  await image.decode();
  const canvas = canvasOf(width, height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('This browser cannot draw on a canvas');
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(image, 0, 0, width, height);
  return maskFromRgba(ctx.getImageData(0, 0, width, height).data, width, height);
};
