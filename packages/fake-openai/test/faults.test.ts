import OpenAI from 'openai';
import { describe, expect, it, vi } from 'vitest';
import { createFakeOpenAI } from '../src/index';
import { SMALL, imageItem, postJson, rawStream, useFake, type Loose } from './helpers';

const tool = {
  type: 'image_generation',
  model: 'gpt-image-2',
  size: SMALL.size,
  partial_images: 2,
} as const;

describe('prompt markers', () => {
  const t = useFake();

  it('[sim:moderation] fails the image call with moderation_blocked and completes with a refusal', async () => {
    const response = await t.client().responses.create({
      model: 'gpt-6.1-sol',
      input: 'Something [SIM:Moderation]',
      tools: [tool],
    });
    expect(response.status).toBe('completed');
    const item = imageItem(response);
    expect(item).toMatchObject({
      status: 'failed',
      result: null,
      error: { code: 'moderation_blocked', type: 'image_generation_user_error' },
    });
    const message = response.output.find((o) => o.type === 'message') as Loose;
    expect(message.content[0]).toEqual({
      type: 'refusal',
      refusal: expect.stringMatching(/safety system/),
    });
    expect(t.fake.stats.faults.moderation).toBeGreaterThan(0);
  });

  it('[sim:moderation] is also visible through responses.stream()', async () => {
    const final = await t
      .client()
      .responses.stream({ model: 'gpt-6.1-sol', input: '[sim:moderation] x', tools: [tool] })
      .finalResponse();
    expect(imageItem(final).error.code).toBe('moderation_blocked');
  });

  it('[sim:quota] streams the nested error event: the SDK throws an APIError with code insufficient_quota', async () => {
    const stream = await t
      .client()
      .responses.create({ model: 'gpt-6.1-sol', input: '[sim:quota] hi', stream: true });
    const seen: string[] = [];
    const error = await (async () => {
      for await (const event of stream) seen.push(event.type);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect(error).toMatchObject({
      code: 'insufficient_quota',
      type: 'insufficient_quota',
      status: undefined,
    });
    expect(seen).toEqual(['response.created', 'response.in_progress']);
  });

  it('[sim:quota] without streaming is a 429 insufficient_quota', async () => {
    const res = await postJson(t.fake, { model: 'gpt-6.1-sol', input: '[sim:quota] hi' });
    expect(res.status).toBe(429);
    expect(res.json.error).toMatchObject({
      type: 'insufficient_quota',
      code: 'insufficient_quota',
    });
  });

  it('[sim:rate_limit] is a 429 rate_limit_exceeded with retry-after-ms', async () => {
    const res = await postJson(t.fake, { model: 'gpt-6.1-sol', input: 'hi [sim:rate_limit]' });
    expect(res.status).toBe(429);
    expect(res.json.error).toMatchObject({ code: 'rate_limit_exceeded' });
    expect(Number(res.headers.get('retry-after-ms'))).toBeGreaterThan(0);
    await expect(
      t.client().responses.create({ model: 'gpt-6.1-sol', input: '[sim:rate_limit]' }),
    ).rejects.toMatchObject({
      status: 429,
      code: 'rate_limit_exceeded',
    });
  });

  it('[sim:server_error] is a 500', async () => {
    const res = await postJson(t.fake, { model: 'gpt-6.1-sol', input: '[sim:server_error]' });
    expect(res.status).toBe(500);
    expect(res.json.error.type).toBe('server_error');
  });

  it('[sim:cut] breaks the stream before any terminal event', async () => {
    const { events } = await rawStream(t.fake, {
      model: 'gpt-6.1-sol',
      input: '[sim:cut] x',
      tools: [tool],
    }).catch(() => ({ events: [] as Loose[] }));
    expect(
      events.every((e) => !['response.completed', 'response.failed'].includes(e.type as string)),
    ).toBe(true);
    const stream = await t.client().responses.create({
      model: 'gpt-6.1-sol',
      input: '[sim:cut] x',
      tools: [tool],
      stream: true,
    });
    const seen: string[] = [];
    const error = await (async () => {
      for await (const event of stream) seen.push(event.type);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(seen.length).toBe(5);
    expect(seen).not.toContain('response.completed');
    expect(t.fake.stats.cut).toBeGreaterThan(0);
  });

  it('[sim:cut] makes responses.stream().finalResponse() reject', async () => {
    await expect(
      t.client().responses.stream({ model: 'gpt-6.1-sol', input: '[sim:cut] x' }).finalResponse(),
    ).rejects.toBeInstanceOf(Error);
  });

  it('[sim:stall] goes silent after a few events until the client aborts', async () => {
    t.fake.resetStats();
    const controller = new AbortController();
    const stream = await t
      .client()
      .responses.create(
        { model: 'gpt-6.1-sol', input: '[sim:stall] x', tools: [tool], stream: true },
        { signal: controller.signal },
      );
    const iterator = stream[Symbol.asyncIterator]();
    expect((await iterator.next()).value?.type).toBe('response.created');
    expect((await iterator.next()).value?.type).toBe('response.in_progress');
    const silence = Symbol('silence');
    const next = iterator.next();
    expect(await Promise.race([next, new Promise((r) => setTimeout(() => r(silence), 300))])).toBe(
      silence,
    );
    expect(t.fake.stats.inFlight).toBe(1);
    controller.abort();
    await next.catch(() => undefined);
    await vi.waitFor(() => expect(t.fake.stats.stalled).toBe(1));
    expect(t.fake.stats.inFlight).toBe(0);
    expect(t.fake.requestLog.at(-1)?.outcome).toBe('stalled');
  });
});

describe('fault injection by options', () => {
  it('injects faults by rate, deterministically for a seed', async () => {
    const fake = await createFakeOpenAI({ seed: 42, faults: { serverError: { rate: 0.5 } } });
    try {
      const run = async (): Promise<number[]> => {
        const statuses: number[] = [];
        for (let i = 0; i < 16; i += 1)
          statuses.push((await postJson(fake, { model: 'gpt-6.1-sol', input: `n${i}` })).status);
        return statuses;
      };
      const first = await run();
      fake.resetStats();
      expect(await run()).toEqual(first);
      const failures = first.filter((s) => s === 500).length;
      expect(failures).toBeGreaterThan(0);
      expect(failures).toBeLessThan(16);
      expect(fake.stats.faults.serverError).toBe(failures);
    } finally {
      await fake.close();
    }
  });

  it('cuts and stalls streams by option, with configurable event counts', async () => {
    const fake = await createFakeOpenAI({ faults: { cut: { everyNth: 1 }, cutAfterEvents: 3 } });
    try {
      const { events } = await rawStream(fake, { model: 'gpt-6.1-sol', input: 'x' }).catch(() => ({
        events: [] as Loose[],
      }));
      expect(events.length).toBeLessThanOrEqual(3);
      expect(fake.stats.cut).toBe(1);
      fake.configure({ faults: {} });
      const ok = await rawStream(fake, { model: 'gpt-6.1-sol', input: 'x' });
      expect(ok.events.at(-1)?.type).toBe('response.completed');
    } finally {
      await fake.close();
    }
  });

  it('stops producing a stream when the client goes away', async () => {
    const fake = await createFakeOpenAI({ latency: { perEventMs: 20 } });
    try {
      const client = new OpenAI({ apiKey: 'k', baseURL: fake.baseURL, maxRetries: 0 });
      const stream = await client.responses.create({
        model: 'gpt-6.1-sol',
        input: 'a long answer',
        stream: true,
      });
      let seen = 0;
      for await (const _event of stream) if (++seen === 3) break; // break aborts the request
      await vi.waitFor(() => expect(fake.stats.aborted).toBe(1));
      expect(fake.stats.completed).toBe(0);
      expect(fake.requestLog[0]?.outcome).toBe('aborted');
    } finally {
      await fake.close();
    }
  });

  it('close() ends stalled streams', async () => {
    const fake = await createFakeOpenAI({ faults: { stall: { first: 1 } } });
    const pending = rawStream(fake, { model: 'gpt-6.1-sol', input: 'x' }).catch((e: unknown) => e);
    await vi.waitFor(() => expect(fake.stats.streams).toBe(1));
    await fake.close();
    expect(await pending).toBeInstanceOf(Error);
  });

  it('records every request in the log and counts them', async () => {
    const fake = await createFakeOpenAI({
      latency: { firstByteMs: 1, perEventMs: 1, perPartialImageMs: 1 },
    });
    try {
      await postJson(fake, { model: 'gpt-6.1-sol', input: 'logged' });
      await rawStream(fake, { model: 'gpt-6.1-sol', input: 'streamed', tools: [tool] });
      await fetch(`${fake.baseURL}/nowhere`, { headers: { authorization: 'Bearer k' } });
      expect(fake.requestLog.map((e) => [e.method, e.path, e.status, e.outcome])).toEqual([
        ['POST', '/v1/responses', 200, 'completed'],
        ['POST', '/v1/responses', 200, 'completed'],
        ['GET', '/v1/nowhere', 404, 'error'],
      ]);
      expect(fake.requestLog[0]).toMatchObject({
        body: { model: 'gpt-6.1-sol', input: 'logged' },
        at: expect.any(Number),
        requestId: expect.stringMatching(/^req_/),
      });
      expect(fake.stats).toMatchObject({
        requests: 3,
        responses: 2,
        streams: 1,
        completed: 2,
        images: 1,
        partialImages: 2,
      });
      fake.resetStats();
      expect(fake.requestLog).toEqual([]);
      expect(fake.stats.requests).toBe(0);
    } finally {
      await fake.close();
    }
  });

  it('accepts only the configured api key when one is set', async () => {
    const fake = await createFakeOpenAI({ apiKey: 'sk-right' });
    try {
      const wrong = new OpenAI({ apiKey: 'sk-wrong', baseURL: fake.baseURL, maxRetries: 0 });
      await expect(
        wrong.responses.create({ model: 'gpt-6.1-sol', input: 'x' }),
      ).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
      const right = new OpenAI({ apiKey: 'sk-right', baseURL: fake.baseURL, maxRetries: 0 });
      expect((await right.responses.create({ model: 'gpt-6.1-sol', input: 'x' })).status).toBe(
        'completed',
      );
    } finally {
      await fake.close();
    }
  });
});
