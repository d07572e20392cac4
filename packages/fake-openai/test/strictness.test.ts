import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeOpenAI, type FakeOpenAI } from '../src/index';
import {
  BEFORE_LEGACY_SHUTDOWN,
  SMALL,
  dataUrl,
  maskImage,
  maskUrl,
  okImageItem,
  pixelsOf,
  postImageTool,
  testImageUrl,
  useFake,
  userMessage,
  type Loose,
} from './helpers';

/** Requests the real API refuses (or resolves differently) must not pass the fake either. */
describe('as strict as the real API', () => {
  const t = useFake();
  const post = (tool: Loose, input?: unknown) => postImageTool(t.fake, tool, input);

  it('answers 404 (not 500) to GET of an id with a malformed percent escape', async () => {
    for (const id of ['a%', '%E0%A4%A', 'resp_%zz']) {
      const res = await fetch(`${t.fake.baseURL}/responses/${id}`, {
        headers: { authorization: 'Bearer sk-test' },
      });
      expect(res.status, id).toBe(404);
      expect(((await res.json()) as Loose).error).toMatchObject({
        type: 'invalid_request_error',
        message: `Response with id '${id}' not found.`,
      });
    }
  });

  describe('on the legacy models, while they were alive', () => {
    let legacy: FakeOpenAI;
    beforeAll(async () => {
      legacy = await createFakeOpenAI({ now: BEFORE_LEGACY_SHUTDOWN });
    });
    afterAll(() => legacy.close());
    const postLegacy = (tool: Loose, input: unknown) => postImageTool(legacy, tool, input);

    for (const [model, input, size] of [
      ['gpt-image-1', [100, 100], '1024x1024'],
      ['gpt-image-1.5', [300, 150], '1536x1024'],
      ['gpt-image-1.5', [150, 300], '1024x1536'],
      ['gpt-image-1-mini', [110, 100], '1024x1024'],
    ] as const) {
      it(`resolves size auto for a ${input.join('x')} edit on ${model} to ${size}`, async () => {
        const image = await testImageUrl(input[0], input[1]);
        const res = await postLegacy({ model, size: 'auto' }, userMessage('Make it blue', [image]));
        const item = okImageItem(res);
        expect(item).toMatchObject({ action: 'edit', size });
        const pixels = await pixelsOf(item.result);
        expect(`${pixels.width}x${pixels.height}`).toBe(size);
      });
    }

    it('resolves size auto for a masked gpt-image-1.5 edit to a standard size', async () => {
      const image = await testImageUrl(120, 80);
      const mask = await maskUrl(120, 80, { x: 0, y: 0, w: 40, h: 40 });
      const res = await postLegacy(
        { model: 'gpt-image-1.5', size: 'auto', input_image_mask: { image_url: mask } },
        userMessage('Add a moon', [image]),
      );
      expect(okImageItem(res).size).toBe('1536x1024');
    });

    it('refuses a custom size on gpt-image-1.5 (standard sizes only)', async () => {
      const res = await postLegacy({ model: 'gpt-image-1.5', size: SMALL.size }, 'x');
      expect(res.status).toBe(400);
      expect(res.json.error).toMatchObject({ param: 'tools[0].size', code: 'invalid_value' });
    });
  });

  // gpt-image-2 keeps an input size it can produce; otherwise a standard size.
  for (const [input, size] of [
    [[1280, 720], '1280x720'],
    [[640, 480], '1536x1024'], // 307,200 px: below the 655,360 minimum
    [[100, 60], '1536x1024'],
  ] as const) {
    it(`resolves size auto for a ${input.join('x')} edit on gpt-image-2 to ${size}`, async () => {
      const image = await testImageUrl(input[0], input[1]);
      const res = await post(
        { model: 'gpt-image-2', size: 'auto' },
        userMessage('Make it blue', [image]),
      );
      const item = okImageItem(res);
      expect(item).toMatchObject({ action: 'edit', size });
      const pixels = await pixelsOf(item.result);
      expect(`${pixels.width}x${pixels.height}`).toBe(size);
    });
  }

  for (const model of ['gpt-image-2', 'gpt-image-2-2026-04-21']) {
    it(`accepts background transparent on ${model} (in preview)`, async () => {
      const res = await post({ model, size: SMALL.size, background: 'transparent' });
      expect(okImageItem(res).background).toBe('transparent');
    });
  }

  for (const size of ['01024x1024', '1024x0768', '0768x1024', '1024x00768']) {
    it(`rejects the non-canonical size ${size}`, async () => {
      const res = await post({ model: 'gpt-image-2', size });
      expect(res.status).toBe(400);
      expect(res.json.error).toMatchObject({ param: 'tools[0].size', code: 'invalid_value' });
    });
  }

  for (const format of ['webp', 'jpeg'] as const) {
    it(`rejects a ${format} mask: masks must be PNG`, async () => {
      const image = await testImageUrl(64, 64);
      const png = sharp(await maskImage(64, 64, { x: 0, y: 0, w: 16, h: 16 }));
      const bytes = await (format === 'webp' ? png.webp() : png.jpeg()).toBuffer();
      const mask = dataUrl(bytes, `image/${format}`);
      const res = await post(
        { model: 'gpt-image-2.6-sunburst', input_image_mask: { image_url: mask } },
        userMessage('edit', [image]),
      );
      expect(res.status).toBe(400);
      expect(res.json.error).toMatchObject({
        type: 'invalid_request_error',
        param: 'tools[0].input_image_mask.image_url',
        code: 'invalid_image_format',
      });
      expect(res.json.error.message).toMatch(/PNG/);
    });
  }

  it('rejects a PNG mask of 4 MB or more', async () => {
    const width = 1100;
    const height = 1000;
    const noise = Buffer.alloc(width * height * 4);
    let x = 12345;
    for (let i = 0; i < noise.length; i += 1) {
      x = (x * 1103515245 + 12345) >>> 0;
      noise[i] = i % 4 === 3 ? ((x >>> 24) & 1) * 255 : x >>> 24;
    }
    const big = await sharp(noise, { raw: { width, height, channels: 4 } })
      .png({ compressionLevel: 0 })
      .toBuffer();
    expect(big.length).toBeGreaterThan(4 * 1024 * 1024);
    const image = await testImageUrl(width, height);
    const res = await post(
      { model: 'gpt-image-2.6-sunburst', input_image_mask: { image_url: dataUrl(big) } },
      userMessage('edit', [image]),
    );
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({
      param: 'tools[0].input_image_mask.image_url',
      code: 'image_file_too_large',
    });
  });
});
