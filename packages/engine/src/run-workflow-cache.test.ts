import { describe, expect, it } from 'vitest';
import type { Workflow } from '@atelier/graph';
import { MemoryCacheStore } from './memory-cache-store';
import { runWorkflow } from './run-workflow';
import { FakeResponses, MemoryBlobs, toyOptions, toyWorkflow, type ToyNode } from './testing';
import type { RunOptions, RunSummary } from './types';

/** Ids of nodes that ran (not served from cache), sorted. */
const executed = (summary: RunSummary) =>
  Object.entries(summary.nodes)
    .filter(([, record]) => record.status === 'succeeded' && !record.cached)
    .map(([id]) => id)
    .sort();

const blobs = new MemoryBlobs();
const photo = blobs.putText('photo one');

const nodes = (overrides: Record<string, Partial<ToyNode>> = {}): ToyNode[] =>
  [
    { id: 't1', type: 'text', data: { text: 'a red fox' } },
    { id: 'a1', type: 'ask', data: { prompt: 'expand' } },
    { id: 'a2', type: 'ask', data: { prompt: 'shorten' } },
    { id: 't2', type: 'text', data: { text: 'in snow' } },
    { id: 'a3', type: 'ask', data: { prompt: 'style' } },
    { id: 'j', type: 'concat' },
    { id: 'g', type: 'paint' },
    { id: 'pic', type: 'picture', data: { image: photo } },
    { id: 'd', type: 'describe' },
    { id: 's', type: 'search', data: { prompt: 'weather', max_age: 60 } },
  ].map((node) => ({ ...node, ...overrides[node.id] }));

const EDGES = [
  't1.text -> a1.prompt',
  'a1.text -> a2.prompt',
  't2.text -> a3.prompt',
  'a1.text -> j.parts',
  'a3.text -> j.parts',
  'j.text -> g.prompt',
  'pic.image -> d.image',
];

/** A fake whose text answers differ from the default ones (a model re-rolled). */
const secondTake = () => {
  const fake = new FakeResponses();
  fake.handler = (request, options) => {
    const response = fake.respond(request, options);
    for (const item of response.output)
      if (item.type === 'message')
        for (const part of item.content) if (part.type === 'output_text') part.text += ' (take 2)';
    return response;
  };
  return fake;
};

/** Runs the graph twice on one cache: the second time with `second` options; returns what ran. */
const rerun = async (
  second: Partial<RunOptions> & { workflow?: Workflow },
  first: Partial<RunOptions> = {},
) => {
  const cache = new MemoryCacheStore();
  const base = toyWorkflow(nodes(), EDGES);
  const firstRun = await runWorkflow(toyOptions(base, { cache, blobs, ...first }));
  const fake = new FakeResponses({ identity: 'simulator' });
  const summary = await runWorkflow(
    toyOptions(second.workflow ?? base, { cache, blobs, responses: fake, ...second }),
  );
  return { firstRun, summary, fake };
};

