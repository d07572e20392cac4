import { describe, expect, it } from 'vitest';
import { MemoryCacheStore } from './memory-cache-store';
import { runWorkflow } from './run-workflow';
import { RunInputError } from './plan';
import {
  deferred,
  FakeResponses,
  flush,
  heldResponses,
  runCollecting,
  toyOptions,
  toyRegistry,
  toyWorkflow,
} from './testing';
import type { RunEvent } from './types';

const started = (events: RunEvent[]) =>
  events.filter((e) => e.type === 'node.started').map((e) => (e as { nodeId: string }).nodeId);

describe('runWorkflow scheduling', () => {
  it('starts a node only after the nodes feeding it completed', async () => {
    const { fake, held } = heldResponses();
    const workflow = toyWorkflow(
      [
        { id: 'a', type: 'ask', data: { prompt: 'first' } },
        { id: 'b', type: 'ask', data: { prompt: 'second' } },
      ],
      ['a.text -> b.prompt'],
    );
    const events: RunEvent[] = [];
    const done = runWorkflow(toyOptions(workflow, { responses: fake }), (e) => events.push(e));
    await flush();
    expect(started(events)).toEqual(['a']);
    expect(held).toHaveLength(1);
    held[0]!.release();
    await flush();
    expect(started(events)).toEqual(['a', 'b']);
    expect(held[1]!.input).toBe('second\necho(simulator): first');
    held[1]!.release();
    expect((await done).status).toBe('succeeded');
  });

  it('starts independent nodes together', async () => {
    const { fake, held } = heldResponses();
    const workflow = toyWorkflow([
      { id: 'a', type: 'ask', data: { prompt: 'a' } },
      { id: 'b', type: 'ask', data: { prompt: 'b' } },
      { id: 'c', type: 'ask', data: { prompt: 'c' } },
    ]);
    const done = runWorkflow(toyOptions(workflow, { responses: fake }));
    await flush();
    expect(held.map((call) => call.input)).toEqual(['a', 'b', 'c']);
    held.forEach((call) => call.release());
    expect((await done).status).toBe('succeeded');
  });

  it('never has more API calls in flight than the concurrency limit', async () => {
    const { fake, held } = heldResponses();
    const nodes = Array.from({ length: 10 }, (_, i) => ({
      id: `n${i}`,
      type: 'ask',
      data: { prompt: `${i}` },
    }));
    const done = runWorkflow(toyOptions(toyWorkflow(nodes), { responses: fake, concurrency: 3 }));
    for (let released = 0; released < 10; released++) {
      await flush();
      expect(fake.inFlight).toBeLessThanOrEqual(3);
      held.find((call) => !call.gate.settled)!.release();
    }
    const summary = await done;
    expect(summary.status).toBe('succeeded');
    expect(fake.calls).toBe(10);
    expect(fake.maxInFlight).toBe(3);
  });

  it('lets nodes that call no API run while every slot is taken', async () => {
    const { fake, held } = heldResponses();
    const workflow = toyWorkflow(
      [
        { id: 'slow', type: 'ask', data: { prompt: 'slow' } },
        { id: 't1', type: 'text', data: { text: 'x' } },
        { id: 't2', type: 'text', data: { text: 'y' } },
        { id: 'join', type: 'concat' },
      ],
      ['t1.text -> join.parts', 't2.text -> join.parts'],
    );
    const events: RunEvent[] = [];
    const done = runWorkflow(toyOptions(workflow, { responses: fake, concurrency: 1 }), (e) =>
      events.push(e),
    );
    await flush();
    const completed = events
      .filter((e) => e.type === 'node.completed')
      .map((e) => (e as { nodeId: string }).nodeId);
    expect(completed).toEqual(['t1', 't2', 'join']);
    held[0]!.release();
    await done;
  });

  it('passes a multiple port its values in edge (document) order', async () => {
    const workflow = toyWorkflow(
      [
        { id: 'a', type: 'text', data: { text: 'A' } },
        { id: 'b', type: 'text', data: { text: 'B' } },
        { id: 'c', type: 'text', data: { text: 'C' } },
        { id: 'j', type: 'concat', data: { sep: '+' } },
      ],
      ['c.text -> j.parts', 'a.text -> j.parts', 'b.text -> j.parts'],
    );
    const { summary } = await runCollecting(toyOptions(workflow));
    expect(summary.nodes.j!.outputs).toEqual({ text: 'C+A+B' });
  });

  it('streams partial images as node.partial_image events before node.completed', async () => {
    const workflow = toyWorkflow(
      [
        { id: 'p', type: 'text', data: { text: 'a cat' } },
        { id: 'g', type: 'paint', data: { partial_images: 2 } },
      ],
      ['p.text -> g.prompt'],
    );
    const { events } = await runCollecting(toyOptions(workflow));
    const forG = events.filter((e) => 'nodeId' in e && e.nodeId === 'g').map((e) => e.type);
    expect(forG).toEqual([
      'node.started',
      'node.partial_image',
      'node.partial_image',
      'node.completed',
    ]);
  });

  it('reports run.started with the planned nodes first and run.completed last', async () => {
    const workflow = toyWorkflow([{ id: 'a', type: 'text' }]);
    const { events, summary } = await runCollecting(toyOptions(workflow));
    expect(events[0]).toMatchObject({ type: 'run.started', nodes: ['a'] });
    expect(events.at(-1)).toEqual({ type: 'run.completed', at: summary.finishedAt, summary });
  });

  it('keeps a node whose id is a name every object has in its summary', async () => {
    // Documents refuse these ids (parseWorkflow), but the summary must not depend on that.
    const workflow = toyWorkflow(
      [
        { id: '__proto__', type: 'text', data: { text: 'hi' } },
        { id: 'constructor', type: 'concat' },
      ],
      ['__proto__.text -> constructor.parts'],
    );
    const { summary } = await runCollecting(toyOptions(workflow));
    expect(Object.keys(summary.nodes)).toEqual(['__proto__', 'constructor']);
    expect(JSON.parse(JSON.stringify(summary.nodes))).toMatchObject({
      // A computed key: a literal `__proto__:` would set the prototype instead.
      ['__proto__']: { status: 'succeeded', outputs: { text: 'hi' } },
      constructor: { status: 'succeeded', outputs: { text: 'hi' } },
    });
  });
});

