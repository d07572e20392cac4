import type { ImageValue, MaskValue } from '@atelier/graph';
import { describe, expect, it } from 'vitest';
import { dataUrl } from './base64';
import { editNode } from './edit';
import type { ImageGenerationTool, InputContent, ResponsesRequest } from './responses';
import { NodeError } from './responses';
import { MemoryBlobs } from './testing/blobs';
import { harness } from './testing/context';
import type { Reply } from './testing/context';
import { encodePng } from './testing/png';
import { imageCall, response } from './testing/responses';

const IDENTITY = 'simulator';
const ok = (id = 'resp_2'): Reply => ({ response: response([imageCall({ id: 'ig_2' })], id) });
const notFound = (): Reply => ({
  error: new NodeError(
    'previous_response_not_found',
    "Previous response with id 'resp_1' not found.",
    {
      status: 400,
    },
  ),
});

/** A stored 16x16 image; `generated` gives it the provenance of an earlier call. */
const setup = async (generated: boolean) => {
  const blobs = new MemoryBlobs();
  const bytes = encodePng(16, 16);
  const stored = await blobs.put(bytes);
  const image: ImageValue = generated
    ? { ...stored, provider: IDENTITY, responseId: 'resp_1', callId: 'ig_1' }
    : stored;
  return { blobs, bytes, image };
};

const contentOf = (request: ResponsesRequest): InputContent[] =>
  Array.isArray(request.input) ? request.input[0]!.content : [];
const toolOf = (request: ResponsesRequest) => request.tools?.[0] as ImageGenerationTool;

const run = async (
  inputs: Record<string, unknown>,
  options: { blobs: MemoryBlobs; replies?: Reply[]; data?: Record<string, unknown> },
) => {
  const h = harness(editNode, {
    identity: IDENTITY,
    replies: options.replies ?? [ok()],
    blobs: options.blobs,
    data: options.data ?? {},
    inputs: { instruction: 'Make it blue', ...inputs } as never,
  });
  const result = await editNode.run(h.ctx);
  return { ...h, result };
};