describe('the cache', () => {
  it('makes zero API calls when an unchanged graph runs again', async () => {
    const { summary, fake } = await rerun({});
    expect(fake.calls).toBe(0);
    expect(executed(summary)).toEqual([]);
    expect(summary.status).toBe('succeeded');
  });

  it('reports what cache hits saved, and costs nothing', async () => {
    const { firstRun, summary } = await rerun({});
    expect(firstRun.cost).toBeGreaterThan(0);
    expect(summary.saved).toEqual({ nodes: 10, cost: firstRun.cost });
    expect(summary.cost).toBe(0);
    expect(summary.usage.requests).toBe(0);
  });

  it('writes the node type with each entry', async () => {
    const cache = new MemoryCacheStore();
    await runWorkflow(toyOptions(toyWorkflow(nodes(), EDGES), { cache, blobs }));
    const types = [...cache.entries.values()].map((entry) => entry.nodeType).sort();
    expect(types).toEqual(
      nodes()
        .map((node) => node.type)
        .sort(),
    );
  });

  it('emits node.completed with cached: true and no node.started for hits', async () => {
    const cache = new MemoryCacheStore();
    const wf = toyWorkflow([{ id: 'a', type: 'ask' }]);
    await runWorkflow(toyOptions(wf, { cache }));
    const types: string[] = [];
    const cached: boolean[] = [];
    // Assertions stay outside the listener: one thrown inside it would be the run's to report.
    await runWorkflow(toyOptions(wf, { cache }), (e) => {
      if (e.type === 'node.completed') cached.push(e.cached);
      types.push(e.type);
    });
    expect(types).toEqual(['run.started', 'node.completed', 'run.completed']);
    expect(cached).toEqual([true]);
  });

  it('reports a listener that throws (the run still completes), and fails a failing check', async () => {
    const wf = toyWorkflow([{ id: 'a', type: 'ask' }]);
    const reported: [string, string][] = [];
    const summary = await runWorkflow(
      toyOptions(wf, {
        onListenerError: (error, event) => reported.push([(error as Error).message, event.type]),
      }),
      (e) => {
        if (e.type === 'node.completed') throw new Error('listener broke');
      },
    );
    expect(summary.status).toBe('succeeded');
    expect(reported).toEqual([['listener broke', 'node.completed']]);
  });

  it('re-executes exactly the changed node and what depends on it', async () => {
    const workflow = toyWorkflow(nodes({ t1: { data: { text: 'a grey wolf' } } }), EDGES);
    const { summary } = await rerun({ workflow });
    expect(executed(summary)).toEqual(['a1', 'a2', 'g', 'j', 't1']);
  });

  it('re-rolls a node whose variant changed, and what depends on its new output', async () => {
    const workflow = toyWorkflow(nodes({ a3: { data: { prompt: 'style', variant: 1 } } }), EDGES);
    const { summary } = await rerun({ workflow, responses: secondTake() });
    expect(executed(summary)).toEqual(['a3', 'g', 'j']);
  });

  it('serves dependents from cache when a re-rolled node returns the same output', async () => {
    const workflow = toyWorkflow(nodes({ a3: { data: { prompt: 'style', variant: 1 } } }), EDGES);
    const { summary } = await rerun({ workflow });
    expect(executed(summary)).toEqual(['a3']);
  });

  it('treats an entry older than max_age as stale', async () => {
    let clock = 1_000_000;
    const now = () => clock;
    const cache = new MemoryCacheStore();
    const wf = toyWorkflow(nodes(), EDGES);
    await runWorkflow(toyOptions(wf, { cache, blobs, now }));
    clock += 61_000;
    const summary = await runWorkflow(toyOptions(wf, { cache, blobs, now }));
    expect(executed(summary)).toEqual(['s']);
    expect(summary.nodes.s!.log[0]).toContain('older than max_age 60 s');
  });

  it('serves an entry younger than max_age', async () => {
    let clock = 1_000_000;
    const now = () => clock;
    const cache = new MemoryCacheStore();
    const wf = toyWorkflow(nodes(), EDGES);
    await runWorkflow(toyOptions(wf, { cache, blobs, now }));
    clock += 59_000;
    const summary = await runWorkflow(toyOptions(wf, { cache, blobs, now }));
    expect(executed(summary)).toEqual([]);
  });

  it('starts from a clean cache when the provider identity changes', async () => {
    const fake = new FakeResponses({ identity: 'openai:https://api.openai.com/v1' });
    const { summary } = await rerun({ responses: fake });
    expect(executed(summary)).toEqual(
      nodes()
        .map((n) => n.id)
        .sort(),
    );
  });

  it('re-executes what depends on an input image whose bytes changed', async () => {
    const other = blobs.putText('photo two');
    const workflow = toyWorkflow(nodes({ pic: { data: { image: other } } }), EDGES);
    const { summary } = await rerun({ workflow });
    expect(executed(summary)).toEqual(['d', 'pic']);
  });

  it('ignores image provenance: the same bytes from another response hit the cache', async () => {
    const relabelled = { ...photo, responseId: 'resp_other', callId: 'ig_other', provider: 'x' };
    const workflow = toyWorkflow(nodes({ pic: { data: { image: relabelled } } }), EDGES);
    const { summary } = await rerun({ workflow });
    expect(executed(summary)).toEqual([]);
  });

  it('ignores position and view state', async () => {
    const workflow = toyWorkflow(
      nodes({ a1: { position: { x: 500, y: -20 }, view: { collapsed: true, width: 300 } } }),
      EDGES,
    );
    const { summary, fake } = await rerun({ workflow });
    expect(fake.calls).toBe(0);
    expect(executed(summary)).toEqual([]);
  });

  it('runs a node whose cache lookup fails, and logs why', async () => {
    const cache = new MemoryCacheStore();
    cache.get = () => Promise.reject(new Error('disk I/O error'));
    const summary = await runWorkflow(
      toyOptions(toyWorkflow([{ id: 'a', type: 'ask' }]), { cache }),
    );
    expect(summary.nodes.a!.status).toBe('succeeded');
    expect(summary.nodes.a!.log).toEqual([
      'Cache lookup failed, running the node instead: disk I/O error',
    ]);
  });
});
