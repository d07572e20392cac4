import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { createFakeOpenAI } from '../src/index';
import {
  BEFORE_LEGACY_SHUTDOWN,
  SMALL,
  SMALL_TOOL,
  dataUrl,
  imageItem,
  maskImage,
  okImageItem,
  pixelsOf,
  postImageTool,
  postJson,
  rawStream,
  rgba,
  testImage,
  testImageUrl,
  useFake,
  userMessage,
  type Loose,
} from './helpers';

describe('image_generation: output', () => {
  const t = useFake();
  const generate = async (
    tool: Loose,
    input: unknown = 'A quiet harbour at dawn',
  ): Promise<Loose> => {
    const res = await postImageTool(t.fake, { ...SMALL_TOOL, ...tool }, input);
    return okImageItem(res);
  };

  for (const format of ['png', 'webp', 'jpeg'] as const) {
    it(`encodes ${format} of the requested size`, async () => {
      const item = await generate({ output_format: format, size: '640x1024' });
      const meta = await sharp(Buffer.from(item.result as string, 'base64')).metadata();
      expect(meta.format).toBe(format);
      expect([meta.width, meta.height]).toEqual([640, 1024]);
      expect(item).toMatchObject({
        size: '640x1024',
        output_format: format,
        quality: 'medium',
        background: 'opaque',
        action: 'generate',
      });
      expect(item.revised_prompt).toContain('A quiet harbour at dawn');
    });
  }

  it('resolves size auto to 1024x1024 for a fresh generation', async () => {
    const item = await generate({ model: 'gpt-image-2.6-sunburst', size: 'auto' });
    expect(item.size).toBe('1024x1024');
    const meta = await sharp(Buffer.from(item.result as string, 'base64')).metadata();
    expect([meta.width, meta.height]).toEqual([1024, 1024]);
  });

  it('resolves size auto to the orientation of the first input image when generating from references', async () => {
    const reference = await testImageUrl(300, 150);
    const item = await generate(
      { model: 'gpt-image-2.5-sunburst', size: 'auto', action: 'generate' },
      userMessage('Like this', [reference]),
    );
    expect(item.size).toBe('1536x1024');
  });

  for (const model of ['gpt-image-2', 'gpt-image-2.5-flare', 'gpt-image-2.6-sunburst']) {
    it(`makes transparent backgrounds with alpha in png on ${model}`, async () => {
      const item = await generate({ model, background: 'transparent' });
      expect(item.background).toBe('transparent');
      const pixels = await pixelsOf(item.result);
      let transparent = 0;
      for (let i = 3; i < pixels.data.length; i += 4) if (pixels.data[i] === 0) transparent += 1;
      expect(transparent).toBeGreaterThan(0);
    });
  }

  it('makes transparent backgrounds on a legacy model while it was alive', async () => {
    const legacy = await createFakeOpenAI({ now: BEFORE_LEGACY_SHUTDOWN });
    const res = await postJson(legacy, {
      model: 'gpt-6.1-sol',
      input: 'A sticker',
      tools: [{ type: 'image_generation', model: 'gpt-image-1.5', background: 'transparent' }],
    }).finally(() => legacy.close());
    const item = imageItem(res.json as { output: unknown[] });
    expect(item.background).toBe('transparent');
    const pixels = await pixelsOf(item.result);
    let transparent = 0;
    for (let i = 3; i < pixels.data.length; i += 4) if (pixels.data[i] === 0) transparent += 1;
    expect(transparent).toBeGreaterThan(0);
  });

  it('honours output_compression for jpeg', async () => {
    const low = await generate({ output_format: 'jpeg', output_compression: 10 });
    const high = await generate({ output_format: 'jpeg', output_compression: 100 });
    expect((low.result as string).length).toBeLessThan((high.result as string).length);
  });

  it('is deterministic: the same request gives the same bytes, another prompt other bytes', async () => {
    const a = await generate({ quality: 'high' });
    const b = await generate({ quality: 'high' });
    const c = await generate({ quality: 'high' }, 'A noisy harbour at dusk');
    expect(a.result).toBe(b.result);
    expect(c.result).not.toBe(a.result);
  });

  it('echoes the tool in response.tools with defaults filled in', async () => {
    const res = await postJson(t.fake, {
      model: 'gpt-6.1-sol',
      input: 'x',
      tools: [{ type: 'image_generation', quality: 'low' }],
    });
    expect(res.json.tools).toEqual([
      {
        type: 'image_generation',
        background: 'auto',
        moderation: 'auto',
        n: 1,
        output_compression: 100,
        output_format: 'png',
        quality: 'low',
        size: 'auto',
      },
    ]);
  });

  for (const count of [0, 1, 2, 3]) {
    it(`streams exactly ${count} partial image(s), coarse to fine`, async () => {
      const { events } = await rawStream(t.fake, {
        model: 'gpt-6.1-sol',
        input: 'Partial art',
        tools: [{ ...SMALL_TOOL, partial_images: count }],
      });
      const partials = events.filter(
        (e) => e.type === 'response.image_generation_call.partial_image',
      );
      expect(partials.map((p) => p.partial_image_index)).toEqual([...Array(count).keys()]);
      const colours: number[] = [];
      for (const partial of partials) {
        expect(partial).toMatchObject({
          size: SMALL.size,
          quality: 'medium',
          background: 'opaque',
          output_format: 'png',
        });
        const pixels = await pixelsOf(partial.partial_image_b64);
        expect([pixels.width, pixels.height]).toEqual([SMALL.width, SMALL.height]);
        const distinct = new Set<number>();
        for (let i = 0; i < pixels.data.length; i += 4) distinct.add(pixels.data.readUInt32BE(i));
        colours.push(distinct.size);
      }
      for (let i = 1; i < colours.length; i += 1)
        expect(colours[i]).toBeGreaterThan(colours[i - 1]!);
    });
  }
});

