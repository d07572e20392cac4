import { rngFromDigest } from '../prng';
import {
  createImage,
  fillCircle,
  fillRect,
  hsl,
  sampleNearest,
  type Rgb,
  type RgbaImage,
} from './canvas';

export interface Palette {
  hue: number;
  colors: [Rgb, Rgb, Rgb, Rgb];
  names: [string, string];
}

const HUE_NAMES = [
  'red',
  'orange',
  'amber',
  'lime',
  'green',
  'teal',
  'cyan',
  'azure',
  'blue',
  'violet',
  'magenta',
  'rose',
];
const hueName = (h: number): string => HUE_NAMES[Math.floor((((h % 360) + 360) % 360) / 30)]!;

/** Colours hashed from the request: the same prompt always gets the same palette. */
export function paletteFor(hash: Uint8Array): Palette {
  const hue = (hash[0]! * 256 + hash[1]!) % 360;
  const second = (hue + 40 + (hash[2]! % 100)) % 360;
  const accent = (hue + 180 + (hash[3]! % 60) - 30 + 360) % 360;
  return {
    hue,
    colors: [
      hsl(hue, 0.55, 0.32),
      hsl(second, 0.6, 0.55),
      hsl(accent, 0.75, 0.62),
      hsl(second, 0.35, 0.18),
    ],
    names: [hueName(hue), hueName(second)],
  };
}

export interface SceneOptions {
  width: number;
  height: number;
  hash: Uint8Array;
  /** Shape count grows with quality. */
  quality: string;
  transparent: boolean;
  /** Reference images, shown as thumbnails. */
  references?: RgbaImage[];
}

/**
 * A generated "picture": a diagonal gradient sky, a sun, layered hills and scattered shapes, all
 * placed and coloured from the request hash. Pure pixel work so that a 1024x1024 frame takes a
 * few milliseconds.
 */
export function renderScene(options: SceneOptions): RgbaImage {
  const { width: w, height: h, hash } = options;
  const random = rngFromDigest(hash, 1);
  const palette = paletteFor(hash);
  const [sky, glow, accent, deep] = palette.colors;
  const image = createImage(w, h);
  const d = image.data;
  if (!options.transparent) {
    const angle = random() * Math.PI * 0.5;
    const cos = Math.cos(angle);
    const sin = Math.sin(angle);
    const norm = 1 / (w * cos + h * sin || 1);
    for (let y = 0; y < h; y += 1) {
      for (let x = 0; x < w; x += 1) {
        const t = (x * cos + y * sin) * norm;
        const i = (y * w + x) * 4;
        d[i] = sky[0] + (glow[0] - sky[0]) * t;
        d[i + 1] = sky[1] + (glow[1] - sky[1]) * t;
        d[i + 2] = sky[2] + (glow[2] - sky[2]) * t;
        d[i + 3] = 255;
      }
    }
  }
  const unit = Math.min(w, h);
  const sunX = w * (0.2 + random() * 0.6);
  const sunY = h * (0.18 + random() * 0.25);
  const sunR = unit * (0.08 + random() * 0.08);
  fillCircle(image, sunX, sunY, sunR * 1.6, accent, 0.18, sunR * 0.6);
  fillCircle(image, sunX, sunY, sunR, accent, 0.95, 2);

  const shapes = { low: 3, medium: 6, high: 10, xhigh: 12, max: 14 }[options.quality] ?? 6;
  for (let s = 0; s < shapes; s += 1) {
    const color = hsl((palette.hue + random() * 120 - 60 + 360) % 360, 0.6, 0.45 + random() * 0.3);
    const size = unit * (0.03 + random() * 0.07);
    const x = random() * w;
    const y = random() * h * 0.6;
    if (random() < 0.5) fillCircle(image, x, y, size, color, 0.55);
    else fillRect(image, x - size, y - size, size * 2, size * 2, color, 0.45);
  }

  // Hills: three sine silhouettes, darker towards the front.
  for (let layer = 0; layer < 3; layer += 1) {
    const base = h * (0.55 + layer * 0.12);
    const amp = h * (0.05 + random() * 0.06);
    const freq = (Math.PI * 2 * (0.6 + random() * 1.4)) / w;
    const phase = random() * Math.PI * 2;
    const shade = 1 - layer * 0.3;
    const color: Rgb = [
      deep[0] + (glow[0] - deep[0]) * shade * 0.4,
      deep[1] + (glow[1] - deep[1]) * shade * 0.4,
      deep[2] + (glow[2] - deep[2]) * shade * 0.4,
    ];
    for (let x = 0; x < w; x += 1) {
      const top = Math.max(0, Math.floor(base + amp * Math.sin(freq * x + phase)));
      fillRect(image, x, top, 1, h - top, color, 0.9);
    }
  }

  const refs = options.references ?? [];
  const thumb = Math.floor(unit / 6);
  refs.slice(0, 4).forEach((ref, i) => {
    const tw = Math.max(1, Math.round((thumb * ref.width) / Math.max(ref.width, ref.height)));
    const th = Math.max(1, Math.round((thumb * ref.height) / Math.max(ref.width, ref.height)));
    const x = w - (i + 1) * (thumb + 12);
    const y = Math.floor(unit * 0.04);
    fillRect(image, x - 3, y - 3, tw + 6, th + 6, [255, 255, 255], 0.9);
    const small = sampleNearest(ref, tw, th);
    for (let row = 0; row < th; row += 1) {
      for (let col = 0; col < tw; col += 1) {
        const px = x + col;
        const py = y + row;
        if (px < 0 || py < 0 || px >= w || py >= h) continue;
        const si = (row * tw + col) * 4;
        const a = small.data[si + 3]! / 255;
        fillRect(
          image,
          px,
          py,
          1,
          1,
          [small.data[si]!, small.data[si + 1]!, small.data[si + 2]!],
          a,
        );
      }
    }
  });
  return image;
}
