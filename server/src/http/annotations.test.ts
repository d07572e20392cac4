import { strFromU8, unzipSync } from 'fflate';
import type { Workflow, WorkflowDiff } from '@atelier/graph';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectSse } from './sse-reader';
import type { TestApp } from './test-app';
import { createTestApp, json } from './test-app';

/** Notes and groups travel with the document everywhere it goes, and never change a run. */
let a: TestApp;
let b: TestApp;
beforeAll(async () => {
  [a, b] = await Promise.all([createTestApp(), createTestApp()]);
}, 60_000);
afterAll(async () => {
  await Promise.all([a.close(), b.close()]);
});

const doc = (note: string) => ({
  format: 'atelier.workflow',
  version: 1,
  name: 'Annotated poster',
  nodes: [
    { id: 'p1', type: 'prompt', position: { x: 20, y: 40 }, data: { text: 'a poster' } },
    { id: 'g1', type: 'generate', position: { x: 400, y: 40 }, data: { size: '1024x1024' } },
  ],
  edges: [{ id: 'e1', source: 'p1', sourceHandle: 'text', target: 'g1', targetHandle: 'prompt' }],
  inputs: [],
  notes: [{ id: 'n1', text: note, position: { x: 0, y: -160 }, color: 'yellow' }],
  groups: [
    { id: 'f1', title: 'Poster', position: { x: 0, y: 0 }, size: { width: 800, height: 400 } },
  ],
});

const send = async <T>(t: TestApp, path: string, init: RequestInit, status: number) => {
  const res = await t.app.request(path, init);
  expect(res.status, await res.clone().text()).toBe(status);
  return (await res.json()) as T;
};
const runToEnd = async (workflowId: string) => {
  const { id } = await send<{ id: string }>(a, '/api/runs', json({ workflowId }), 202);
  await collectSse(await a.app.request(`/api/runs/${id}/events`));
  return send<{ status: string; nodes: Record<string, { cached: boolean }> }>(
    a,
    `/api/runs/${id}`,
    {},
    200,
  );
};

describe('notes and groups through the server', () => {
  it('are saved, versioned, diffed, exported and imported; editing a note reruns nothing', async () => {
    const { id } = await send<{ id: string }>(a, '/api/workflows', json(doc('first')), 201);
    const got = await send<{ document: Workflow }>(a, `/api/workflows/${id}`, {}, 200);
    expect(got.document.notes).toEqual(doc('first').notes);
    expect(got.document.groups).toEqual(doc('first').groups);

    const first = await runToEnd(id);
    expect(first.status).toBe('succeeded');
    await send(
      a,
      `/api/workflows/${id}`,
      { ...json(doc('why: brand colours')), method: 'PUT' },
      200,
    );
    const second = await runToEnd(id);
    expect(second.status).toBe('succeeded');
    expect(Object.values(second.nodes).map((n) => n.cached)).toEqual([true, true]);

    const { diff } = await send<{ diff: WorkflowDiff }>(a, `/api/workflows/${id}/diff`, {}, 200);
    expect(diff.annotations?.changed).toEqual([
      {
        kind: 'note',
        id: 'n1',
        changes: [{ field: 'text', from: 'first', to: 'why: brand colours' }],
      },
    ]);
    expect(diff.nodes.changed).toEqual([]);

    const zip = await a.app.request(`/api/workflows/${id}/export`);
    expect(zip.status).toBe(200);
    const files = unzipSync(new Uint8Array(await zip.arrayBuffer()));
    const exported = JSON.parse(strFromU8(files['workflow.atelier.json']!)) as Workflow;
    expect(exported.notes?.[0]?.text).toBe('why: brand colours');
    const imported = await send<{ id: string }>(
      b,
      '/api/workflows/import',
      {
        method: 'POST',
        body: new Uint8Array(
          await (await a.app.request(`/api/workflows/${id}/export`)).arrayBuffer(),
        ),
      },
      201,
    );
    const copy = await send<{ document: Workflow }>(b, `/api/workflows/${imported.id}`, {}, 200);
    expect(copy.document.notes).toEqual(exported.notes);
    expect(copy.document.groups).toEqual(doc('x').groups);
  }, 60_000);

  it('a malformed group is a 422 naming its path, and nothing is saved', async () => {
    const list = async () => JSON.stringify(await (await b.app.request('/api/workflows')).json());
    const before = await list();
    const bad = { ...doc('n'), groups: [{ id: 'f1', title: 'x', position: { x: 0, y: 0 } }] };
    const res = await b.app.request('/api/workflows', json(bad));
    expect(res.status).toBe(422);
    expect(await list()).toBe(before);
    const body = (await res.json()) as { error: { path?: string; message: string } };
    expect(body.error.message).toContain('groups[0].size');
  });
});
