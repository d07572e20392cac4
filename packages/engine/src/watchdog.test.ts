import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CreateOptions } from '@atelier/nodes';
import { runWorkflow } from './run-workflow';
import { FakeResponses, toyOptions, toyWorkflow } from './testing';
import { createWithWatchdog } from './watchdog';

const request = { model: 'gpt-5', input: 'hi' };

describe('createWithWatchdog (fake timers)', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const silent = () => {
    let options: CreateOptions | undefined;
    const fake = new FakeResponses({
      handler: (req, opts) => {
        options = opts;
        return new Promise(() => {}); // headers in, then silence
      },
    });
    return { fake, options: () => options! };
  };

  it('fails a stream that stays silent for idleTimeoutMs with stream_stalled', async () => {
    const { fake } = silent();
    const call = createWithWatchdog(fake, request, { signal: new AbortController().signal }, 50);
    const outcome = call.catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(50);
    expect(await outcome).toMatchObject({
      code: 'stream_stalled',
      message: expect.stringContaining('stopped sending data for 0.05 s'),
    });
  });

  it('aborts the stalled request', async () => {
    const { fake, options } = silent();
    void createWithWatchdog(fake, request, { signal: new AbortController().signal }, 50).catch(
      () => {},
    );
    await vi.advanceTimersByTimeAsync(50);
    expect(options().signal.aborted).toBe(true);
  });

  it('restarts the idle timer on every stream event', async () => {
    const { fake, options } = silent();
    let settled = false;
    const done = () => (settled = true);
    void createWithWatchdog(fake, request, { signal: new AbortController().signal }, 50).then(
      done,
      done,
    );
    await vi.advanceTimersByTimeAsync(40);
    options().onEvent!({ type: 'response.in_progress' });
    await vi.advanceTimersByTimeAsync(49);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(settled).toBe(true);
  });

  it('stays quiet through a long generation that sends only keepalive events', async () => {
    const { fake, options } = silent();
    let settled = false;
    const done = () => (settled = true);
    void createWithWatchdog(fake, request, { signal: new AbortController().signal }, 50).then(
      done,
      done,
    );
    for (let i = 0; i < 10; i++) {
      await vi.advanceTimersByTimeAsync(30);
      options().onEvent!({ type: 'keepalive', sequence_number: i });
    }
    // 300 ms in, six idle timeouts long, and still waiting for the image.
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(50);
    expect(settled).toBe(true);
  });

  it('passes stream events on to the caller', async () => {
    const seen: string[] = [];
    const fake: FakeResponses = new FakeResponses({
      handler: (req, opts) => {
        opts.onEvent?.({ type: 'response.created' });
        return fake.respond(req, opts);
      },
    });
    await createWithWatchdog(
      fake,
      request,
      { signal: new AbortController().signal, onEvent: (e) => seen.push(e.type) },
      50,
    );
    expect(seen).toEqual(['response.created']);
  });

  it('rejects with cancelled as soon as the caller aborts, even if the client ignores it', async () => {
    const { fake } = silent();
    const controller = new AbortController();
    const outcome = createWithWatchdog(fake, request, { signal: controller.signal }, 50_000).catch(
      (error: unknown) => error,
    );
    controller.abort();
    await flushMicrotasks();
    expect(await outcome).toMatchObject({ code: 'cancelled' });
  });
});

const flushMicrotasks = () => vi.advanceTimersByTimeAsync(0);

describe('the stream watchdog in a run', () => {
  it('fails a node whose stream stalls with stream_stalled', async () => {
    const fake = new FakeResponses({ handler: () => new Promise(() => {}) });
    const workflow = toyWorkflow([{ id: 'a', type: 'ask' }]);
    const summary = await runWorkflow(toyOptions(workflow, { responses: fake, idleTimeoutMs: 50 }));
    expect(summary.nodes.a!.error!.code).toBe('stream_stalled');
    expect(fake.signals[0]!.aborted).toBe(true);
  });
});
