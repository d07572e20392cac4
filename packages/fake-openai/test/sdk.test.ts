import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { SMALL, imageItem, postJson, rawStream, rgba, useFake, type Loose } from './helpers';

const image = { type: 'image_generation', model: 'gpt-image-2', size: SMALL.size } as const;

describe('the official openai SDK against the fake', () => {
  const t = useFake();

  it('creates a response without streaming and gets a decodable image', async () => {
    const response = await t
      .client()
      .responses.create({ model: 'gpt-6.1-sol', input: 'A lighthouse at dusk', tools: [image] });
    expect(response.object).toBe('response');
    expect(response.status).toBe('completed');
    expect(response.output.map((o) => o.type)).toEqual([
      'reasoning',
      'image_generation_call',
      'message',
    ]);
    expect(response._request_id).toMatch(/^req_/);
    const item = imageItem(response);
    expect(item.id).toMatch(/^ig_/);
    const pixels = await rgba(Buffer.from(item.result as string, 'base64'));
    expect([pixels.width, pixels.height]).toEqual([SMALL.width, SMALL.height]);
    expect(response.usage?.input_tokens_details.cached_tokens).toBe(0);
    // As the recorded real stream: the image tool's definition and instructions are ~2.9k
    // input tokens, and the model reasons ~1k tokens before calling it.
    expect(response.usage?.input_tokens).toBeGreaterThan(2800);
    expect(response.usage?.output_tokens_details.reasoning_tokens).toBeGreaterThanOrEqual(1024);
  });

  it('streams with create({stream:true}) from response.created to response.completed', async () => {
    const stream = await t.client().responses.create({
      model: 'gpt-6.1-sol',
      input: 'A lighthouse',
      tools: [image],
      stream: true,
    });
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    expect(types[0]).toBe('response.created');
    expect(types[1]).toBe('response.in_progress');
    expect(types.at(-1)).toBe('response.completed');
  });

  it('builds the final response with responses.stream().finalResponse()', async () => {
    const partials: number[] = [];
    const stream = t
      .client()
      .responses.stream({
        model: 'gpt-6.1-sol',
        input: 'A lighthouse',
        tools: [{ ...image, partial_images: 2 }],
      })
      .on('response.image_generation_call.partial_image', (e) =>
        partials.push(e.partial_image_index),
      );
    const final = await stream.finalResponse();
    expect(final.status).toBe('completed');
    expect(partials).toEqual([0, 1]);
    expect(imageItem(final).result).toEqual(expect.any(String));
  });

  it('sends the right content types and an x-request-id in both modes', async () => {
    const plain = await postJson(t.fake, { model: 'gpt-6.1-sol', input: 'hi' });
    expect(plain.headers.get('content-type')).toBe('application/json');
    expect(plain.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]{32}$/);
    const streamed = await rawStream(t.fake, { model: 'gpt-6.1-sol', input: 'hi' });
    expect(streamed.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(streamed.headers.get('x-request-id')).toMatch(/^req_/);
  });

  it('frames every event as `event: <type>` followed by `data: <json>`', async () => {
    const { frames } = await rawStream(t.fake, { model: 'gpt-6.1-sol', input: 'hi' });
    expect(frames.length).toBeGreaterThan(4);
    for (const frame of frames) expect(frame.event).toBe(frame.data.type);
  });

  it('retrieves a stored response with GET /v1/responses/{id}', async () => {
    const client = t.client();
    const created = await client.responses.create({ model: 'gpt-6.1-sol', input: 'keep me' });
    const fetched = await client.responses.retrieve(created.id);
    expect(fetched.id).toBe(created.id);
    expect(fetched.output_text).toBe(created.output_text);
  });

  it('maps error statuses to the SDK error classes', async () => {
    const client = t.client();
    await expect(
      client.responses.create({
        model: 'gpt-6.1-sol',
        input: 'x',
        tools: [{ ...image, partial_images: 9 }],
      }),
    ).rejects.toBeInstanceOf(OpenAI.BadRequestError);
    await expect(
      client.responses.create({ model: 'gpt-6.1-sol', input: '[sim:rate_limit] x' }),
    ).rejects.toBeInstanceOf(OpenAI.RateLimitError);
    await expect(
      client.responses.create({ model: 'gpt-6.1-sol', input: '[sim:server_error] x' }),
    ).rejects.toBeInstanceOf(OpenAI.InternalServerError);
    await expect(client.responses.retrieve('resp_unknown')).rejects.toBeInstanceOf(
      OpenAI.NotFoundError,
    );
  });

  it('answers 401 without a bearer key', async () => {
    const res = await postJson(t.fake, { model: 'gpt-6.1-sol', input: 'x' }, {});
    expect(res.status).toBe(401);
    expect(res.json.error.type).toBe('invalid_request_error');
    const client = new OpenAI({
      apiKey: 'sk-test',
      baseURL: t.fake.baseURL,
      maxRetries: 0,
      defaultHeaders: { authorization: null },
    });
    await expect(
      client.responses.create({ model: 'gpt-6.1-sol', input: 'x' }),
    ).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
  });

  it('exposes code, param and type of a 400 on the SDK error', async () => {
    const error = (await t
      .client()
      .responses.create({
        model: 'gpt-6.1-sol',
        input: 'x',
        tools: [{ ...image, background: 'transparent', output_format: 'jpeg' }],
      })
      .catch((e: unknown) => e)) as Loose;
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error.status).toBe(400);
    expect(error.type).toBe('invalid_request_error');
    expect(error.param).toBe('tools[0].background');
    expect(error.requestID).toMatch(/^req_/);
  });
});