describe('runWorkflow targeting and force', () => {
  const chain = () =>
    toyWorkflow(
      [
        { id: 'a', type: 'ask', data: { prompt: 'a' } },
        { id: 'b', type: 'ask', data: { prompt: 'b' } },
        { id: 'c', type: 'ask', data: { prompt: 'c' } },
        { id: 'd', type: 'ask', data: { prompt: 'd' } },
      ],
      ['a.text -> b.prompt', 'b.text -> c.prompt'],
    );

  it('runs only the target and its ancestors', async () => {
    const fake = new FakeResponses();
    const { summary, events } = await runCollecting(
      toyOptions(chain(), { responses: fake, target: 'b' }),
    );
    expect(events[0]).toMatchObject({ type: 'run.started', nodes: ['a', 'b'] });
    expect(Object.keys(summary.nodes)).toEqual(['a', 'b']);
    expect(fake.calls).toBe(2);
    expect(summary.status).toBe('succeeded');
  });

  it('re-executes forced nodes despite a cache hit and caches their new result', async () => {
    const cache = new MemoryCacheStore();
    await runWorkflow(toyOptions(chain(), { cache }));
    const fake = new FakeResponses();
    const putsBefore = cache.puts;
    const summary = await runWorkflow(
      toyOptions(chain(), { cache, responses: fake, force: ['b'] }),
    );
    expect(fake.calls).toBe(1);
    expect(summary.nodes.b!.cached).toBe(false);
    expect(['a', 'c', 'd'].map((id) => summary.nodes[id]!.cached)).toEqual([true, true, true]);
    expect(cache.puts).toBe(putsBefore + 1);
  });

  it('rejects an unknown target, naming it', async () => {
    await expect(runWorkflow(toyOptions(chain(), { target: 'zz' }))).rejects.toThrow(RunInputError);
    await expect(runWorkflow(toyOptions(chain(), { target: 'zz' }))).rejects.toThrow('target "zz"');
  });

  it('rejects a forced id that is not a node', async () => {
    await expect(runWorkflow(toyOptions(chain(), { force: ['a', 'nope'] }))).rejects.toThrow(
      'force[1] "nope"',
    );
  });
});

