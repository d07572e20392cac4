import { cloneImage, createImage, type Rgb, type RgbaImage } from './canvas';

/** Blends every pixel towards `color`: an unmasked edit visibly changes the whole input. */
export function tint(image: RgbaImage, color: Rgb, amount: number): RgbaImage {
  const out = cloneImage(image);
  const d = out.data;
  const keep = 1 - amount;
  for (let i = 0; i < d.length; i += 4) {
    d[i] = d[i]! * keep + color[0] * amount;
    d[i + 1] = d[i + 1]! * keep + color[1] * amount;
    d[i + 2] = d[i + 2]! * keep + color[2] * amount;
  }
  return out;
}

/**
 * A masked edit: pixels whose mask alpha is 0 come from `fill`, every other pixel is copied from
 * `base` byte for byte. All three images must have the same size.
 */
export function composeMasked(base: RgbaImage, fill: RgbaImage, mask: RgbaImage): RgbaImage {
  const out = cloneImage(base);
  const d = out.data;
  for (let i = 0; i < d.length; i += 4) {
    if (mask.data[i + 3] === 0) {
      d[i] = fill.data[i]!;
      d[i + 1] = fill.data[i + 1]!;
      d[i + 2] = fill.data[i + 2]!;
      d[i + 3] = fill.data[i + 3]!;
    }
  }
  return out;
}

/**
 * A partial image: block averages of `image`, `block` pixels square. Coarse blocks first, finer
 * ones later, like a picture coming into focus.
 */
export function pixelate(image: RgbaImage, block: number): RgbaImage {
  const { width: w, height: h, data } = image;
  const out = createImage(w, h);
  for (let by = 0; by < h; by += block) {
    for (let bx = 0; bx < w; bx += block) {
      const ex = Math.min(w, bx + block);
      const ey = Math.min(h, by + block);
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let y = by; y < ey; y += 1) {
        for (let x = bx; x < ex; x += 1) {
          const i = (y * w + x) * 4;
          r += data[i]!;
          g += data[i + 1]!;
          b += data[i + 2]!;
          a += data[i + 3]!;
        }
      }
      const n = (ex - bx) * (ey - by);
      for (let y = by; y < ey; y += 1) {
        for (let x = bx; x < ex; x += 1) {
          const i = (y * w + x) * 4;
          out.data[i] = r / n;
          out.data[i + 1] = g / n;
          out.data[i + 2] = b / n;
          out.data[i + 3] = a / n;
        }
      }
    }
  }
  return out;
}

/** Block sizes for `count` partial images, coarse to fine (64, 16, 4 px at 1024). */
export function partialBlocks(width: number, height: number, count: number): number[] {
  const unit = Math.max(width, height) / 1024;
  return Array.from({ length: count }, (_, i) => Math.max(2, Math.round((unit * 64) / 4 ** i)));
}

/** The bounding box of the pixels a mask marks for editing (alpha 0), or null when there are none. */
export function maskBounds(
  mask: RgbaImage,
): { x: number; y: number; width: number; height: number } | null {
  let x0 = mask.width;
  let y0 = mask.height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < mask.height; y += 1) {
    for (let x = 0; x < mask.width; x += 1) {
      if (mask.data[(y * mask.width + x) * 4 + 3] !== 0) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  return x1 < 0 ? null : { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 };
}