describe('SDK retries against injected faults', () => {
  const t = useFake();

  it('retries a 429 honouring retry-after-ms and then succeeds (every Nth request fails)', async () => {
    t.fake.configure({ faults: { rateLimit: { everyNth: 2 }, retryAfterMs: 5 } });
    t.fake.resetStats();
    const client = t.client({ maxRetries: 2 });
    await client.responses.create({ model: 'gpt-6.1-sol', input: 'one' }); // request 1: ok
    const second = await client.responses.create({ model: 'gpt-6.1-sol', input: 'two' }); // 2: 429, 3: ok
    expect(second.status).toBe('completed');
    expect(t.fake.stats.responses).toBe(3);
    expect(t.fake.requestLog.map((e) => e.status)).toEqual([200, 429, 200]);
    expect(t.fake.stats.faults.rateLimit).toBe(1);
  });

  it('waits at least retry-after-ms before retrying (longer than the SDK default backoff)', async () => {
    t.fake.configure({ faults: { rateLimit: { first: 1 }, retryAfterMs: 800 } });
    t.fake.resetStats();
    await t.client({ maxRetries: 1 }).responses.create({ model: 'gpt-6.1-sol', input: 'patience' });
    const [failed, retried] = t.fake.requestLog;
    expect(failed?.status).toBe(429);
    expect(retried!.at - failed!.at).toBeGreaterThanOrEqual(800);
  });

  it('gives up after maxRetries when every request fails with 503', async () => {
    t.fake.configure({ faults: { overloaded: { everyNth: 1 } } });
    t.fake.resetStats();
    await expect(
      t.client({ maxRetries: 2 }).responses.create({ model: 'gpt-6.1-sol', input: 'x' }),
    ).rejects.toBeInstanceOf(OpenAI.InternalServerError);
    expect(t.fake.stats.responses).toBe(3);
  });

  it('stops the SDK from retrying with x-should-retry: false', async () => {
    t.fake.configure({ faults: { serverError: { everyNth: 1 }, shouldRetry: false } });
    t.fake.resetStats();
    await expect(
      t.client({ maxRetries: 2 }).responses.create({ model: 'gpt-6.1-sol', input: 'x' }),
    ).rejects.toBeInstanceOf(OpenAI.InternalServerError);
    expect(t.fake.stats.responses).toBe(1);
    expect(t.fake.requestLog[0]?.fault).toBe('fault:serverError');
  });

  it('makes the SDK retry even a 400 with x-should-retry: true', async () => {
    t.fake.configure({ faults: { shouldRetry: true, retryAfterMs: 1 } });
    t.fake.resetStats();
    await expect(
      t.client({ maxRetries: 1 }).responses.create({ model: '', input: 'x' }),
    ).rejects.toBeInstanceOf(OpenAI.BadRequestError);
    expect(t.fake.stats.responses).toBe(2);
    t.fake.configure({ faults: {} });
  });
});