describe('runWorkflow failures', () => {
  const workflow = () =>
    toyWorkflow(
      [
        { id: 'f', type: 'fail' },
        { id: 'g', type: 'ask' },
        { id: 'h', type: 'concat' },
        { id: 'i', type: 'ask', data: { prompt: 'independent' } },
      ],
      ['f.text -> g.prompt', 'g.text -> h.parts'],
    );

  it('fails the node with its error code and message', async () => {
    const { summary } = await runCollecting(toyOptions(workflow()));
    expect(summary.nodes.f).toMatchObject({
      status: 'failed',
      error: {
        code: 'moderation_blocked',
        message: 'Your request was rejected by the safety system.',
      },
    });
  });

  it('skips every dependent of a failed node, naming the failed node', async () => {
    const { summary, events } = await runCollecting(toyOptions(workflow()));
    for (const id of ['g', 'h']) {
      expect(summary.nodes[id]!.status).toBe('skipped');
      expect(summary.nodes[id]!.error!.code).toBe('upstream_failed');
      expect(summary.nodes[id]!.error!.message).toContain('"f" failed (moderation_blocked)');
    }
    expect(events.filter((e) => e.type === 'node.failed').map((e) => [e.nodeId, e.status])).toEqual(
      [
        ['f', 'failed'],
        ['g', 'skipped'],
        ['h', 'skipped'],
      ],
    );
  });

  it('finishes independent branches and reports the run failed', async () => {
    const fake = new FakeResponses();
    const { summary } = await runCollecting(toyOptions(workflow(), { responses: fake }));
    expect(summary.nodes.i!.status).toBe('succeeded');
    expect(fake.calls).toBe(1);
    expect(summary.status).toBe('failed');
  });

  it('does not cache a failed node', async () => {
    const cache = new MemoryCacheStore();
    await runWorkflow(toyOptions(workflow(), { cache }));
    expect(cache.puts).toBe(1);
  });

  it('reports a node that throws a plain Error as internal_error', async () => {
    const fake = new FakeResponses({
      handler: () => {
        throw new TypeError('boom');
      },
    });
    const wf = toyWorkflow([{ id: 'a', type: 'ask' }]);
    const { summary } = await runCollecting(toyOptions(wf, { responses: fake }));
    expect(summary.nodes.a!.error).toEqual({ code: 'internal_error', message: 'boom' });
  });
});

