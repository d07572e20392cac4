import { ADVANCE, GLYPH_HEIGHT, GLYPH_WIDTH, LINE_HEIGHT, glyphRows, toAscii } from './font';

/** 8-bit RGBA pixels, row-major, no padding: what sharp reads and writes as `raw`. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array;
}

export type Rgb = readonly [number, number, number];

export function createImage(width: number, height: number): RgbaImage {
  return { width, height, data: new Uint8Array(width * height * 4) };
}

export function cloneImage(image: RgbaImage): RgbaImage {
  return { width: image.width, height: image.height, data: new Uint8Array(image.data) };
}

/** HSL (h in degrees, s and l in 0..1) to RGB. */
export function hsl(h: number, s: number, l: number): Rgb {
  const a = s * Math.min(l, 1 - l);
  const f = (n: number): number => {
    const k = (n + h / 30) % 12;
    return Math.round(255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [f(0), f(8), f(4)];
}

/** Source-over blending of one pixel. */
export function blendPixel(
  image: RgbaImage,
  x: number,
  y: number,
  color: Rgb,
  alpha: number,
): void {
  const i = (y * image.width + x) * 4;
  const d = image.data;
  const keep = 1 - alpha;
  d[i] = color[0] * alpha + d[i]! * keep;
  d[i + 1] = color[1] * alpha + d[i + 1]! * keep;
  d[i + 2] = color[2] * alpha + d[i + 2]! * keep;
  d[i + 3] = 255 * alpha + d[i + 3]! * keep;
}

export function fillRect(
  image: RgbaImage,
  x: number,
  y: number,
  w: number,
  h: number,
  color: Rgb,
  alpha = 1,
): void {
  const x0 = Math.max(0, Math.floor(x));
  const y0 = Math.max(0, Math.floor(y));
  const x1 = Math.min(image.width, Math.floor(x + w));
  const y1 = Math.min(image.height, Math.floor(y + h));
  const d = image.data;
  const keep = 1 - alpha;
  const [r, g, b] = color;
  const a = 255 * alpha;
  for (let py = y0; py < y1; py += 1) {
    for (let i = (py * image.width + x0) * 4, end = (py * image.width + x1) * 4; i < end; i += 4) {
      d[i] = r * alpha + d[i]! * keep;
      d[i + 1] = g * alpha + d[i + 1]! * keep;
      d[i + 2] = b * alpha + d[i + 2]! * keep;
      d[i + 3] = a + d[i + 3]! * keep;
    }
  }
}

/** A disc with a soft edge `feather` pixels wide. */
export function fillCircle(
  image: RgbaImage,
  cx: number,
  cy: number,
  r: number,
  color: Rgb,
  alpha = 1,
  feather = 1.5,
): void {
  const x0 = Math.max(0, Math.floor(cx - r - feather));
  const y0 = Math.max(0, Math.floor(cy - r - feather));
  const x1 = Math.min(image.width, Math.ceil(cx + r + feather));
  const y1 = Math.min(image.height, Math.ceil(cy + r + feather));
  for (let py = y0; py < y1; py += 1) {
    for (let px = x0; px < x1; px += 1) {
      const dx = px + 0.5 - cx;
      const dy = py + 0.5 - cy;
      const dist = Math.sqrt(dx * dx + dy * dy);
      const cover = Math.max(0, Math.min(1, (r - dist) / feather + 0.5));
      if (cover > 0) blendPixel(image, px, py, color, alpha * cover);
    }
  }
}

/** Draws one line of text with the bitmap font; each font pixel becomes scale x scale pixels. */
export function drawText(
  image: RgbaImage,
  text: string,
  x: number,
  y: number,
  scale: number,
  color: Rgb,
  alpha = 1,
): void {
  let cx = x;
  for (const char of toAscii(text)) {
    const rows = glyphRows(char);
    for (let r = 0; r < GLYPH_HEIGHT; r += 1) {
      const bits = rows[r]!;
      if (bits === 0) continue;
      for (let c = 0; c < GLYPH_WIDTH; c += 1) {
        if (bits & (1 << (GLYPH_WIDTH - 1 - c)))
          fillRect(image, cx + c * scale, y + r * scale, scale, scale, color, alpha);
      }
    }
    cx += ADVANCE * scale;
  }
}

export const textWidth = (text: string, scale: number): number =>
  toAscii(text).length * ADVANCE * scale - scale;
export const lineHeight = (scale: number): number => LINE_HEIGHT * scale;

/** Greedy word wrap to `maxChars` per line, at most `maxLines` lines (the last one ellipsised). */
export function wrapText(text: string, maxChars: number, maxLines: number): string[] {
  const words = toAscii(text).trim().split(' ').filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const raw of words) {
    const word = raw.length > maxChars ? `${raw.slice(0, maxChars - 3)}...` : raw;
    if (line && line.length + 1 + word.length > maxChars) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) {
    const last = lines[maxLines - 1]!;
    lines.length = maxLines;
    lines[maxLines - 1] = `${last.slice(0, Math.max(0, maxChars - 3))}...`;
  }
  return lines;
}

/** Nearest-neighbour resampling, for thumbnails (quality is not the point here). */
export function sampleNearest(source: RgbaImage, width: number, height: number): RgbaImage {
  const out = createImage(width, height);
  for (let y = 0; y < height; y += 1) {
    const sy = Math.min(source.height - 1, Math.floor(((y + 0.5) * source.height) / height));
    for (let x = 0; x < width; x += 1) {
      const sx = Math.min(source.width - 1, Math.floor(((x + 0.5) * source.width) / width));
      const si = (sy * source.width + sx) * 4;
      out.data.set(source.data.subarray(si, si + 4), (y * width + x) * 4);
    }
  }
  return out;
}