describe('edit', () => {
  it('chains on the previous response instead of re-sending an image of the same provider', async () => {
    const { blobs, image } = await setup(true);
    const { responses } = await run({ image }, { blobs });
    const request = responses.requests[0]!;
    expect([request.previous_response_id, contentOf(request)]).toEqual([
      'resp_1',
      [{ type: 'input_text', text: 'Make it blue' }],
    ]);
  });

  it('sends the image when it came from another provider', async () => {
    const { blobs, bytes, image } = await setup(true);
    const h = harness(editNode, {
      identity: 'openai:https://api.openai.com/v1',
      replies: [ok()],
      blobs,
      inputs: { image, instruction: 'Make it blue' },
    });
    await editNode.run(h.ctx);
    const request = h.responses.requests[0]!;
    expect([request.previous_response_id, contentOf(request)[1]]).toEqual([
      undefined,
      { type: 'input_image', image_url: dataUrl('image/png', bytes), detail: 'auto' },
    ]);
  });

  it('sends an uploaded image as the first input_image', async () => {
    const { blobs, bytes, image } = await setup(false);
    const { responses } = await run({ image }, { blobs });
    expect(contentOf(responses.requests[0]!)[1]).toEqual({
      type: 'input_image',
      image_url: dataUrl('image/png', bytes),
      detail: 'auto',
    });
  });

  it('falls back once to sending the image when the previous response is gone', async () => {
    const { blobs, image } = await setup(true);
    const { responses } = await run({ image }, { blobs, replies: [notFound(), ok()] });
    expect(
      responses.requests.map((r) => [r.previous_response_id, contentOf(r).map((c) => c.type)]),
    ).toEqual([
      ['resp_1', ['input_text']],
      [undefined, ['input_text', 'input_image']],
    ]);
  });

  it('says in its log that it re-sent the image', async () => {
    const { blobs, image } = await setup(true);
    const { logs } = await run({ image }, { blobs, replies: [notFound(), ok()] });
    expect(logs).toEqual([
      'The previous response resp_1 is no longer stored by the API; re-sent the image instead.',
    ]);
  });

  it('records two requests in its usage after a fallback', async () => {
    const { blobs, image } = await setup(true);
    const { result } = await run({ image }, { blobs, replies: [notFound(), ok()] });
    expect([result.usage?.requests, result.usage?.imageCalls[0]?.inputImages]).toEqual([2, 1]);
  });

  it('does not fall back a second time', async () => {
    const { blobs, image } = await setup(true);
    const h = harness(editNode, {
      identity: IDENTITY,
      blobs,
      replies: [notFound(), notFound(), ok()],
      inputs: { image, instruction: 'Make it blue' },
    });
    await expect(editNode.run(h.ctx)).rejects.toMatchObject({
      code: 'previous_response_not_found',
    });
    expect(h.responses.requests).toHaveLength(2);
  });

  it('does not retry other errors of a chained request', async () => {
    const { blobs, image } = await setup(true);
    const h = harness(editNode, {
      identity: IDENTITY,
      blobs,
      replies: [{ error: new NodeError('rate_limit_exceeded', 'Slow down') }, ok()],
      inputs: { image, instruction: 'Make it blue' },
    });
    await expect(editNode.run(h.ctx)).rejects.toMatchObject({ code: 'rate_limit_exceeded' });
    expect(h.responses.requests).toHaveLength(1);
  });

  it('always sends the image and the mask for a masked edit, even when it could chain', async () => {
    const { blobs, bytes, image } = await setup(true);
    const maskBytes = encodePng(16, 16, (x) => [0, 0, 0, x < 8 ? 0 : 255]);
    const mask = (await blobs.put(maskBytes)) as MaskValue;
    const { responses } = await run({ image, mask }, { blobs });
    const request = responses.requests[0]!;
    expect([
      request.previous_response_id,
      contentOf(request)[1],
      toolOf(request).input_image_mask,
    ]).toEqual([
      undefined,
      { type: 'input_image', image_url: dataUrl('image/png', bytes), detail: 'auto' },
      { image_url: dataUrl('image/png', maskBytes) },
    ]);
  });

  it('refuses a mask whose size differs from the image, naming both sizes', async () => {
    const { blobs, image } = await setup(false);
    const mask = (await blobs.put(encodePng(8, 8))) as MaskValue;
    const h = harness(editNode, { blobs, inputs: { image, mask, instruction: 'x' } });
    await expect(editNode.run(h.ctx)).rejects.toMatchObject({
      code: 'mask_size_mismatch',
      message: expect.stringMatching(/8x8.*16x16/),
    });
  });

  it('sends references after the image', async () => {
    const { blobs, image } = await setup(false);
    const ref = await blobs.put(encodePng(4, 4));
    const { responses } = await run({ image, references: [ref, ref] }, { blobs });
    expect(contentOf(responses.requests[0]!).map((c) => c.type)).toEqual([
      'input_text',
      'input_image',
      'input_image',
      'input_image',
    ]);
  });

  it('refuses more than 16 images in all before calling the API', async () => {
    const { blobs, image } = await setup(false);
    const h = harness(editNode, {
      blobs,
      inputs: { image, instruction: 'x', references: Array.from({ length: 16 }, () => image) },
    });
    await expect(editNode.run(h.ctx)).rejects.toMatchObject({ code: 'too_many_images' });
    expect(h.responses.requests).toEqual([]);
  });

  it('sends input_fidelity to a model that takes it', async () => {
    const { blobs, image } = await setup(false);
    const { responses } = await run(
      { image },
      { blobs, data: { input_fidelity: 'high', image_model: 'gpt-image-1.5' } },
    );
    expect(toolOf(responses.requests[0]!).input_fidelity).toBe('high');
  });

  it('omits input_fidelity for the gpt-image-2 family, which rejects it', async () => {
    const { blobs, image } = await setup(false);
    const { responses } = await run({ image }, { blobs, data: { input_fidelity: 'high' } });
    expect(toolOf(responses.requests[0]!)).not.toHaveProperty('input_fidelity');
  });

  it('sends action "edit", so a chained edit cannot draw a new picture', async () => {
    const { blobs, image } = await setup(true);
    const { responses } = await run({ image }, { blobs });
    expect(toolOf(responses.requests[0]!).action).toBe('edit');
  });

  it.each([
    ['a 404', new NodeError('not_found', 'Not found', { status: 404 })],
    [
      'an error blaming previous_response_id',
      new NodeError('invalid_request', 'Bad id', { status: 400, param: 'previous_response_id' }),
    ],
  ])('falls back to sending the image on %s of a chained request', async (_, error) => {
    const { blobs, bytes, image } = await setup(true);
    const { responses, logs } = await run({ image }, { blobs, replies: [{ error }, ok()] });
    expect(responses.requests).toHaveLength(2);
    expect(contentOf(responses.requests[1]!)[1]).toEqual({
      type: 'input_image',
      image_url: dataUrl('image/png', bytes),
      detail: 'auto',
    });
    expect(logs.join('\n')).toMatch(/no longer stored by the API/);
  });

  it('sends the image instead of chaining when the server stores nothing, and says so', async () => {
    const { blobs, image } = await setup(true);
    const h = harness(editNode, {
      identity: IDENTITY,
      replies: [ok()],
      blobs,
      api: { store: false },
      inputs: { image, instruction: 'Make it blue' },
    });
    await editNode.run(h.ctx);
    const request = h.responses.requests[0]!;
    expect([request.previous_response_id, request.store, contentOf(request)[1]?.type]).toEqual([
      undefined,
      false,
      'input_image',
    ]);
    expect(h.logs.join('\n')).toMatch(/store: false/);
  });

  it('outputs the edited image with the provenance of its own response', async () => {
    const { blobs, image } = await setup(true);
    const { result } = await run({ image }, { blobs });
    expect(result.outputs.image).toMatchObject({
      responseId: 'resp_2',
      callId: 'ig_2',
      provider: IDENTITY,
    });
  });
});