describe('image_generation: edits', () => {
  const t = useFake();
  const edit = async (body: Loose): Promise<{ status: number; json: Loose }> =>
    postJson(t.fake, { model: 'gpt-6.1-sol', ...body });

  for (const format of ['png', 'webp'] as const) {
    it(`a masked edit (${format}) changes only pixels under alpha-0 mask pixels`, async () => {
      const { width, height } = SMALL;
      const input = await testImage(width, height, 'png', format === 'webp');
      const hole = { x: 160, y: 80, w: 400, h: 240 };
      const mask = await maskImage(width, height, hole);
      const res = await edit({
        input: userMessage('Put a red balloon here', [dataUrl(input)]),
        tools: [
          {
            // gpt-image-2 can make the input's own 1024x640; an input it cannot make is
            // resampled to a standard size, and then no pixel stays byte-identical.
            type: 'image_generation',
            model: 'gpt-image-2',
            output_format: format,
            input_image_mask: { image_url: dataUrl(mask) },
          },
        ],
      });
      const item = okImageItem(res);
      expect(item).toMatchObject({ action: 'edit', size: SMALL.size });
      const before = await rgba(input);
      const after = await pixelsOf(item.result);
      expect([after.width, after.height]).toEqual([width, height]);
      let changedInside = 0;
      const changedOutside: string[] = [];
      for (let y = 0; y < height; y += 1) {
        for (let x = 0; x < width; x += 1) {
          const i = (y * width + x) * 4;
          const inside = x >= hole.x && x < hole.x + hole.w && y >= hole.y && y < hole.y + hole.h;
          const same = before.data.readUInt32BE(i) === after.data.readUInt32BE(i);
          if (!inside && !same) changedOutside.push(`${x},${y}`);
          else if (inside && !same) changedInside += 1;
        }
      }
      expect(changedOutside.slice(0, 5), 'pixels outside the mask changed').toEqual([]);
      expect(changedInside).toBeGreaterThan(hole.w * hole.h * 0.5);
    });
  }

  it('an edit without a mask visibly changes the whole input and keeps its size on gpt-image-2', async () => {
    const input = await testImage(1280, 720, 'jpeg');
    const res = await edit({
      input: userMessage('Make it look like winter', [dataUrl(input, 'image/jpeg')]),
      tools: [{ type: 'image_generation', model: 'gpt-image-2' }],
    });
    const item = imageItem(res.json as { output: unknown[] });
    expect(item).toMatchObject({ action: 'edit', size: '1280x720' });
    const before = await rgba(input);
    const after = await pixelsOf(item.result);
    let diff = 0;
    for (let i = 0; i < before.data.length; i += 4)
      diff += Math.abs(before.data[i]! - after.data[i]!);
    expect(diff / (1280 * 720)).toBeGreaterThan(20);
  });

  it('an edit resizes to an explicitly requested size', async () => {
    const input = await testImageUrl(120, 80);
    const res = await edit({
      input: userMessage('Wider', [input]),
      tools: [{ ...SMALL_TOOL, size: '1280x640', action: 'edit' }],
    });
    expect(imageItem(res.json as { output: unknown[] }).size).toBe('1280x640');
  });
});
