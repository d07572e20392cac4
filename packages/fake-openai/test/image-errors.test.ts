import { describe, expect, it } from 'vitest';
import {
  SMALL_TOOL,
  maskUrl,
  postImageTool,
  postJson,
  testImageUrl,
  useFake,
  userMessage,
  type Loose,
} from './helpers';

describe('image_generation: invalid requests get the API 400s', () => {
  const t = useFake();
  const cases: [string, Loose, string, string | null][] = [
    [
      'transparent background with jpeg',
      { background: 'transparent', output_format: 'jpeg' },
      'tools[0].background',
      'invalid_value',
    ],
    [
      'partial_images above 3',
      { partial_images: 4 },
      'tools[0].partial_images',
      'integer_above_max_value',
    ],
    [
      'partial_images below 0',
      { partial_images: -1 },
      'tools[0].partial_images',
      'integer_below_min_value',
    ],
    [
      'a model that is not in the table',
      { model: 'gpt-image-9' },
      'tools',
      'image_generation_user_error',
    ],
    [
      'a model that was shut down',
      { model: 'gpt-image-1' },
      'tools',
      'image_generation_user_error',
    ],
    ['a custom size below 655,360 pixels', { size: '512x512' }, 'tools[0].size', 'invalid_value'],
    [
      'a gpt-image-2 size not divisible by 16',
      { size: '1000x1000' },
      'tools[0].size',
      'invalid_value',
    ],
    [
      'a gpt-image-2 aspect ratio beyond 3:1',
      { size: '3840x1248' },
      'tools[0].size',
      'invalid_value',
    ],
    [
      'a gpt-image-2 size above 8,294,400 pixels',
      { size: '2896x2896' },
      'tools[0].size',
      'invalid_value',
    ],
    [
      'a gpt-image-2 size with a long edge above 3840',
      { size: '4096x1536' },
      'tools[0].size',
      'invalid_value',
    ],
    ['an unknown quality', { quality: 'ultra' }, 'tools[0].quality', 'invalid_value'],
    [
      'an unknown output_format',
      { output_format: 'gif' },
      'tools[0].output_format',
      'invalid_value',
    ],
    [
      'output_compression above 100',
      { output_compression: 101 },
      'tools[0].output_compression',
      'integer_above_max_value',
    ],
    ['an unknown moderation', { moderation: 'strict' }, 'tools[0].moderation', 'invalid_value'],
    ['an unknown action', { action: 'paint' }, 'tools[0].action', 'invalid_value'],
    ['an edit without an image', { action: 'edit' }, 'tools[0].action', 'invalid_value'],
    [
      'input_fidelity on gpt-image-2 (it must be omitted)',
      { input_fidelity: 'low' },
      'tools[0].input_fidelity',
      'unsupported_parameter',
    ],
  ];
  for (const [name, tool, param, code] of cases) {
    it(`rejects ${name}`, async () => {
      const res = await postImageTool(t.fake, { ...SMALL_TOOL, ...tool });
      expect(res.status).toBe(400);
      expect(res.json.error).toMatchObject({ type: 'invalid_request_error', param, code });
      expect(res.json.error.message).toEqual(expect.any(String));
    });
  }

  it('accepts gpt-image-2 sizes at the pixel and edge limits, in both orientations', async () => {
    for (const size of ['3840x2160', '2160x3840', '2880x2880', '1024x640', '640x1024']) {
      const res = await postJson(t.fake, {
        model: 'gpt-6.1-sol',
        input: 'x',
        tools: [{ ...SMALL_TOOL, size }],
        tool_choice: 'none',
      });
      expect(res.status).toBe(200);
    }
  });

  it('rejects a mask of a different size than the first input image', async () => {
    const input = await testImageUrl(64, 64);
    const mask = await maskUrl(32, 32, { x: 0, y: 0, w: 8, h: 8 });
    const res = await postJson(t.fake, {
      model: 'gpt-6.1-sol',
      input: userMessage('edit', [input]),
      tools: [{ ...SMALL_TOOL, input_image_mask: { image_url: mask } }],
    });
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({
      type: 'invalid_request_error',
      param: 'tools[0].input_image_mask',
    });
  });

  it('rejects an undecodable input image with invalid_image', async () => {
    const res = await postJson(t.fake, {
      model: 'gpt-6.1-sol',
      input: userMessage('edit', ['data:image/png;base64,bm90IGFuIGltYWdl']),
      tools: [SMALL_TOOL],
    });
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({
      type: 'invalid_request_error',
      code: 'invalid_image',
      param: 'input[0].content[1].image_url',
    });
  });

  it('rejects a remote image URL it cannot fetch', async () => {
    const res = await postJson(t.fake, {
      model: 'gpt-6.1-sol',
      input: userMessage('edit', ['https://example.com/a.png']),
      tools: [SMALL_TOOL],
    });
    expect(res.json.error).toMatchObject({
      code: 'invalid_image_url',
      param: 'input[0].content[1].image_url',
    });
  });
});
