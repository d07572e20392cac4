/** The images-per-minute limit per image model (option imagesPerMinute, marker [sim:ipm]). */
import { describe, expect, it } from 'vitest';
import { ImageRateLimiter } from '../src/image-rate';
import type { FakeOpenAI } from '../src/index';
import { SMALL, imageItem, postJson, sdk, withFake } from './helpers';

const tool = {
  type: 'image_generation',
  model: 'gpt-image-2.6-sunburst',
  size: SMALL.size,
} as const;
describe('images per minute, per image model', () => {
  const ask = (fake: FakeOpenAI, model: string, input = 'A kite'): ReturnType<typeof postJson> =>
    postJson(fake, { model: 'gpt-6.1-sol', input, tools: [{ ...tool, model }] });

  it('answers 429 rate_limit_exceeded beyond the limit, with the wait, and counts it', async () => {
    await withFake({ imagesPerMinute: 2 }, async (fake) => {
      expect((await ask(fake, 'gpt-image-2.6-sunburst')).status).toBe(200);
      expect((await ask(fake, 'gpt-image-2.6-sunburst')).status).toBe(200);
      const refused = await ask(fake, 'gpt-image-2.6-sunburst');
      expect(refused.status).toBe(429);
      expect(refused.json.error).toMatchObject({ code: 'rate_limit_exceeded', type: 'images' });
      expect(refused.json.error.message).toMatch(
        /gpt-image-2\.6-sunburst .* images per min \(IPM\): Limit 2, .*Please try again in [\d.]+s\./,
      );
      const wait = Number(refused.headers.get('retry-after-ms'));
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(60_000);
      // Another image model has its own budget; text-only requests have none.
      expect((await ask(fake, 'gpt-image-2.6-flare')).status).toBe(200);
      expect((await postJson(fake, { model: 'gpt-6.1-sol', input: 'hi' })).status).toBe(200);
      expect(fake.stats.faults.imagesPerMinute).toBe(1);
      expect(fake.stats.statuses['429']).toBe(1);
    });
  });

  it('frees a slot once the oldest image leaves the window (sliding window)', () => {
    const limiter = new ImageRateLimiter(2, 1000);
    expect(limiter.take('m', 0)).toEqual({ ok: true });
    expect(limiter.take('m', 400)).toEqual({ ok: true });
    expect(limiter.take('m', 900)).toEqual({ ok: false, limit: 2, used: 2, retryAfterMs: 100 });
    expect(limiter.take('other', 900)).toEqual({ ok: true });
    expect(limiter.take('m', 1000)).toEqual({ ok: true }); // the image at 0 has left
    expect(limiter.take('m', 1001)).toEqual({ ok: false, limit: 2, used: 2, retryAfterMs: 399 });
    expect(new ImageRateLimiter(undefined, 1000).take('m', 0)).toEqual({ ok: true });
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
