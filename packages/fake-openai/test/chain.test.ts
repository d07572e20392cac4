import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { createFakeOpenAI } from '../src/index';
import {
  SMALL,
  SMALL_TOOL,
  imageItem,
  maskUrl,
  pixelsOf,
  postJson,
  testImageUrl,
  useFake,
  userMessage,
} from './helpers';

describe('previous_response_id', () => {
  const t = useFake();

  it('edits the last image of the previous response when no image is given', async () => {
    const client = t.client();
    const first = await client.responses.create({
      model: 'gpt-6.1-sol',
      input: 'A yellow house',
      tools: [SMALL_TOOL],
    });
    const second = await client.responses.create({
      model: 'gpt-6.1-sol',
      previous_response_id: first.id,
      input: 'Paint the door blue',
      tools: [{ type: 'image_generation', model: 'gpt-image-2' }],
    });
    expect(second.previous_response_id).toBe(first.id);
    const edited = imageItem(second);
    expect(edited).toMatchObject({ action: 'edit', size: SMALL.size });
    expect(edited.result).not.toBe(imageItem(first).result);
    expect(second.usage?.input_tokens_details.cached_tokens).toBeGreaterThan(0);
  });

  it('applies a mask to the previous image, pixel-exactly outside the hole', async () => {
    const client = t.client();
    const first = await client.responses.create({
      model: 'gpt-6.1-sol',
      input: 'A field',
      tools: [SMALL_TOOL],
    });
    const mask = await maskUrl(SMALL.width, SMALL.height, { x: 0, y: 0, w: 64, h: 64 });
    const second = await client.responses.create({
      model: 'gpt-6.1-sol',
      previous_response_id: first.id,
      input: 'Add a kite in the corner',
      tools: [{ ...SMALL_TOOL, size: 'auto', input_image_mask: { image_url: mask } }],
    });
    const before = await pixelsOf(imageItem(first).result);
    const after = await pixelsOf(imageItem(second).result);
    const row = SMALL.width * 4;
    const untouched = 64 * row; // rows below the 64x64 hole
    expect(after.data.subarray(untouched).equals(before.data.subarray(untouched))).toBe(true);
    expect(after.data.subarray(0, row).equals(before.data.subarray(0, row))).toBe(false);
  });

  it('keeps editing the previous image when a chained turn also sends references', async () => {
    const client = t.client();
    const first = await client.responses.create({
      model: 'gpt-6.1-sol',
      input: 'A mug',
      tools: [SMALL_TOOL],
    });
    const reference = await testImageUrl(128, 128);
    const second = await client.responses.create({
      model: 'gpt-6.1-sol',
      previous_response_id: first.id,
      input: userMessage('Put this logo on the mug', [reference]) as never,
      tools: [{ ...SMALL_TOOL, size: 'auto' }],
    });
    // The edited image is the previous one (1024x640), not the 128x128 reference.
    expect(imageItem(second)).toMatchObject({ action: 'edit', size: SMALL.size });
  });

  it('accepts an earlier image_generation_call passed back by id', async () => {
    const client = t.client();
    const first = await client.responses.create({
      model: 'gpt-6.1-sol',
      input: 'A boat',
      tools: [SMALL_TOOL],
    });
    const res = await postJson(t.fake, {
      model: 'gpt-6.1-sol',
      input: [
        { role: 'user', content: 'Make it red' },
        { type: 'image_generation_call', id: imageItem(first).id },
      ],
      tools: [{ ...SMALL_TOOL, size: 'auto' }],
    });
    expect(res.status).toBe(200);
    expect(imageItem(res.json as { output: unknown[] }).action).toBe('edit');
  });

  it('edits the previous image with action "edit" and previous_response_id', async () => {
    const client = t.client();
    const first = await client.responses.create({
      model: 'gpt-6.1-sol',
      input: 'A barn',
      tools: [SMALL_TOOL],
    });
    const second = await client.responses.create({
      model: 'gpt-6.1-sol',
      previous_response_id: first.id,
      input: 'Make it red',
      tools: [{ ...SMALL_TOOL, size: 'auto', action: 'edit' }],
    });
    const edited = imageItem(second);
    expect(edited).toMatchObject({ action: 'edit', size: SMALL.size, status: 'completed' });
    expect(edited.revised_prompt).toMatch(/^Simulated edit of the 1024x640 input image/);
  });

  it('refuses action "edit" with no image and no previous_response_id: an edit needs an image', async () => {
    const error = await t
      .client()
      .responses.create({
        model: 'gpt-6.1-sol',
        input: 'Make it red',
        tools: [{ ...SMALL_TOOL, action: 'edit' }],
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error).toMatchObject({
      status: 400,
      param: 'tools[0].action',
      code: 'invalid_value',
      message: expect.stringMatching(/action 'edit' needs an image to edit/),
    });
  });

  it('refuses action "edit" chained to a response that made no image', async () => {
    const client = t.client();
    const text = await client.responses.create({ model: 'gpt-6.1-sol', input: 'Just words' });
    await expect(
      client.responses.create({
        model: 'gpt-6.1-sol',
        previous_response_id: text.id,
        input: 'Edit it',
        tools: [{ ...SMALL_TOOL, action: 'edit' }],
      }),
    ).rejects.toMatchObject({ status: 400, param: 'tools[0].action' });
  });

  it('answers 400 previous_response_not_found for an unknown id', async () => {
    const error = await t
      .client()
      .responses.create({ model: 'gpt-6.1-sol', previous_response_id: 'resp_nope', input: 'x' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).error).toEqual({
      type: 'invalid_request_error',
      code: 'previous_response_not_found',
      message: "Previous response with id 'resp_nope' not found.",
      param: 'previous_response_id',
    });
  });

  it('forgets stored responses on forgetResponses()', async () => {
    const client = t.client();
    const first = await client.responses.create({ model: 'gpt-6.1-sol', input: 'remember me' });
    t.fake.forgetResponses();
    await expect(
      client.responses.create({ model: 'gpt-6.1-sol', previous_response_id: first.id, input: 'x' }),
    ).rejects.toMatchObject({
      status: 400,
      code: 'previous_response_not_found',
    });
    await expect(client.responses.retrieve(first.id)).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  });

  it('does not store responses created with store:false', async () => {
    const client = t.client();
    const first = await client.responses.create({
      model: 'gpt-6.1-sol',
      input: 'ephemeral',
      store: false,
    });
    expect((first as unknown as { store: boolean }).store).toBe(false); // not in the SDK's Response type
    await expect(client.responses.retrieve(first.id)).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  });
});

describe('the response store', () => {
  it('keeps at most storeLimit responses, dropping the least recently used', async () => {
    const fake = await createFakeOpenAI({ storeLimit: 2 });
    try {
      const client = new OpenAI({ apiKey: 'k', baseURL: fake.baseURL, maxRetries: 0 });
      const ids: string[] = [];
      for (const input of ['a', 'b', 'c'])
        ids.push((await client.responses.create({ model: 'gpt-6.1-sol', input })).id);
      await expect(client.responses.retrieve(ids[0]!)).rejects.toBeInstanceOf(OpenAI.NotFoundError);
      expect((await client.responses.retrieve(ids[2]!)).id).toBe(ids[2]);
    } finally {
      await fake.close();
    }
  });
});