describe('runWorkflow cancellation', () => {
  const setup = () => {
    const { fake, held } = heldResponses();
    const workflow = toyWorkflow(
      [
        { id: 'a', type: 'ask', data: { prompt: 'a' } },
        { id: 'b', type: 'ask', data: { prompt: 'b' } },
        { id: 'c', type: 'ask', data: { prompt: 'c' } },
      ],
      ['a.text -> b.prompt', 'b.text -> c.prompt'],
    );
    const cache = new MemoryCacheStore();
    const controller = new AbortController();
    const done = runWorkflow(
      toyOptions(workflow, { responses: fake, cache, signal: controller.signal }),
    );
    return { fake, held, workflow, cache, controller, done };
  };

  const cancelDuringB = async () => {
    const s = setup();
    await flush();
    s.held[0]!.release();
    await flush();
    expect(s.held).toHaveLength(2);
    s.controller.abort();
    return { ...s, summary: await s.done };
  };

  it('aborts the signal of in-flight requests', async () => {
    const { held } = await cancelDuringB();
    expect(held[1]!.signal.aborted).toBe(true);
  });

  it('marks unfinished nodes cancelled and the run cancelled', async () => {
    const { summary } = await cancelDuringB();
    expect(summary.status).toBe('cancelled');
    expect(['a', 'b', 'c'].map((id) => summary.nodes[id]!.status)).toEqual([
      'succeeded',
      'cancelled',
      'cancelled',
    ]);
  });

  it('keeps finished outputs in the cache', async () => {
    const { cache, workflow } = await cancelDuringB();
    const fake = new FakeResponses();
    const summary = await runWorkflow(toyOptions(workflow, { cache, responses: fake }));
    expect(summary.nodes.a!.cached).toBe(true);
    expect(fake.calls).toBe(2);
  });

  it('cancels every node when the signal is already aborted', async () => {
    const workflow = toyWorkflow([{ id: 'a', type: 'ask' }]);
    const fake = new FakeResponses();
    const summary = await runWorkflow(
      toyOptions(workflow, { responses: fake, signal: AbortSignal.abort() }),
    );
    expect(summary.status).toBe('cancelled');
    expect(summary.nodes.a!.status).toBe('cancelled');
    expect(fake.calls).toBe(0);
  });

  it('cancels a node waiting for a slot without calling the API', async () => {
    const { fake, held } = heldResponses();
    const workflow = toyWorkflow([
      { id: 'a', type: 'ask', data: { prompt: 'a' } },
      { id: 'b', type: 'ask', data: { prompt: 'b' } },
    ]);
    const controller = new AbortController();
    const done = runWorkflow(
      toyOptions(workflow, { responses: fake, concurrency: 1, signal: controller.signal }),
    );
    await flush();
    controller.abort();
    const summary = await done;
    expect(held).toHaveLength(1);
    expect(summary.nodes.b!.status).toBe('cancelled');
  });
});

describe('runWorkflow after a node was cancelled', () => {
  it('ignores log lines from node code that kept running', async () => {
    let lateLog = () => {};
    const fake = new FakeResponses();
    const registry = new Map(toyRegistry);
    registry.set('stubborn', {
      ...toyRegistry.get('ask')!,
      type: 'stubborn',
      run: (ctx) => {
        lateLog = () => ctx.log('still here');
        return new Promise(() => {}); // ignores its signal
      },
    });
    const workflow = toyWorkflow([{ id: 's', type: 'stubborn' }], [], registry);
    const controller = new AbortController();
    const events: RunEvent[] = [];
    const done = runWorkflow(
      toyOptions(workflow, { registry, responses: fake, signal: controller.signal }),
      (e) => events.push(e),
    );
    await flush();
    controller.abort();
    const summary = await done;
    lateLog();
    expect(summary.nodes.s).toMatchObject({ status: 'cancelled', log: [] });
    expect(events.at(-1)!.type).toBe('run.completed');
  });

  it('drops what node code that ignored the cancel returns later (no cache write)', async () => {
    const late = deferred<{ outputs: { text: string } }>();
    const registry = new Map(toyRegistry);
    registry.set('stubborn', {
      ...toyRegistry.get('ask')!,
      type: 'stubborn',
      run: () => late.promise, // ignores its signal
    });
    const workflow = toyWorkflow([{ id: 's', type: 'stubborn' }], [], registry);
    const cache = new MemoryCacheStore();
    const controller = new AbortController();
    const events: RunEvent[] = [];
    const done = runWorkflow(
      toyOptions(workflow, { registry, cache, signal: controller.signal }),
      (e) => events.push(e),
    );
    await flush();
    controller.abort();
    const summary = await done;
    late.resolve({ outputs: { text: 'too late' } });
    await flush();
    expect(summary.nodes.s).toMatchObject({ status: 'cancelled', error: { code: 'cancelled' } });
    expect(cache.puts).toBe(0);
    expect(events.at(-1)!.type).toBe('run.completed');
  });
});
