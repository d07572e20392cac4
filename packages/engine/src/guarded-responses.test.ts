import { afterEach, describe, expect, it, vi } from 'vitest';
import { NodeError } from '@atelier/nodes';
import { DEFAULT_RETRY, retryDelayMs } from './guarded-responses';
import { runWorkflow } from './run-workflow';
import { FakeResponses, toyOptions, toyWorkflow } from './testing';

const rateLimited = (retryAfterMs?: number) =>
  new NodeError('rate_limit_exceeded', 'Rate limit reached for requests.', {
    status: 429,
    retryable: true,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });

describe('retryDelayMs', () => {
  it('waits what the server asked for', () => {
    expect(retryDelayMs(rateLimited(1234), 1, DEFAULT_RETRY)).toBe(1234);
  });

  it('bounds a server-sent delay by maxDelayMs', () => {
    expect(retryDelayMs(rateLimited(600_000), 1, DEFAULT_RETRY)).toBe(60_000);
  });

  it('backs off exponentially with up to 25 % jitter without a hint', () => {
    for (let i = 0; i < 20; i++) {
      const delay = retryDelayMs(rateLimited(), 3, DEFAULT_RETRY);
      expect(delay).toBeGreaterThanOrEqual(3_000);
      expect(delay).toBeLessThanOrEqual(4_000);
    }
  });
});

describe('rate-limit backoff shared across a run', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /**
   * `x` is rate limited once (retry after 1 s) while `b` is in flight; `b` then finishes
   * and its dependent `c` wants to call the API during the pause.
   */
  const scenario = async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const fake = new FakeResponses();
    // The engine schedules through real event-loop turns (setImmediate) as well as timers,
    // so the test waits for what it needs to have happened, never for a number of ticks.
    let xFailed = false;
    let bCalled = false;
    let releaseB = () => {};
    const bHeld = new Promise<void>((resolve) => (releaseB = resolve));
    fake.handler = async (request, options, index) => {
      if (request.input === 'x' && index === 0) {
        xFailed = true;
        throw rateLimited(1_000);
      }
      if (request.input === 'b') {
        bCalled = true;
        await bHeld;
      }
      return fake.respond(request, options);
    };
    const workflow = toyWorkflow(
      [
        { id: 'x', type: 'ask', data: { prompt: 'x' } },
        { id: 'b', type: 'ask', data: { prompt: 'b' } },
        { id: 'c', type: 'ask', data: { prompt: 'c' } },
      ],
      ['b.text -> c.prompt'],
    );
    const finished = runWorkflow(toyOptions(workflow, { responses: fake }));
    // Due timers fire (time stands still) and real turns pass until both calls were made.
    while (!(xFailed && bCalled)) {
      await vi.advanceTimersByTimeAsync(0);
      await new Promise((resolve) => setImmediate(resolve));
    }
    releaseB();
    await vi.advanceTimersByTimeAsync(999);
    const callsDuringPause = fake.requests.map((r) => r.input);
    await vi.advanceTimersByTimeAsync(1);
    const summary = await finished;
    return { fake, callsDuringPause, summary: () => summary };
  };

  it('holds every other API call of the run until the retry time', async () => {
    const { callsDuringPause } = await scenario();
    expect(callsDuringPause).toEqual(['x', 'b']);
  });

  it('then retries the rate-limited call, lets the held call go, and succeeds', async () => {
    const { fake, summary } = await scenario();
    const afterPause = fake.requests.slice(2).map((r) => r.input);
    expect(afterPause.sort()).toEqual(['c\necho(simulator): b', 'x']);
    expect(summary()!.status).toBe('succeeded');
  });

  it('logs the pause on the rate-limited node', async () => {
    const { summary } = await scenario();
    expect(summary()!.nodes.x!.log).toEqual([
      'Rate limited by the API: all calls of this run wait 1 s, then this call is retried (attempt 2 of 4).',
    ]);
  });
});

describe('rate-limit retries', () => {
  const run = (error: () => NodeError, attempts = 3) => {
    const fake = new FakeResponses({
      handler: () => {
        throw error();
      },
    });
    const workflow = toyWorkflow([{ id: 'a', type: 'ask' }]);
    const options = toyOptions(workflow, {
      responses: fake,
      retry: { maxAttempts: attempts, baseDelayMs: 1 },
    });
    return runWorkflow(options).then((summary) => ({ summary, fake }));
  };

  it('gives up after maxAttempts with the rate-limit error', async () => {
    const { summary, fake } = await run(() => rateLimited());
    expect(fake.calls).toBe(3);
    expect(summary.nodes.a!.error!.code).toBe('rate_limit_exceeded');
    // Every attempt reached the API: the run's usage says so although the node failed.
    expect(summary.usage.requests).toBe(3);
  });

  it('counts a rate-limited attempt of a node that then succeeded as a request', async () => {
    const fake = new FakeResponses();
    fake.handler = async (request, options, index) => {
      if (index === 0) throw rateLimited(1);
      return fake.respond(request, options);
    };
    const workflow = toyWorkflow([{ id: 'a', type: 'ask' }]);
    const summary = await runWorkflow(toyOptions(workflow, { responses: fake }));
    expect(summary.status).toBe('succeeded');
    expect([summary.usage.requests, summary.nodes.a!.usage!.requests]).toEqual([2, 2]);
  });

  it.each(['insufficient_quota', 'moderation_blocked', 'invalid_request_error', 'server_error'])(
    'does not retry %s',
    async (code) => {
      const { summary, fake } = await run(() => new NodeError(code, 'no', { status: 400 }));
      expect(fake.calls).toBe(1);
      expect(summary.nodes.a!.error!.code).toBe(code);
      expect(summary.usage.requests).toBe(1);
    },
  );
});
