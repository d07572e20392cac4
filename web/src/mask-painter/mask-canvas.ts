/**
 * Pixel logic of the mask painter, as pure functions over typed arrays (testable without a
 * real canvas). A mask bitmap holds one byte per image pixel at the image's NATURAL size:
 * 1 = painted (the region the edit may change), 0 = kept. It becomes a PNG whose alpha is
 * exactly 0 where painted and 255 elsewhere (DESIGN.md §3: transparent = region to change).
 */

export interface MaskBitmap {
  readonly width: number;
  readonly height: number;
  /** width × height bytes, row-major; 1 = painted, 0 = not. */
  readonly data: Uint8Array;
}

/** A pixel rectangle, inclusive-exclusive: [x, x + w) × [y, y + h). */
export interface PixelRect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Point {
  x: number;
  y: number;
}

export type Rgb = readonly [number, number, number];

export const createMask = (width: number, height: number): MaskBitmap => {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1)
    throw new Error(`A mask needs a positive integer size, got ${width}×${height}`);
  return { width, height, data: new Uint8Array(width * height) };
};

export const copyMask = (mask: MaskBitmap): MaskBitmap => ({
  width: mask.width,
  height: mask.height,
  data: mask.data.slice(),
});

export const fullRect = (mask: MaskBitmap): PixelRect => ({
  x: 0,
  y: 0,
  w: mask.width,
  h: mask.height,
});

/** The smallest rectangle covering both (either may be null). */
export const unionRect = (a: PixelRect | null, b: PixelRect | null): PixelRect | null => {
  if (!a) return b;
  if (!b) return a;
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return {
    x,
    y,
    w: Math.max(a.x + a.w, b.x + b.w) - x,
    h: Math.max(a.y + a.h, b.y + b.h) - y,
  };
};

/**
 * Paints (value 1) or erases (value 0) a round-capped stroke of the given radius from `from`
 * to `to`, in image pixel coordinates (continuous: pixel (i, j) covers [i, i+1) × [j, j+1)).
 * A pixel is inside when its centre lies within `radius` of the segment, so consecutive
 * pointer events join into one smooth stroke however far apart they are — the interpolation
 * is exact rather than a series of stamps. Returns the pixels touched, or null.
 */
export const paintSegment = (
  mask: MaskBitmap,
  from: Point,
  to: Point,
  radius: number,
  value: 0 | 1,
): PixelRect | null => {
  // Even the thinnest brush covers the pixel under the pointer.
  const r = Math.max(radius, Math.SQRT1_2);
  const x0 = Math.max(0, Math.floor(Math.min(from.x, to.x) - r));
  const y0 = Math.max(0, Math.floor(Math.min(from.y, to.y) - r));
  const x1 = Math.min(mask.width - 1, Math.ceil(Math.max(from.x, to.x) + r));
  const y1 = Math.min(mask.height - 1, Math.ceil(Math.max(from.y, to.y) + r));
  if (x0 > x1 || y0 > y1) return null;
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const lengthSq = dx * dx + dy * dy;
  const rSq = r * r;
  const { data, width } = mask;
  for (let j = y0; j <= y1; j++) {
    const cy = j + 0.5;
    for (let i = x0; i <= x1; i++) {
      const cx = i + 0.5;
      // Distance from the pixel centre to the closest point of the segment.
      let t = lengthSq === 0 ? 0 : ((cx - from.x) * dx + (cy - from.y) * dy) / lengthSq;
      t = t < 0 ? 0 : t > 1 ? 1 : t;
      const ex = cx - (from.x + t * dx);
      const ey = cy - (from.y + t * dy);
      if (ex * ex + ey * ey <= rSq) data[j * width + i] = value;
    }
  }
  return { x: x0, y: y0, w: x1 - x0 + 1, h: y1 - y0 + 1 };
};

export const fillMask = (mask: MaskBitmap, value: 0 | 1): void => {
  mask.data.fill(value);
};

export const invertMask = (mask: MaskBitmap): void => {
  const { data } = mask;
  for (let k = 0; k < data.length; k++) data[k] = data[k] ? 0 : 1;
};

export const countPainted = (mask: MaskBitmap): number => {
  let n = 0;
  for (const v of mask.data) n += v;
  return n;
};

/**
 * The RGBA pixels of the saved mask PNG: painted → fully transparent (0,0,0,0), kept →
 * opaque black (0,0,0,255). Alpha is strictly 0 or 255, so "unmasked pixels unchanged" is
 * an exact statement; RGB is constant so premultiplication in a canvas cannot alter it.
 */
export const maskToRgba = (mask: MaskBitmap): Uint8ClampedArray<ArrayBuffer> => {
  const out = new Uint8ClampedArray(mask.width * mask.height * 4);
  const { data } = mask;
  for (let k = 0; k < data.length; k++) out[k * 4 + 3] = data[k] ? 0 : 255;
  return out;
};

/** Reads a mask back from RGBA pixels of its size: alpha below half means painted. */
export const maskFromRgba = (
  rgba: Uint8ClampedArray | Uint8Array,
  width: number,
  height: number,
): MaskBitmap => {
  if (rgba.length !== width * height * 4)
    throw new Error(`Expected ${width}×${height} RGBA pixels, got ${rgba.length / 4} pixels`);
  const mask = createMask(width, height);
  for (let k = 0; k < mask.data.length; k++) mask.data[k] = (rgba[k * 4 + 3] ?? 255) < 128 ? 1 : 0;
  return mask;
};

/**
 * Writes the on-screen overlay for `rect` into `target` (RGBA, the mask's size): painted
 * pixels in `color`, opaque (the overlay's opacity is applied by CSS), the rest transparent.
 */
export const renderOverlay = (
  mask: MaskBitmap,
  target: Uint8ClampedArray,
  color: Rgb,
  rect: PixelRect = fullRect(mask),
): void => {
  const [r, g, b] = color;
  const { data, width } = mask;
  for (let j = rect.y; j < rect.y + rect.h; j++) {
    for (let i = rect.x; i < rect.x + rect.w; i++) {
      const k = j * width + i;
      const o = k * 4;
      if (data[k]) {
        target[o] = r;
        target[o + 1] = g;
        target[o + 2] = b;
        target[o + 3] = 255;
      } else {
        target[o + 3] = 0;
      }
    }
  }
};

/** Maps a pointer position on the displayed (scaled) canvas to image pixel coordinates. */
export const clientToImage = (
  clientX: number,
  clientY: number,
  box: { left: number; top: number; width: number; height: number },
  width: number,
  height: number,
): Point => ({
  x: box.width > 0 ? ((clientX - box.left) / box.width) * width : 0,
  y: box.height > 0 ? ((clientY - box.top) / box.height) * height : 0,
});

export const BRUSH_MIN = 1;
export const BRUSH_MAX = 512;

export const clampBrushSize = (size: number): number =>
  Math.min(BRUSH_MAX, Math.max(BRUSH_MIN, Math.round(size)));

/** A comfortable starting diameter: a twentieth of the shorter side. */
export const defaultBrushSize = (width: number, height: number): number =>
  clampBrushSize(Math.min(width, height) / 20);

/** `[` and `]`: about 20% smaller or larger, and always at least one pixel of change. */
export const stepBrushSize = (size: number, direction: -1 | 1): number => {
  const next = direction > 0 ? Math.max(size + 1, size * 1.2) : Math.min(size - 1, size / 1.2);
  return clampBrushSize(next);
};
