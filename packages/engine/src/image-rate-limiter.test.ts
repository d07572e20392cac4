import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ImageRateLimiter } from './image-rate-limiter';

describe('ImageRateLimiter', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const startTimes = async (limiter: ImageRateLimiter, model: string, calls: number) => {
    const started: number[] = [];
    const t0 = Date.now();
    const all = Array.from({ length: calls }, () =>
      limiter
        .acquire(model, new AbortController().signal)
        .then(() => started.push(Date.now() - t0)),
    );
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    await Promise.all(all);
    return started;
  };

  it('starts at most N image calls per minute, in order, queuing the rest', async () => {
    const started = await startTimes(new ImageRateLimiter(2), 'gpt-image-2.6-sunburst', 5);
    expect(started).toEqual([0, 0, 60_000, 60_000, 120_000]);
  });

  it('counts each image model on its own', async () => {
    const limiter = new ImageRateLimiter(1);
    const signal = new AbortController().signal;
    await limiter.acquire('gpt-image-2.6-sunburst', signal);
    let other = false;
    void limiter.acquire('gpt-image-2.6-flare', signal).then(() => (other = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(other).toBe(true);
  });

  it('tells a caller how long it will wait, and a cancelled wait frees the queue', async () => {
    const limiter = new ImageRateLimiter(1, 1_000);
    const signal = new AbortController().signal;
    await limiter.acquire('m', signal);
    const cancel = new AbortController();
    const waits: number[] = [];
    const first = limiter.acquire('m', cancel.signal, (ms) => waits.push(ms)).catch((e) => e);
    let second = false;
    void limiter.acquire('m', signal).then(() => (second = true));
    await vi.advanceTimersByTimeAsync(10);
    cancel.abort();
    expect(await first).toMatchObject({ code: 'cancelled' });
    expect(waits).toEqual([1_000]);
    await vi.advanceTimersByTimeAsync(990);
    expect(second).toBe(true);
  });

  it('counts a start from when the API answered, so its window never closes before the API’s', async () => {
    const limiter = new ImageRateLimiter(1, 1_000);
    const signal = new AbortController().signal;
    const ticket = await limiter.acquire('m', signal);
    // The API answered 300 ms after the request was sent.
    await vi.advanceTimersByTimeAsync(300);
    ticket.received();
    let next = -1;
    const t0 = Date.now() - 300;
    void limiter.acquire('m', signal).then(() => (next = Date.now() - t0));
    await vi.advanceTimersByTimeAsync(2_000);
    expect(next).toBe(1_300);
  });
});
