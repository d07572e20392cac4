/**
 * Makes the example images once (they are committed): a product photo and a mask of
 * the same size whose transparent pixels are the background an edit may change.
 * Run: `npx tsx examples/assets/make-assets.ts` from the repository root.
 */
import { createRequire } from 'node:module';
import type Sharp from 'sharp';
import { fileURLToPath } from 'node:url';

// sharp is a dependency of the server package; examples/ is not a package of its own.
const require = createRequire(new URL('../../server/package.json', import.meta.url));
const sharp = require('sharp') as typeof Sharp;

const SIZE = 1024;
const out = (name: string) => fileURLToPath(new URL(name, import.meta.url));

/** The bottle's outline, shared by the photo and the mask so they line up exactly. */
const bottle = (fill: string) => `
  <rect x="432" y="170" width="160" height="90" rx="18" fill="${fill === 'white' ? 'white' : '#1f2937'}"/>
  <rect x="462" y="250" width="100" height="70" fill="${fill === 'white' ? 'white' : '#5eead4'}"/>
  <path d="M462 320 C 350 360, 340 420, 340 480 L 340 820 Q 340 870 390 870 L 634 870 Q 684 870 684 820 L 684 480 C 684 420, 674 360, 562 320 Z" fill="${fill}"/>`;

const photo = `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}">
  <defs>
    <linearGradient id="wall" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#f5f0e6"/><stop offset="1" stop-color="#d6cfc2"/>
    </linearGradient>
    <linearGradient id="glass" x1="0" y1="0" x2="1" y2="0">
      <stop offset="0" stop-color="#0f766e"/><stop offset="0.35" stop-color="#2dd4bf"/><stop offset="1" stop-color="#115e59"/>
    </linearGradient>
  </defs>
  <rect width="${SIZE}" height="${SIZE}" fill="url(#wall)"/>
  <rect y="860" width="${SIZE}" height="164" fill="#b8ad9c"/>
  <ellipse cx="512" cy="880" rx="230" ry="26" fill="#00000033"/>
  ${bottle('url(#glass)')}
  <rect x="380" y="520" width="264" height="170" rx="10" fill="#fefce8"/>
  <text x="512" y="600" font-family="sans-serif" font-size="54" font-weight="bold" text-anchor="middle" fill="#134e4a">TIDE</text>
  <text x="512" y="650" font-family="sans-serif" font-size="26" text-anchor="middle" fill="#134e4a">sea salt tonic</text>
</svg>`;

/** Opaque over the bottle (kept), transparent elsewhere (the background to replace). */
const mask = `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}">
  ${bottle('white')}
</svg>`;

await sharp(Buffer.from(photo)).png().toFile(out('product.png'));
// Hard edges: every pixel either kept (alpha 255) or changed (alpha 0), like the editor's painter.
const { data, info } = await sharp(Buffer.from(mask))
  .ensureAlpha()
  .raw()
  .toBuffer({ resolveWithObject: true });
for (let i = 3; i < data.length; i += 4) data[i] = data[i]! >= 128 ? 255 : 0;
await sharp(data, { raw: { width: info.width, height: info.height, channels: 4 } })
  .png()
  .toFile(out('product-mask.png'));
console.log('wrote examples/assets/product.png and product-mask.png');
