import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { createFakeOpenAI, type FakeOpenAI } from '../src/index';
import {
  SMALL,
  dataUrl,
  imageItem,
  postJson,
  testImage,
  useFake,
  userMessage,
  type Loose,
} from './helpers';

const tool = {
  type: 'image_generation',
  model: 'gpt-image-2.6-sunburst',
  size: SMALL.size,
} as const;
const sdk = (fake: FakeOpenAI, maxRetries = 0): OpenAI =>
  new OpenAI({ apiKey: 'k', baseURL: fake.baseURL, maxRetries });

/** Runs `body` against a fresh fake with `options`, closing it afterwards. */
async function withFake<T>(
  options: Parameters<typeof createFakeOpenAI>[0],
  body: (fake: FakeOpenAI) => Promise<T>,
): Promise<T> {
  const fake = await createFakeOpenAI(options);
  try {
    return await body(fake);
  } finally {
    await fake.close();
  }
}

const VERIFY =
  'Your organization must be verified to stream this model. Please go to: https://platform.openai.com/settings/organization/general and click on Verify Organization. If you just verified, it can take up to 15 minutes for access to propagate.';

describe('an unverified organization: streaming refused', () => {
  it('refuses stream:true on the chosen models with 400 unsupported_value on stream', async () => {
    await withFake({ faults: { unverifiedStreaming: ['gpt-6.1-sol'] } }, async (fake) => {
      const client = sdk(fake);
      const error = await client.responses
        .create({ model: 'gpt-6.1-sol', input: 'x', tools: [tool], stream: true })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OpenAI.BadRequestError);
      expect((error as InstanceType<typeof OpenAI.BadRequestError>).error).toEqual({
        type: 'invalid_request_error',
        param: 'stream',
        code: 'unsupported_value',
        message: VERIFY,
      });
      // The same request without streaming succeeds; other models still stream.
      const plain = await client.responses.create({
        model: 'gpt-6.1-sol',
        input: 'x',
        tools: [tool],
      });
      expect(imageItem(plain).status).toBe('completed');
      const other = await client.responses
        .stream({ model: 'gpt-6-luna', input: 'x' })
        .finalResponse();
      expect(other.status).toBe('completed');
      expect(fake.stats.faults.unverified).toBe(1);
      expect(fake.requestLog.map((e) => e.status)).toEqual([400, 200, 200]);
    });
  });

  it('refuses every model with unverifiedStreaming: true, and per request with [sim:unverified]', async () => {
    await withFake({ faults: { unverifiedStreaming: true } }, async (fake) => {
      await expect(
        sdk(fake).responses.stream({ model: 'gpt-4.1', input: 'x' }).finalResponse(),
      ).rejects.toMatchObject({ status: 400, param: 'stream', code: 'unsupported_value' });
    });
    await withFake({}, async (fake) => {
      const body = { model: 'gpt-6.1-sol', input: 'A kite [sim:unverified]', tools: [tool] };
      await expect(sdk(fake).responses.create({ ...body, stream: true })).rejects.toMatchObject({
        status: 400,
        code: 'unsupported_value',
      });
      expect((await sdk(fake).responses.create(body)).status).toBe('completed');
      expect(fake.requestLog[0]?.fault).toBe('marker:unverified');
    });
  });
});

