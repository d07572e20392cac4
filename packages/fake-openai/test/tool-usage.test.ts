import { describe, expect, it } from 'vitest';
import { createValidators } from './schema-validator';
import {
  SMALL,
  dataUrl,
  imageItem,
  postJson,
  rawStream,
  testImage,
  useFake,
  userMessage,
  type Loose,
} from './helpers';

const validators = createValidators();
/** response.tool_usage, which SDK 6.49's Response type does not know yet. */
const usageOf = (response: unknown): Loose => (response as { tool_usage: Loose }).tool_usage;

describe('tool_usage', () => {
  const t = useFake();
  const create = (body: Loose): Promise<Loose> =>
    t.client().responses.create({ model: 'gpt-6.1-sol', ...body } as never) as Promise<Loose>;
  const tool = (extra: Loose = {}): Loose => ({
    type: 'image_generation',
    model: 'gpt-image-2.6-sunburst',
    size: '1024x1024',
    quality: 'medium',
    ...extra,
  });

  it('is on a response that made an image, with tokens by kind, and validates', async () => {
    const response = await create({ input: 'A red kite over dunes', tools: [tool()] });
    expect(validators.response(response)).toBeNull();
    const usage = usageOf(response);
    expect(usage.web_search).toEqual({ num_requests: 0 });
    const gen = usage.image_gen;
    expect(gen.output_tokens).toBe(6195); // 2.6 medium at 1024x1024: 3.5 × 2.5's 1,770
    expect(gen.output_tokens_details).toEqual({ image_tokens: 6195, text_tokens: 0 });
    expect(gen.input_tokens_details.image_tokens).toBe(0);
    expect(gen.input_tokens_details.text_tokens).toBe(
      16 + Math.ceil('A red kite over dunes'.length / 4),
    );
    expect(gen.input_tokens).toBe(gen.input_tokens_details.text_tokens);
    expect(gen.cached_tokens).toBeUndefined();
  });

  it('is deterministic and grows with size and quality', async () => {
    const out = async (extra: Loose): Promise<number> =>
      usageOf(await create({ input: 'Same', tools: [tool({ size: SMALL.size, ...extra })] }))
        .image_gen.output_tokens;
    const area = (SMALL.width * SMALL.height) / 1024 ** 2; // 0.625
    expect(await out({})).toBe(await out({}));
    const tokens = await Promise.all(
      ['low', 'medium', 'high', 'max'].map((quality) => out({ quality })),
    );
    expect(tokens).toEqual([700, 6195, 7000, 14_000].map((n) => Math.round(n * area)));
    expect(await out({ quality: 'auto' })).toBe(tokens[1]);
    // Area-scaled: 2048x1024 is twice 1024x1024.
    expect(await out({ size: '2048x1024' })).toBe(2 * 6195);
  });

  it('bills gpt-image-2.6 3–4× the tokens of 2.5 at low and medium (the reference, §2b)', async () => {
    const out = async (model: string, quality: string): Promise<number> =>
      usageOf(await create({ input: 'Same', tools: [tool({ model, quality })] })).image_gen
        .output_tokens;
    for (const quality of ['low', 'medium']) {
      const older = await out('gpt-image-2.5-sunburst', quality);
      const newer = await out('gpt-image-2.6-flare', quality);
      expect(newer / older, quality).toBeGreaterThanOrEqual(3);
      expect(newer / older, quality).toBeLessThanOrEqual(4);
    }
    expect([await out('gpt-image-2', 'low'), await out('gpt-image-2', 'medium')]).toEqual([
      200, 1770,
    ]);
  });

  it('adds 100 output tokens per partial image streamed', async () => {
    const { events } = await rawStream(t.fake, {
      model: 'gpt-6.1-sol',
      input: 'Partials',
      tools: [tool({ partial_images: 3 })],
    });
    const completed = events.at(-1)!;
    expect(completed.type).toBe('response.completed');
    expect(usageOf(completed.response).image_gen.output_tokens).toBe(6195 + 300);
    expect(validators.event(completed)).toBeNull();
    // Without streaming no partial is sent, so none is billed.
    const plain = await create({ input: 'Partials', tools: [tool({ partial_images: 3 })] });
    expect(usageOf(plain).image_gen.output_tokens).toBe(6195);
  });

  it('counts input image tokens by area, and the chained image as cached', async () => {
    const one = dataUrl(await testImage(1024, 1024));
    const two = dataUrl(await testImage(512, 256));
    const edited = await create({ input: userMessage('Blend these', [one, two]), tools: [tool()] });
    const gen = usageOf(edited).image_gen;
    expect(gen.input_tokens_details.image_tokens).toBe(
      3050 + Math.ceil((512 * 256 * 3050) / 1024 ** 2),
    );
    expect(gen.input_tokens).toBe(
      gen.input_tokens_details.image_tokens + gen.input_tokens_details.text_tokens,
    );

    const chained = await create({
      previous_response_id: edited.id,
      input: 'Now at night',
      tools: [tool({ action: 'edit', size: 'auto' })],
    });
    const next = usageOf(chained).image_gen;
    expect(imageItem(chained as never).action).toBe('edit');
    expect(next.input_tokens_details.image_tokens).toBe(3050); // the previous 1024x1024 image
    expect(next.cached_tokens).toBe(3050);
  });

  it('bills a moderation refusal for what it read, not for an image', async () => {
    const refused = await create({ input: 'Something [sim:moderation]', tools: [tool()] });
    const gen = usageOf(refused).image_gen;
    expect(gen.output_tokens).toBe(0);
    expect(gen.input_tokens).toBeGreaterThan(0);
  });

  it('counts only billable searches: open_page is not a search', async () => {
    const response = await create({
      input: 'Harbour tides',
      tools: [{ type: 'web_search', search_context_size: 'high' }],
    });
    const calls = (response.output as Loose[]).filter((o) => o.type === 'web_search_call');
    expect(calls.map((c) => c.action.type)).toEqual(['search', 'open_page']);
    expect(usageOf(response)).toEqual({
      image_gen: {
        input_tokens: 0,
        input_tokens_details: { image_tokens: 0, text_tokens: 0 },
        output_tokens: 0,
        output_tokens_details: { image_tokens: 0, text_tokens: 0 },
      },
      web_search: { num_requests: 1 },
    });
    expect(validators.response(response)).toBeNull();
  });

  it('is absent when no tool ran', async () => {
    const plain = await postJson(t.fake, { model: 'gpt-6.1-sol', input: 'Just text' });
    expect(plain.json).not.toHaveProperty('tool_usage');
    const none = await postJson(t.fake, {
      model: 'gpt-6.1-sol',
      input: 'No tools allowed',
      tools: [tool()],
      tool_choice: 'none',
    });
    expect(none.json).not.toHaveProperty('tool_usage');
  });

  it('covers a search and an image in one response', async () => {
    const response = await create({
      input: 'A poster of the weather in Lisbon',
      tools: [{ type: 'web_search' }, tool({ size: SMALL.size, quality: 'low' })],
    });
    const usage = usageOf(response);
    expect(usage.web_search.num_requests).toBe(1);
    expect(usage.image_gen.output_tokens).toBe(
      Math.round((700 * SMALL.width * SMALL.height) / 1024 ** 2),
    );
    // The search finding the image model reads counts as text input.
    expect(usage.image_gen.input_tokens_details.text_tokens).toBeGreaterThan(
      16 + Math.ceil('A poster of the weather in Lisbon'.length / 4),
    );
  });

  it('is left out of every response with toolUsage: false, as the API may omit it', async () => {
    t.fake.configure({ toolUsage: false });
    try {
      const response = await create({ input: 'A kite', tools: [tool({ size: SMALL.size })] });
      expect(imageItem(response as never).status).toBe('completed');
      expect(response).not.toHaveProperty('tool_usage');
    } finally {
      t.fake.configure({ toolUsage: true });
    }
  });
});
