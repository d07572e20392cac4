/** What each image model accepts, and the request-level fields a careful client sends. */
import { describe, expect, it } from 'vitest';
import {
  SMALL,
  dataUrl,
  imageItem,
  postJson,
  sdk,
  testImage,
  useFake,
  userMessage,
  withFake,
  type Loose,
} from './helpers';

const tool = {
  type: 'image_generation',
  model: 'gpt-image-2.6-sunburst',
  size: SMALL.size,
} as const;
describe('per-model capability rules', () => {
  const t = useFake();
  const post = (extra: Loose, input: unknown = 'x'): ReturnType<typeof postJson> =>
    postJson(t.fake, { model: 'gpt-6.1-sol', input, tools: [{ ...tool, ...extra }] });

  it.each([
    ['gpt-image-2.5-sunburst', 'xhigh'],
    ['gpt-image-2.5-flare-2026-09-08', 'max'],
    ['gpt-image-2.6-sunburst', 'max'],
    ['gpt-image-2.6-flare', 'xhigh'],
  ])('accepts quality on %s: %s', async (model, quality) => {
    const res = await post({ model, quality });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(imageItem(res.json as never).quality).toBe(quality);
  });

  it('refuses xhigh and max on gpt-image-2', async () => {
    for (const quality of ['xhigh', 'max']) {
      const res = await post({ model: 'gpt-image-2', quality });
      expect(res.status).toBe(400);
      expect(res.json.error).toMatchObject({ param: 'tools[0].quality', code: 'invalid_value' });
    }
  });

  it('accepts complexity only on the 2.6 models', async () => {
    for (const model of ['gpt-image-2.6-sunburst', 'gpt-image-2.6-flare']) {
      const res = await post({ model, complexity: 'high' });
      expect(res.status, JSON.stringify(res.json)).toBe(200);
      expect(res.json.tools[0]).toMatchObject({ complexity: 'high' });
    }
    const wrong = await post({ complexity: 'extreme' });
    expect(wrong.json.error).toMatchObject({ param: 'tools[0].complexity', code: 'invalid_value' });
    for (const model of ['gpt-image-2', 'gpt-image-2.5-sunburst']) {
      const res = await post({ model, complexity: 'low' });
      expect(res.status).toBe(400);
      expect(res.json.error).toMatchObject({
        param: 'tools[0].complexity',
        code: 'unsupported_parameter',
      });
    }
  });

  it('refuses input_fidelity on every gpt-image-2 model (the API says omit it)', async () => {
    for (const model of ['gpt-image-2', 'gpt-image-2.5-flare', 'gpt-image-2.6-sunburst']) {
      const res = await post({ model, input_fidelity: 'high' });
      expect(res.status).toBe(400);
      expect(res.json.error).toMatchObject({
        param: 'tools[0].input_fidelity',
        code: 'unsupported_parameter',
      });
      expect(res.json.error.message).toContain('omit it');
    }
    expect((await post({ input_fidelity: null })).status).toBe(200);
  });

  it('accepts action generate, edit and auto', async () => {
    const image = dataUrl(await testImage(SMALL.width, SMALL.height));
    for (const action of ['generate', 'edit', 'auto']) {
      const res = await post({ action }, userMessage('Paint it', [image]));
      expect(res.status, action).toBe(200);
      expect(imageItem(res.json as never).action).toBe(action === 'generate' ? 'generate' : 'edit');
    }
  });
});

describe('request-level fields a careful client sends', () => {
  it('accepts max_tool_calls, parallel_tool_calls and store, echoes them, and honours the cap', async () => {
    await withFake({}, async (fake) => {
      const client = sdk(fake);
      const body = {
        model: 'gpt-6.1-sol',
        input: 'A poster of Lisbon',
        tools: [{ type: 'web_search' as const }, { ...tool }],
        parallel_tool_calls: false,
        store: false,
      };
      // SDK 6.49 does not type max_tool_calls on the request (7.x does).
      const create = (extra: Loose): Promise<Loose> =>
        client.responses.create({ ...body, ...extra } as never) as Promise<Loose>;
      const both = await create({ max_tool_calls: 2 });
      expect((both.output as Loose[]).map((o) => o.type)).toEqual([
        'reasoning',
        'web_search_call',
        'reasoning',
        'image_generation_call',
        'message',
      ]);
      expect(both).toMatchObject({ max_tool_calls: 2, parallel_tool_calls: false, store: false });
      // One call allowed: the search runs, the image is never made (and never billed).
      const capped = await create({ max_tool_calls: 1 });
      expect((capped.output as Loose[]).map((o) => o.type)).not.toContain('image_generation_call');
      expect(fake.stats.images).toBe(1);
      await expect(create({ max_tool_calls: 0 })).rejects.toMatchObject({
        status: 400,
        param: 'max_tool_calls',
      });
      await expect(create({ parallel_tool_calls: 'no' })).rejects.toMatchObject({
        status: 400,
        param: 'parallel_tool_calls',
        code: 'invalid_type',
      });
    });
  });
});