describe('429s without hint headers', () => {
  it('gives the wait only in the message when rateLimitHints is false', async () => {
    await withFake(
      { faults: { rateLimit: { first: 1 }, rateLimitHints: false, retryAfterMs: 11_750 } },
      async (fake) => {
        const res = await postJson(fake, { model: 'gpt-6.1-sol', input: 'x' });
        expect(res.status).toBe(429);
        for (const header of [
          'retry-after',
          'retry-after-ms',
          'x-ratelimit-limit-requests',
          'x-ratelimit-remaining-requests',
          'x-ratelimit-reset-requests',
        ])
          expect(res.headers.get(header), header).toBeNull();
        expect(res.json.error).toMatchObject({ code: 'rate_limit_exceeded', type: 'requests' });
        expect(res.json.error.message).toMatch(
          /^Rate limit reached for gpt-6\.1-sol in organization org-simulated on requests per min \(RPM\): .* Please try again in 11\.75s\./,
        );
      },
    );
  });

  it('lets the SDK retry on its own backoff and then succeed', async () => {
    await withFake(
      { faults: { rateLimit: { first: 1 }, rateLimitHints: false, retryAfterMs: 5 } },
      async (fake) => {
        const response = await sdk(fake, 1).responses.create({ model: 'gpt-6.1-sol', input: 'x' });
        expect(response.status).toBe('completed');
        expect(fake.stats.statuses).toEqual({ '200': 1, '429': 1 });
      },
    );
  });

  it('[sim:rate_limit_bare] answers such a 429 on every attempt; [sim:rate_limit] keeps the headers', async () => {
    await withFake({}, async (fake) => {
      const bare = await postJson(fake, { model: 'gpt-6.1-sol', input: '[sim:rate_limit_bare] x' });
      expect(bare.status).toBe(429);
      expect(bare.headers.get('retry-after-ms')).toBeNull();
      expect(bare.json.error.message).toContain('Please try again in 20ms.');
      const hinted = await postJson(fake, { model: 'gpt-6.1-sol', input: '[sim:rate_limit] x' });
      expect(hinted.headers.get('retry-after-ms')).toBe('20');
    });
  });
});

describe('images per minute, per image model', () => {
  const ask = (fake: FakeOpenAI, model: string, input = 'A kite'): ReturnType<typeof postJson> =>
    postJson(fake, { model: 'gpt-6.1-sol', input, tools: [{ ...tool, model }] });

  it('answers 429 rate_limit_exceeded beyond the limit, counts it, and frees slots as the window moves', async () => {
    await withFake({ imagesPerMinute: 2, imageRateWindowMs: 400 }, async (fake) => {
      expect((await ask(fake, 'gpt-image-2.6-sunburst')).status).toBe(200);
      expect((await ask(fake, 'gpt-image-2.6-sunburst')).status).toBe(200);
      const refused = await ask(fake, 'gpt-image-2.6-sunburst');
      expect(refused.status).toBe(429);
      expect(refused.json.error).toMatchObject({ code: 'rate_limit_exceeded', type: 'images' });
      expect(refused.json.error.message).toMatch(
        /gpt-image-2\.6-sunburst .* images per min \(IPM\): Limit 2, .*Please try again in \d+ms\./,
      );
      const wait = Number(refused.headers.get('retry-after-ms'));
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(400);
      // Another image model has its own budget; text-only requests have none.
      expect((await ask(fake, 'gpt-image-2.6-flare')).status).toBe(200);
      expect((await postJson(fake, { model: 'gpt-6.1-sol', input: 'hi' })).status).toBe(200);
      expect(fake.stats.faults.imagesPerMinute).toBe(1);
      expect(fake.stats.statuses['429']).toBe(1);
      await new Promise((r) => setTimeout(r, wait + 20));
      expect((await ask(fake, 'gpt-image-2.6-sunburst')).status).toBe(200);
    });
  });

  it('lets a client that honours retry-after-ms get every image, with zero 429s when it paces itself', async () => {
    await withFake(
      { imagesPerMinute: { 'gpt-image-2.6-sunburst': 1 }, imageRateWindowMs: 50 },
      async (fake) => {
        // The SDK waits what retry-after-ms says: all three images come, after two 429s.
        const client = sdk(fake, 3);
        for (let i = 0; i < 3; i += 1) {
          const r = await client.responses.create({
            model: 'gpt-6.1-sol',
            input: `n${i}`,
            tools: [tool],
          });
          expect(imageItem(r).status).toBe('completed');
        }
        expect(fake.stats.imagesByModel['gpt-image-2.6-sunburst']).toBe(3);
        fake.resetStats();
        // Paced at one image per window, nothing is refused.
        for (let i = 0; i < 2; i += 1) {
          await new Promise((r) => setTimeout(r, 60));
          expect((await ask(fake, 'gpt-image-2.6-sunburst', `p${i}`)).status).toBe(200);
        }
        expect(fake.stats.statuses['429'] ?? 0).toBe(0);
        expect(fake.stats.faults.imagesPerMinute).toBe(0);
      },
    );
  });

  it('[sim:ipm] answers the images-per-minute 429 for one request; without a limit nothing is refused', async () => {
    await withFake({}, async (fake) => {
      const refused = await ask(fake, 'gpt-image-2', 'A kite [sim:ipm]');
      expect(refused.status).toBe(429);
      expect(refused.json.error.message).toContain('images per min (IPM)');
      for (let i = 0; i < 5; i += 1)
        expect((await ask(fake, 'gpt-image-2', `k${i}`)).status).toBe(200);
      expect(fake.stats.faults.imagesPerMinute).toBe(1);
    });
  });

  it('changes at runtime with configure()', async () => {
    await withFake({}, async (fake) => {
      fake.configure({ imagesPerMinute: 0 });
      expect((await ask(fake, 'gpt-image-2')).status).toBe(429);
      fake.configure({ imagesPerMinute: { '*': 5, 'gpt-image-2': 1 } });
      expect((await ask(fake, 'gpt-image-2')).status).toBe(200);
      expect((await ask(fake, 'gpt-image-2')).status).toBe(429);
      expect((await ask(fake, 'gpt-image-2.5-flare')).status).toBe(200);
    });
  });
});

