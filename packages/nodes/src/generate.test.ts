import type { ImageValue } from '@atelier/graph';
import { describe, expect, it } from 'vitest';
import { dataUrl } from './base64';
import { generateNode } from './generate';
import { NodeError } from './responses';
import type { ImageGenerationTool } from './responses';
import { MemoryBlobs } from './testing/blobs';
import { harness } from './testing/context';
import type { Reply } from './testing/context';
import { encodePng } from './testing/png';
import { imageCall, message, partialImage, response } from './testing/responses';

const ok = (): Reply => ({ response: response([imageCall()]) });

const run = async (options: Parameters<typeof harness>[1] = {}) => {
  const h = harness(generateNode, { inputs: { prompt: 'A cat' }, replies: [ok()], ...options });
  const result = await generateNode.run(h.ctx);
  return { ...h, result, request: h.responses.requests[0]! };
};

const toolOf = (request: { tools?: unknown[] }) => request.tools?.[0] as ImageGenerationTool;

describe('generate', () => {
  it('sends the prompt as the first input_text part of one user message', async () => {
    const { request } = await run();
    expect(request.input).toEqual([
      { role: 'user', content: [{ type: 'input_text', text: 'A cat' }] },
    ]);
  });

  it('appends context texts as extra input_text parts in port order', async () => {
    const { request } = await run({ inputs: { prompt: 'A cat', context: ['sunny', 'in Paris'] } });
    expect(Array.isArray(request.input) && request.input[0]!.content.slice(1)).toEqual([
      { type: 'input_text', text: 'sunny' },
      { type: 'input_text', text: 'in Paris' },
    ]);
  });

  it('sends references as input_image parts with base64 data URLs of their bytes', async () => {
    const blobs = new MemoryBlobs();
    const bytes = encodePng(8, 8);
    const ref: ImageValue = await blobs.put(bytes);
    const { request } = await run({ blobs, inputs: { prompt: 'A cat', references: [ref] } });
    expect(Array.isArray(request.input) && request.input[0]!.content[1]).toEqual({
      type: 'input_image',
      image_url: dataUrl('image/png', bytes),
      detail: 'auto',
    });
  });

  it('maps each field one to one onto the image_generation tool', async () => {
    const { request } = await run({
      data: {
        size: '1536x1024',
        quality: 'high',
        background: 'opaque',
        output_format: 'webp',
        output_compression: 80,
        moderation: 'low',
        partial_images: 3,
      },
    });
    expect(toolOf(request)).toEqual({
      type: 'image_generation',
      model: 'gpt-image-2.6-sunburst',
      action: 'generate',
      size: '1536x1024',
      quality: 'high',
      background: 'opaque',
      output_format: 'webp',
      output_compression: 80,
      moderation: 'low',
      partial_images: 3,
    });
  });

  it('does not send output_compression for PNG', async () => {
    const { request } = await run();
    expect(toolOf(request)).not.toHaveProperty('output_compression');
  });

  it('never sends the variant to the API', async () => {
    const { request } = await run({ data: { variant: 7 } });
    expect(JSON.stringify(request)).not.toMatch(/variant|"7"|:7\b/);
  });

  it('uses the configured default models when its model fields are empty', async () => {
    const { request } = await run();
    expect([request.model, toolOf(request).model]).toEqual([
      'gpt-6.1-sol',
      'gpt-image-2.6-sunburst',
    ]);
  });

  it("uses the node's own model fields when they are set", async () => {
    const { request } = await run({ data: { model: 'gpt-5.4', image_model: 'gpt-image-2' } });
    expect([request.model, toolOf(request).model]).toEqual(['gpt-5.4', 'gpt-image-2']);
  });

  it('forces the image tool when web search is off', async () => {
    const { request } = await run();
    expect([request.tools?.length, request.tool_choice]).toEqual([1, { type: 'image_generation' }]);
  });

  it('adds the web_search tool to the same call when web search is on', async () => {
    const { request, responses } = await run({ data: { web_search: true } });
    expect([responses.requests.length, request.tools?.[1], request.tool_choice]).toEqual([
      1,
      { type: 'web_search' },
      'auto',
    ]);
  });

  it('reports each streamed partial image as a stored image, in order', async () => {
    const events = [partialImage(0, 10), partialImage(1, 20)];
    const { progress, blobs } = await run({
      replies: [{ events, response: response([imageCall()]) }],
    });
    expect(
      progress.map((p) => [p.type, p.index, p.image.width, blobs.bytes.has(p.image.blob)]),
    ).toEqual([
      ['partial_image', 0, 16, true],
      ['partial_image', 1, 16, true],
    ]);
  });

  it('outputs the stored image with its provenance', async () => {
    const { result, blobs } = await run({ identity: 'openai:https://api.openai.com/v1' });
    const image = result.outputs.image as ImageValue;
    expect([image.provider, image.responseId, image.callId, blobs.bytes.has(image.blob)]).toEqual([
      'openai:https://api.openai.com/v1',
      'resp_1',
      'ig_1',
      true,
    ]);
  });

  it('outputs the revised prompt the API returned', async () => {
    const { result } = await run();
    expect(result.outputs.revised_prompt).toBe('A cat, photographed');
  });

  it('falls back to its own prompt when the API gives no revised prompt', async () => {
    const { result } = await run({
      replies: [{ response: response([imageCall({ revised_prompt: undefined })]) }],
    });
    expect(result.outputs.revised_prompt).toBe('A cat');
  });

  it('accepts an image whose call still says "generating" when the result is there', async () => {
    const { result } = await run({
      replies: [{ response: response([imageCall({ status: 'generating' })]) }],
    });
    expect((result.outputs.image as ImageValue).width).toBe(16);
  });

  it('records token usage, the resolved image size and quality, partials and input images', async () => {
    const blobs = new MemoryBlobs();
    const ref = await blobs.put(encodePng(4, 4));
    const { result } = await run({
      blobs,
      inputs: { prompt: 'A cat', references: [ref, ref] },
      data: { size: 'auto', quality: 'auto' },
      replies: [{ events: [partialImage(0, 1)], response: response([imageCall()]) }],
    });
    expect(result.usage).toEqual({
      model: 'gpt-5-2025-08-07',
      inputTokens: 120,
      cachedInputTokens: 20,
      outputTokens: 40,
      imageCalls: [
        {
          model: 'gpt-image-2.6-sunburst',
          size: '1024x1024',
          quality: 'medium',
          partialImages: 1,
          inputImages: 2,
        },
      ],
      webSearchCalls: 0,
      requests: 1,
    });
  });

  it("records the image tool's exact tokens from tool_usage, cached tokens split by their details", async () => {
    const withToolUsage = {
      ...response([imageCall()]),
      tool_usage: {
        image_gen: {
          input_tokens: 4_000,
          input_tokens_details: { image_tokens: 3_000, text_tokens: 1_000 },
          output_tokens: 6_300,
          cached_tokens: 500,
          cached_tokens_details: { image_tokens: 400, text_tokens: 100 },
        },
      },
    };
    const { result } = await run({ replies: [{ response: withToolUsage }] });
    expect(result.usage?.imageTokens).toEqual({
      model: 'gpt-image-2.6-sunburst',
      textInput: 900,
      cachedTextInput: 100,
      imageInput: 2_600,
      cachedImageInput: 400,
      output: 6_300,
    });
  });

  it('records no image tokens when the API reports no tool_usage (the cost is then estimated)', async () => {
    const { result } = await run();
    expect(result.usage).not.toHaveProperty('imageTokens');
  });

  it('counts web search calls made inside the same response', async () => {
    const searched = response([
      { type: 'web_search_call', id: 'ws_1', status: 'completed' },
      imageCall(),
    ]);
    const { result } = await run({ data: { web_search: true }, replies: [{ response: searched }] });
    expect(result.usage?.webSearchCalls).toBe(1);
  });

  it('turns a moderation-blocked image call into an actionable NodeError', async () => {
    const blocked = response([
      imageCall({
        status: 'failed',
        result: null,
        error: { code: 'moderation_blocked', message: 'no' },
      }),
    ]);
    const h = harness(generateNode, {
      inputs: { prompt: 'A cat' },
      replies: [{ response: blocked }],
    });
    await expect(generateNode.run(h.ctx)).rejects.toMatchObject({
      code: 'moderation_blocked',
      message: expect.stringMatching(/refused by OpenAI's safety system.*Rephrase/),
    });
  });

  it('turns a refusal message without an image into moderation_blocked', async () => {
    const refused = response([
      {
        type: 'message',
        id: 'msg_1',
        role: 'assistant',
        content: [{ type: 'refusal', refusal: "I can't help with that." }],
      },
    ]);
    const h = harness(generateNode, {
      inputs: { prompt: 'A cat' },
      replies: [{ response: refused }],
    });
    await expect(generateNode.run(h.ctx)).rejects.toMatchObject({
      code: 'moderation_blocked',
      message: expect.stringContaining("I can't help with that."),
    });
  });

  it('says so when the model answered with text instead of an image', async () => {
    const chatty = response([message('Here is a description of a cat.')]);
    const h = harness(generateNode, {
      inputs: { prompt: 'A cat' },
      replies: [{ response: chatty }],
    });
    await expect(generateNode.run(h.ctx)).rejects.toMatchObject({ code: 'no_image' });
  });

  it('refuses an empty prompt before calling the API', async () => {
    const h = harness(generateNode, { inputs: { prompt: '  ' }, replies: [ok()] });
    await expect(generateNode.run(h.ctx)).rejects.toMatchObject({ code: 'missing_input' });
    expect(h.responses.requests).toEqual([]);
  });

  it('refuses a custom size for a model that takes none before calling the API', async () => {
    const h = harness(generateNode, {
      inputs: { prompt: 'A cat' },
      data: { size: '2048x1152', image_model: 'gpt-image-1.5' },
    });
    await expect(generateNode.run(h.ctx)).rejects.toMatchObject({ code: 'invalid_input' });
    expect(h.responses.requests).toEqual([]);
  });

  it('refuses a custom size under the minimum pixel count before calling the API', async () => {
    const h = harness(generateNode, { inputs: { prompt: 'A cat' }, data: { size: '512x512' } });
    await expect(generateNode.run(h.ctx)).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('under the minimum of 655,360'),
    });
    expect(h.responses.requests).toEqual([]);
  });

  it('caps the call at one tool call so it can never be billed for two images', async () => {
    const { request } = await run();
    expect([request.max_tool_calls, request.parallel_tool_calls]).toEqual([1, false]);
  });

  it('sends complexity to a 2.6 model and not to a model that does not take it', async () => {
    const { request } = await run({ data: { complexity: 'high' } });
    expect(toolOf(request).complexity).toBe('high');
    const auto = await run({ data: { complexity: 'auto' } });
    expect(toolOf(auto.request)).not.toHaveProperty('complexity');
  });

  it('sends store: false when the server turns storing off', async () => {
    const { request } = await run({ api: { store: false } });
    expect(request.store).toBe(false);
    const stored = await run();
    expect(stored.request).not.toHaveProperty('store');
  });

  it('refuses references over 50 MB in one request before calling the API, naming the image', async () => {
    const blobs = new MemoryBlobs();
    const big = new Uint8Array(20 * 1024 * 1024);
    big.set(encodePng(8, 8));
    const refs = [];
    for (let i = 0; i < 3; i++) {
      big[big.length - 1] = i; // three distinct blobs
      refs.push(await blobs.put(big.slice()));
    }
    const h = harness(generateNode, { blobs, inputs: { prompt: 'A cat', references: refs } });
    await expect(generateNode.run(h.ctx)).rejects.toMatchObject({
      code: 'request_too_large',
      message: expect.stringMatching(
        /^Reference image 3 brings the images of this call to 60\.0 MB/,
      ),
    });
    expect(h.responses.requests).toEqual([]);
  });

  it('sends a custom size when the image model is gpt-image-2', async () => {
    const { request } = await run({ data: { size: '2048x1152', image_model: 'gpt-image-2' } });
    expect(toolOf(request).size).toBe('2048x1152');
  });

  it('passes the API error through when the call itself fails', async () => {
    const quota = new NodeError('insufficient_quota', 'You exceeded your current quota.');
    const h = harness(generateNode, { inputs: { prompt: 'A cat' }, replies: [{ error: quota }] });
    await expect(generateNode.run(h.ctx)).rejects.toBe(quota);
  });
});

