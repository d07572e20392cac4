import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../http/test-app';
import { createTestApp, json, posterWorkflow } from '../http/test-app';
import { actingAs } from './acting-as';

let t: TestApp;
const ada = () => actingAs(t.app, { id: 'u_ada', name: 'Ada', role: 'editor', via: 'session' });
const bo = () => actingAs(t.app, { id: 'u_bo', name: 'Bo', role: 'editor', via: 'session' });
const vi = () => actingAs(t.app, { id: 'u_vi', name: 'Vi', role: 'viewer', via: 'session' });

const run = async (as: ReturnType<typeof ada>, body: unknown) => {
  const res = await as('/api/runs', json(body));
  expect(res.status, await res.clone().text()).toBe(202);
  const { id } = (await res.json()) as { id: string };
  return t.deps.runs.wait(id);
};

let workflowId: string;
beforeAll(async () => {
  t = await createTestApp();
  workflowId = (
    (await (await ada()('/api/workflows', json(posterWorkflow()))).json()) as { id: string }
  ).id;
});
afterAll(() => t.close());

describe('stars', { timeout: 60_000 }, () => {
  it('stars an output, filters history by starred, and unstars it', async () => {
    const first = await run(ada(), { workflowId, inputs: { subject: 'A red lighthouse' } });
    const second = await run(ada(), { workflowId, inputs: { subject: 'A blue lighthouse' } });
    const starred = await vi()(`/api/stars/${second.id}/g1`, { method: 'PUT' });
    expect(starred.status).toBe(200);
    expect(await starred.json()).toMatchObject({
      runId: second.id,
      nodeId: 'g1',
      port: 'image',
      workflowId,
      starredBy: { id: 'u_vi', name: 'Vi' },
      value: second.nodes.g1!.outputs!.image,
    });
    const history = (await (
      await t.app.request(`/api/runs?workflowId=${workflowId}&starred=1`)
    ).json()) as { id: string }[];
    expect(history.map((r) => r.id)).toEqual([second.id]);
    const all = (await (await t.app.request(`/api/runs?workflowId=${workflowId}`)).json()) as {
      id: string;
    }[];
    expect(all.map((r) => r.id)).toContain(first.id);
    const list = (await (await t.app.request(`/api/stars?workflowId=${workflowId}`)).json()) as {
      stars: { runId: string }[];
    };
    expect(list.stars.map((s) => s.runId)).toEqual([second.id]);

    expect((await ada()(`/api/stars/${second.id}/g1`, { method: 'DELETE' })).status).toBe(200);
    expect((await ada()(`/api/stars/${second.id}/g1`, { method: 'DELETE' })).status).toBe(404);
    const after = (await (
      await t.app.request(`/api/runs?workflowId=${workflowId}&starred=1`)
    ).json()) as unknown[];
    expect(after).toEqual([]);
  });

  it('refuses to star what is not an output', async () => {
    const done = await run(ada(), { workflowId });
    const prompt = await ada()(`/api/stars/${done.id}/p1`, { method: 'PUT' });
    expect(prompt.status).toBe(422);
    expect(((await prompt.json()) as { error: { code: string } }).error.code).toBe('no_output');
    expect((await ada()(`/api/stars/run_nope/g1`, { method: 'PUT' })).status).toBe(404);
  });
});

describe('usage', { timeout: 60_000 }, () => {
  it('sums cost by person and by workflow over a period', async () => {
    const since = Date.now();
    const a = await run(ada(), { workflowId, inputs: { subject: 'Usage one' } });
    const b = await run(bo(), { workflowId, inputs: { subject: 'Usage two' } });
    const c = await run(bo(), { workflow: posterWorkflow('Usage three, unsaved') });
    expect(a.cost).toBeGreaterThan(0);
    const res = await vi()(`/api/usage?from=${since}`);
    expect(res.status).toBe(200);
    const usage = (await res.json()) as {
      total: { runs: number; cost: number };
      byPerson: { id: string; name: string; runs: number; cost: number }[];
      byWorkflow: { id: string; name: string; runs: number; cost: number }[];
    };
    const close = (x: number) => expect.closeTo(x, 6);
    expect(usage.total).toEqual({ runs: 3, cost: close(a.cost + b.cost + c.cost) });
    expect(usage.byPerson).toEqual([
      { id: 'u_bo', name: 'Bo', runs: 2, cost: close(b.cost + c.cost) },
      { id: 'u_ada', name: 'Ada', runs: 1, cost: close(a.cost) },
    ]);
    expect(usage.byWorkflow).toContainEqual({
      id: workflowId,
      name: 'Poster',
      runs: 2,
      cost: close(a.cost + b.cost),
    });
    expect(usage.byWorkflow).toContainEqual({
      id: 'unsaved',
      name: 'Unsaved documents',
      runs: 1,
      cost: close(c.cost),
    });
    // A period before any run: nothing.
    const empty = (await (await vi()('/api/usage?from=2020-01-01&to=2020-02-01')).json()) as {
      total: { runs: number };
    };
    expect(empty.total.runs).toBe(0);
    const bad = await vi()('/api/usage?from=yesterday');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { path: string } }).error.path).toBe('from');
  });
});