describe('the per-request image byte limit', () => {
  it('refuses images that add up to more than the limit, naming the one that tips it over', async () => {
    const a = await testImage(64, 64);
    const b = await testImage(96, 96);
    await withFake({ limits: { maxImageBytes: a.length + b.length - 1 } }, async (fake) => {
      const over = await postJson(fake, {
        model: 'gpt-6.1-sol',
        input: userMessage('Blend', [dataUrl(a), dataUrl(b)]),
        tools: [tool],
      });
      expect(over.status).toBe(400);
      expect(over.json.error).toMatchObject({
        type: 'invalid_request_error',
        code: 'image_too_large',
        param: 'input[0].content[2].image_url',
      });
      expect(over.json.error.message).toContain(`(${a.length + b.length} bytes before base64)`);
      expect(over.json.error.message).toContain('Send fewer or smaller images');
      // One image alone fits.
      const under = await postJson(fake, {
        model: 'gpt-6.1-sol',
        input: userMessage('One', [dataUrl(b)]),
        tools: [tool],
      });
      expect(under.status).toBe(200);
    });
  });

  it('is 50 MB by default, counted before base64', async () => {
    await withFake({}, async (fake) => {
      // 50 MB + 1 byte of (undecodable) image data: refused before any decoding.
      const big = Buffer.alloc(50 * 1024 * 1024 + 1, 7).toString('base64');
      const res = await postJson(fake, {
        model: 'gpt-6.1-sol',
        input: userMessage('Too big', [`data:image/png;base64,${big}`]),
      });
      expect(res.status).toBe(400);
      expect(res.json.error).toMatchObject({
        code: 'image_too_large',
        param: 'input[0].content[1].image_url',
      });
      expect(res.json.error.message).toContain('52428800 bytes');
    });
  }, 30_000);
});

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

describe('verification and limits are counted so tests can assert none happened', () => {
  it('starts every counter at zero and resets them', async () => {
    await withFake({ imagesPerMinute: 1 }, async (fake) => {
      expect(fake.stats.faults).toMatchObject({ unverified: 0, imagesPerMinute: 0 });
      await postJson(fake, { model: 'gpt-6.1-sol', input: 'x', tools: [tool] });
      await postJson(fake, { model: 'gpt-6.1-sol', input: 'y', tools: [tool] });
      expect(fake.stats.faults.imagesPerMinute).toBe(1);
      fake.resetStats();
      expect(fake.stats.faults.imagesPerMinute).toBe(0);
      // resetStats also empties the window.
      expect(
        (await postJson(fake, { model: 'gpt-6.1-sol', input: 'z', tools: [tool] })).status,
      ).toBe(200);
    });
  });
});
