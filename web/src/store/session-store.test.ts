import type { ImageValue } from '@atelier/graph';
import { describe, expect, it } from 'vitest';
import type { NodeRecordView, RunEvent, RunRecordView, RunSummaryView } from '../api/run-types';
import { createSessionStore } from './session-store';

const usage = { inputTokens: 0, outputTokens: 0, imageCalls: 0, webSearchCalls: 0, requests: 0 };
const summary = (over: Partial<RunSummaryView>): RunSummaryView => ({
  status: 'succeeded',
  nodes: {},
  usage,
  cost: 0,
  saved: { nodes: 0, cost: 0 },
  startedAt: 1,
  finishedAt: 2,
  ...over,
});
const nodeRecord = (over: Partial<NodeRecordView>): NodeRecordView => ({
  status: 'succeeded',
  cached: false,
  cost: 0,
  log: [],
  ...over,
});
const runRecord = (over: Partial<RunRecordView>): RunRecordView => ({
  id: 'run',
  status: 'succeeded',
  provider: 'simulator',
  inputs: {},
  force: [],
  nodes: {},
  outputs: {},
  usage,
  cost: 0,
  saved: { nodes: 0, cost: 0 },
  createdAt: 1,
  workflow: { format: 'atelier.workflow', version: 1, name: 'w', nodes: [], edges: [], inputs: [] },
  ...over,
});

type Completed = Extract<RunEvent, { type: 'node.completed' }>;
/** A node's result: fresh, free and instant unless the test says otherwise. */
const completed = (nodeId: string, over: Partial<Completed> = {}): Completed => ({
  type: 'node.completed',
  at: 1,
  nodeId,
  cached: false,
  outputs: {},
  cost: 0,
  durationMs: 0,
  ...over,
});

const image = (n: number): ImageValue => ({
  blob: String(n).repeat(64).slice(0, 64) as ImageValue['blob'],
  mime: 'image/png',
  width: 64,
  height: 64,
});

describe('session store: following a run', () => {
  it('applies a burst of events in one update, with the same result as one by one', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => `n${i}`);
    const events = [
      { type: 'run.started' as const, at: 1, nodes: ids },
      ...ids.map((nodeId) =>
        completed(nodeId, { at: 2, cached: true, outputs: { text: nodeId }, cost: 0.01 }),
      ),
    ];
    const batched = createSessionStore();
    const single = createSessionStore();
    for (const store of [batched, single]) store.getState().beginRun('r', ids);
    let updates = 0;
    batched.subscribe(() => (updates += 1));
    batched.getState().applyEvents(events);
    for (const event of events) single.getState().applyEvent(event);
    expect(updates).toBe(1);
    expect(batched.getState().nodeRuns).toEqual(single.getState().nodeRuns);
    const runOf = (store: typeof batched) => ({ ...store.getState().run, startedAt: 0 });
    expect(runOf(batched)).toEqual(runOf(single));
    expect(batched.getState().run?.saved.nodes).toBe(1000);
    expect(batched.getState().nodeRuns.n999).toMatchObject({ status: 'succeeded', cached: true });
  });

  it('moves nodes through queued, running with partial images, and done', () => {
    const s = createSessionStore();
    s.getState().beginRun('r1', ['p', 'g']);
    s.getState().applyEvent({ type: 'run.started', at: 1, nodes: ['p', 'g'] });
    expect(s.getState().nodeRuns.g?.status).toBe('queued');
    s.getState().applyEvent({ type: 'node.started', at: 2, nodeId: 'g' });
    s.getState().applyEvent({
      type: 'node.partial_image',
      at: 3,
      nodeId: 'g',
      index: 0,
      image: image(1),
      url: `/api/blobs/${image(1).blob}`,
    });
    expect(s.getState().nodeRuns.g).toMatchObject({ status: 'running', partial: { index: 0 } });
    s.getState().applyEvent(
      completed('g', { at: 4, outputs: { image: image(2) }, cost: 0.04, durationMs: 900 }),
    );
    expect(s.getState().nodeRuns.g).toMatchObject({
      status: 'succeeded',
      cached: false,
      partial: undefined,
    });
    expect(s.getState().run?.cost).toBeCloseTo(0.04);
  });

  it('counts a cache hit as saved, not spent', () => {
    const s = createSessionStore();
    s.getState().beginRun('r1', ['g']);
    s.getState().applyEvent(completed('g', { cached: true, cost: 0.05 }));
    expect(s.getState().run).toMatchObject({ cost: 0, saved: { nodes: 1, cost: 0.05 } });
    expect(s.getState().nodeRuns.g?.cached).toBe(true);
  });

  it('keeps the error code and message of a failed node and the final status of the run', () => {
    const s = createSessionStore();
    s.getState().beginRun('r1', ['g']);
    s.getState().applyEvent({
      type: 'node.failed',
      at: 1,
      nodeId: 'g',
      status: 'failed',
      error: { code: 'moderation_blocked', message: 'Blocked.' },
    });
    s.getState().applyEvent({
      type: 'run.completed',
      at: 2,
      summary: summary({ status: 'failed' }),
    });
    expect(s.getState().nodeRuns.g).toMatchObject({
      status: 'failed',
      error: { code: 'moderation_blocked' },
    });
    expect(s.getState().run?.status).toBe('failed');
  });

  it('keeps earlier outputs visible while a new run is queued', () => {
    const s = createSessionStore();
    s.getState().beginRun('r1', ['g']);
    s.getState().applyEvent(completed('g', { outputs: { image: image(3) }, durationMs: 1 }));
    s.getState().beginRun('r2', ['g']);
    expect(s.getState().nodeRuns.g).toMatchObject({
      status: 'queued',
      outputs: { image: image(3) },
    });
  });

  it('shows a recorded run from history', () => {
    const s = createSessionStore();
    s.getState().showRecord(
      runRecord({
        id: 'old',
        nodes: { g: nodeRecord({ cached: true, outputs: { image: image(4) } }) },
        saved: { nodes: 1, cost: 0.04 },
      }),
    );
    expect(s.getState().run).toMatchObject({ id: 'old', replay: true, status: 'succeeded' });
    expect(s.getState().nodeRuns.g?.cached).toBe(true);
  });
});
