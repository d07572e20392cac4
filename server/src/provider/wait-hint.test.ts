import { createFakeOpenAI } from '@atelier/fake-openai';
import { describe, expect, it } from 'vitest';
import { waitFromMessage, withWaitHints } from './wait-hint';

describe('waitFromMessage', () => {
  it.each([
    ['Rate limit reached for gpt-image-2 … Please try again in 11.75s. Visit …', 11_750],
    ['Please try again in 250ms.', 250],
    ['Please try again in 1m30.5s.', 90_500],
    ['Please try again later.', undefined],
    [undefined, undefined],
  ])('reads %j as %j ms', (message, ms) => {
    expect(waitFromMessage(message)).toBe(ms);
  });
});

describe('withWaitHints', () => {
  it('adds retry-after-ms to a real 429 that names its wait only in the message', async () => {
    const fake = await createFakeOpenAI({
      faults: { rateLimit: { first: 1 }, rateLimitHints: false, retryAfterMs: 1_750 },
    });
    try {
      const res = await withWaitHints(fetch)(`${fake.baseURL}/responses`, {
        method: 'POST',
        headers: { authorization: 'Bearer t', 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'gpt-6.1-sol', input: 'hi' }),
      });
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after-ms')).toBe('1750');
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
        'rate_limit_exceeded',
      );
    } finally {
      await fake.close();
    }
  });
});
