/** Failures a real key meets: unverified streaming, 429s without hints, the image byte limit. */
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import {
  SMALL,
  dataUrl,
  imageItem,
  postJson,
  sdk,
  testImage,
  userMessage,
  withFake,
} from './helpers';

const tool = {
  type: 'image_generation',
  model: 'gpt-image-2.6-sunburst',
  size: SMALL.size,
} as const;
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
        sdk(fake).responses.stream({ model: 'gpt-6-astra', input: 'x' }).finalResponse(),
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
