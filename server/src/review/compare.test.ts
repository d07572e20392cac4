import type { Workflow } from '@atelier/graph';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../http/test-app';
import { createTestApp, json } from '../http/test-app';
import type { RunComparison } from './compare-runs';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** Two independent branches: a change to one leaves the other in the cache. */
const twoPosters = (quality: string): Workflow => ({
  format: 'atelier.workflow',
  version: 1,
  name: 'Two posters',
  nodes: [
    { id: 'p1', type: 'prompt', position: { x: 0, y: 0 }, data: { text: 'A lighthouse' } },
    { id: 'g1', type: 'generate', position: { x: 300, y: 0 }, data: { quality: 'low' } },
    { id: 'p2', type: 'prompt', position: { x: 0, y: 200 }, data: { text: 'A harbour' } },
    { id: 'g2', type: 'generate', position: { x: 300, y: 200 }, data: { quality } },
  ],
  edges: [
    { id: 'e1', source: 'p1', sourceHandle: 'text', target: 'g1', targetHandle: 'prompt' },
    { id: 'e2', source: 'p2', sourceHandle: 'text', target: 'g2', targetHandle: 'prompt' },
  ],
  inputs: [],
});

const run = async (body: unknown) => {
  const res = await t.app.request('/api/runs', json(body));
  expect(res.status, await res.clone().text()).toBe(202);
  const { id } = (await res.json()) as { id: string };
  const done = await t.deps.runs.wait(id);
  expect(done.status).toBe('succeeded');
  return done;
};

// Real runs against the fake on a shared, loaded machine: generous per-test time.
describe('GET /api/runs/compare', { timeout: 60_000 }, () => {
  it('shows the one node that changed and reran, the rest from the cache, across versions', async () => {
    const saved = (await (
      await t.app.request('/api/workflows', json(twoPosters('low')))
    ).json()) as { id: string };
    const a = await run({ workflowId: saved.id });
    const put = await t.app.request(
      `/api/workflows/${saved.id}`,
      json(twoPosters('medium'), 'PUT'),
    );
    expect(put.status).toBe(200);
    const b = await run({ workflowId: saved.id });

    const res = await t.app.request(`/api/runs/compare?a=${a.id}&b=${b.id}`);
    expect(res.status).toBe(200);
    const cmp = (await res.json()) as RunComparison;
    expect(cmp.relation).toBe('versions');
    expect(cmp.a).toMatchObject({ id: a.id, workflowVersion: 1, reran: 4, cached: 0 });
    expect(cmp.b).toMatchObject({ id: b.id, workflowVersion: 2, reran: 1, cached: 3 });

    const byId = Object.fromEntries(cmp.nodes.map((n) => [n.id, n]));
    expect(cmp.nodes.filter((n) => n.change !== 'same').map((n) => n.id)).toEqual(['g2']);
    expect(byId.g2!.changes).toEqual([{ field: 'data.quality', from: 'low', to: 'medium' }]);
    expect(byId.g2!.b).toMatchObject({ reran: true, cached: false });
    expect(byId.g1!.b).toMatchObject({ reran: false, cached: true, cost: 0 });
    // The cached image is the same bytes; the rerun one is a new image.
    expect(byId.g1!.b!.image!.blob).toBe(byId.g1!.a!.image!.blob);
    expect(byId.g2!.b!.image!.blob).not.toBe(byId.g2!.a!.image!.blob);
    // Run b paid for g2 alone.
    expect(byId.g2!.b!.cost).toBeGreaterThan(0);
    expect(cmp.b.cost).toBeCloseTo(byId.g2!.b!.cost, 6);
    expect(byId.g2!.a!.durationMs).toBeGreaterThanOrEqual(0);
    expect(cmp.edges).toEqual({ added: [], removed: [] });
  });

  it('compares a fork with its origin and names a run that does not exist', async () => {
    const saved = (await (
      await t.app.request('/api/workflows', json(twoPosters('low')))
    ).json()) as { id: string };
    const fork = await t.app.request(`/api/workflows/${saved.id}/fork`, json({}));
    expect(fork.status).toBe(201);
    const forkId = ((await fork.json()) as { id: string }).id;
    const a = await run({ workflowId: saved.id });
    const b = await run({ workflowId: forkId });
    const cmp = (await (
      await t.app.request(`/api/runs/compare?a=${a.id}&b=${b.id}`)
    ).json()) as RunComparison;
    expect(cmp.relation).toBe('fork');
    expect(cmp.nodes.every((n) => n.change === 'same' && n.b?.cached)).toBe(true);

    const missing = await t.app.request(`/api/runs/compare?a=${a.id}&b=run_nope`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'run_not_found', path: 'b' } });
    const bad = await t.app.request(`/api/runs/compare?a=${a.id}`);
    expect(bad.status).toBe(400);
  });
});