describe('generate data', () => {
  const issues = (data: Record<string, unknown>) => {
    const parsed = generateNode.data.safeParse(data);
    return parsed.success
      ? []
      : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('rejects a transparent background with JPEG output', () => {
    expect(issues({ background: 'transparent', output_format: 'jpeg' })).toEqual([
      'background: a transparent background needs output_format png or webp (JPEG has no alpha)',
    ]);
  });

  it('accepts a transparent background with WebP output', () => {
    expect(issues({ background: 'transparent', output_format: 'webp' })).toEqual([]);
  });

  it('rejects output_compression below 100 with PNG output', () => {
    expect(issues({ output_compression: 50 })).toEqual([
      'output_compression: output_compression applies only to jpeg or webp; use 100 with png',
    ]);
  });

  it('rejects more than three partial images', () => {
    expect(issues({ partial_images: 4 })).toEqual(['partial_images: expected a number ≤ 3']);
  });

  it('refuses a size that is not WIDTHxHEIGHT', () => {
    expect(issues({ size: 'big' })).toEqual([
      'size: expected one of auto, 1024x1024, 1024x1536, 1536x1024 or a custom WIDTHxHEIGHT like 2048x1152',
    ]);
  });
});

describe('generate model rules', () => {
  const problems = (data: Record<string, unknown>, imageModel: string) =>
    generateNode.checkModels!(generateNode.data.parse(data), {
      model: 'gpt-6.1-sol',
      imageModel,
    }).map((p) => `${p.severity} ${p.field}: ${p.message}`);

  it('allows transparent backgrounds on 2.5 and 2.6 and warns that gpt-image-2 has them in preview', () => {
    expect(problems({ background: 'transparent' }, 'gpt-image-2.6-sunburst')).toEqual([]);
    expect(problems({ background: 'transparent' }, 'gpt-image-2.5-flare')).toEqual([]);
    expect(problems({ background: 'transparent' }, 'gpt-image-2')).toEqual([
      'warning background: transparent backgrounds are in preview on gpt-image-2: they may not work; gpt-image-2.6-sunburst or gpt-image-2.6-flare or gpt-image-2.5-sunburst or gpt-image-2.5-flare support them fully',
    ]);
  });

  it('explains what is wrong with a custom size', () => {
    expect(problems({ size: '1000x1000' }, 'gpt-image-2.6-sunburst')).toEqual([
      'error size: both sides of 1000x1000 must be multiples of 16',
    ]);
  });

  it('names the live models that take custom sizes when the model takes none', () => {
    expect(problems({ size: '2048x1152' }, 'gpt-image-1.5')[0]).toMatch(
      /needs a model that takes custom sizes \(gpt-image-2\.6-sunburst or /,
    );
  });

  it.each(['4096x1024', '3840x2176', '976x304', '512x512', '3840x2400'])(
    'refuses the custom size %s',
    (size) => {
      expect(problems({ size }, 'gpt-image-2.6-sunburst')).toHaveLength(1);
    },
  );

  it.each(['1024x640', '3840x2160', '2048x1152', '1536x512'])(
    'accepts the custom size %s',
    (size) => {
      expect(problems({ size }, 'gpt-image-2.6-flare')).toEqual([]);
    },
  );

  it('takes xhigh and max only on the models that accept them', () => {
    expect(problems({ quality: 'max' }, 'gpt-image-2.5-sunburst')).toEqual([]);
    expect(problems({ quality: 'xhigh' }, 'gpt-image-2.6-sunburst')[0]).toMatch(
      /does not take quality "xhigh".*gpt-image-2\.5-sunburst or gpt-image-2\.5-flare do/,
    );
  });

  it('refuses complexity on a model before 2.6', () => {
    expect(problems({ complexity: 'low' }, 'gpt-image-2.5-flare')[0]).toMatch(
      /^error complexity: gpt-image-2\.5-flare does not take complexity/,
    );
  });
});
