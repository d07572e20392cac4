import { describe, expect, it } from 'vitest';
import { createImage, fillRect } from '../src/image/canvas';
import { BADGE_AMBER, drawOverlay } from '../src/image/overlay';
import {
  SMALL,
  maskUrl,
  okImageItem,
  pixelsOf,
  postImageTool,
  testImageUrl,
  useFake,
  userMessage,
  type Loose,
} from './helpers';

interface Pixels {
  width: number;
  height: number;
  data: Uint8Array;
}

/** The badge's amber (drawn at 95 % over anything), which neither the scenes nor testImage make. */
const isAmber = (d: Uint8Array, i: number): boolean =>
  Math.abs(d[i]! - BADGE_AMBER[0]) <= 16 &&
  Math.abs(d[i + 1]! - BADGE_AMBER[1]) <= 16 &&
  d[i + 2]! <= 48;

/** The longest horizontal run of amber pixels inside `area`: the badge's top edge. */
const longestAmberRun = (
  pixels: Pixels,
  area = { x: 0, y: 0, width: pixels.width, height: pixels.height },
): number => {
  let longest = 0;
  for (let y = area.y; y < area.y + area.height; y += 1) {
    let run = 0;
    for (let x = area.x; x < area.x + area.width; x += 1) {
      run = isAmber(pixels.data, (y * pixels.width + x) * 4) ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
  }
  return longest;
};

describe('the SIMULATED badge', () => {
  const t = useFake();
  const image = async (input: unknown, tool: Loose): Promise<{ item: Loose; pixels: Pixels }> => {
    const res = await postImageTool(t.fake, tool, input);
    const item = okImageItem(res);
    return { item, pixels: await pixelsOf(item.result) };
  };
  const square = () => testImageUrl(512, 512);

  it('is on a 1536x1024 image made from a square reference (as the generate node asks)', async () => {
    // No action: "auto" edits the reference, resized (cropped) to the landscape size.
    const { item, pixels } = await image(userMessage('A lighthouse', [await square()]), {
      model: 'gpt-image-2.6-flare',
      size: '1536x1024',
    });
    expect(item).toMatchObject({ action: 'edit', size: '1536x1024' });
    expect(longestAmberRun(pixels)).toBeGreaterThan(100);
    // And so is the caption band, over the bottom rows (the reference is bright there).
    const row = (pixels.height - 4) * pixels.width * 4;
    let dark = 0;
    for (let x = 0; x < pixels.width; x += 1)
      if (Math.max(...pixels.data.subarray(row + x * 4, row + x * 4 + 3)) < 60) dark += 1;
    expect(dark).toBeGreaterThan(pixels.width * 0.9);
  });

  it.each([
    [
      '1536x1024 from a square reference, action generate',
      'gpt-image-2.6-sunburst',
      '1536x1024',
      1,
    ],
    ['1024x1536', 'gpt-image-2.5-flare', '1024x1536', 0],
    ['1536x1024 with four references', 'gpt-image-2', '1536x1024', 4],
    ['1024x640', 'gpt-image-2.6-sunburst', SMALL.size, 0],
  ])('is on a generated %s', async (_, model, size, references) => {
    const refs = await Promise.all(Array.from({ length: references }, square));
    const { item, pixels } = await image(userMessage('A harbour at dawn', refs), {
      model,
      size,
      action: 'generate',
    });
    expect(item.size).toBe(size);
    expect(longestAmberRun(pixels)).toBeGreaterThan(30);
  });

  it('is on a 1024x640 edit', async () => {
    const input = await testImageUrl(SMALL.width, SMALL.height);
    const { item, pixels } = await image(userMessage('Make it winter', [input]), {
      model: 'gpt-image-2',
      size: SMALL.size,
    });
    expect(item).toMatchObject({ action: 'edit', size: SMALL.size });
    expect(longestAmberRun(pixels)).toBeGreaterThan(30);
  });

  it('is on an edit of a small image made larger', async () => {
    const input = await testImageUrl(64, 64);
    const { item, pixels } = await image(userMessage('Make it winter', [input]), {
      model: 'gpt-image-2.6-sunburst',
      size: '1536x1024',
    });
    expect(item).toMatchObject({ action: 'edit', size: '1536x1024' });
    expect(longestAmberRun(pixels)).toBeGreaterThan(100);
  });

  it('is inside a small masked area (shortened to fit)', async () => {
    const hole = { x: 100, y: 100, w: 40, h: 30 };
    const { width, height, size } = SMALL;
    const { pixels } = await image(userMessage('A balloon', [await testImageUrl(width, height)]), {
      model: 'gpt-image-2',
      size,
      input_image_mask: { image_url: await maskUrl(width, height, hole) },
    });
    const area = { x: hole.x, y: hole.y, width: hole.w, height: hole.h };
    expect(longestAmberRun(pixels, area)).toBeGreaterThan(12);
  });
});

describe('drawOverlay', () => {
  it('leaves a mark in every area, from 1x1 to full size', () => {
    for (const [width, height] of [
      [1, 1],
      [6, 40],
      [30, 12],
      [60, 20],
      [200, 60],
      [100, 400],
      [1536, 1024],
    ] as const) {
      const canvas = createImage(width + 20, height + 20);
      fillRect(canvas, 0, 0, canvas.width, canvas.height, [128, 128, 128]);
      const area = { x: 10, y: 10, width, height };
      drawOverlay(canvas, { caption: 'A caption', footnote: 'gpt-image-1', area });
      expect(longestAmberRun(canvas, area), `${width}x${height}`).toBeGreaterThan(0);
    }
  });
});
