import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from './test-app';
import { createTestApp, json, posterWorkflow } from './test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type Saved = { id: string; version: number };
const save = async (doc: unknown = posterWorkflow()): Promise<Saved> => {
  const res = await t.app.request('/api/workflows', json(doc));
  expect(res.status).toBe(201);
  return (await res.json()) as Saved;
};

describe('the workflow library', () => {
  it('saves a document and answers its id and version 1', async () => {
    const saved = await save();
    expect(saved).toEqual({ id: expect.stringMatching(/^wf_/), version: 1 });
    const res = await t.app.request(`/api/workflows/${saved.id}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { name: string; version: number; document: unknown };
    expect(body).toMatchObject({ id: saved.id, name: 'Poster', version: 1 });
    expect(body.document).toMatchObject({
      format: 'atelier.workflow',
      nodes: [{ id: 'p1' }, { id: 'g1' }],
    });
  });

  it('accepts a document sent without a JSON Content-Type (curl -d)', async () => {
    const res = await t.app.request('/api/workflows', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: JSON.stringify(posterWorkflow()),
    });
    expect(res.status).toBe(201);
  });

  it('lists saved workflows', async () => {
    const saved = await save({ ...posterWorkflow(), name: 'Listed one' });
    const res = await t.app.request('/api/workflows');
    const list = (await res.json()) as { id: string; name: string }[];
    expect(list).toContainEqual(expect.objectContaining({ id: saved.id, name: 'Listed one' }));
  });

  it('keeps every version: PUT makes a new one, old ones stay readable', async () => {
    const saved = await save();
    const put = await t.app.request(
      `/api/workflows/${saved.id}`,
      json(posterWorkflow('A poster of a harbour'), 'PUT'),
    );
    expect(put.status).toBe(200);
    expect(await put.json()).toEqual({ id: saved.id, version: 2 });
    const versions = (await (
      await t.app.request(`/api/workflows/${saved.id}/versions`)
    ).json()) as {
      version: number;
    }[];
    expect(versions.map((v) => v.version).sort()).toEqual([1, 2]);
    const v1 = (await (await t.app.request(`/api/workflows/${saved.id}/versions/1`)).json()) as {
      document: { nodes: { data: { text?: string } }[] };
    };
    expect(v1.document.nodes[0]!.data.text).toBe('A poster of a lighthouse');
    const current = (await (await t.app.request(`/api/workflows/${saved.id}`)).json()) as {
      version: number;
    };
    expect(current.version).toBe(2);
    const missing = await t.app.request(`/api/workflows/${saved.id}/versions/9`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe(
      'version_not_found',
    );
  });

  it('renames with PATCH as a new version', async () => {
    const saved = await save();
    const res = await t.app.request(
      `/api/workflows/${saved.id}`,
      json({ name: 'Renamed' }, 'PATCH'),
    );
    expect(await res.json()).toEqual({ id: saved.id, version: 2 });
    const current = (await (await t.app.request(`/api/workflows/${saved.id}`)).json()) as {
      name: string;
      document: { name: string };
    };
    expect(current.name).toBe('Renamed');
    expect(current.document.name).toBe('Renamed');
  });

  it('deletes a workflow; afterwards it is a 404', async () => {
    const saved = await save();
    const del = await t.app.request(`/api/workflows/${saved.id}`, { method: 'DELETE' });
    expect(del.status).toBe(200);
    expect(await del.json()).toEqual({ id: saved.id, deleted: true });
    expect((await t.app.request(`/api/workflows/${saved.id}`)).status).toBe(404);
    expect((await t.app.request(`/api/workflows/${saved.id}`, { method: 'DELETE' })).status).toBe(
      404,
    );
  });

  it("answers the recipe's named inputs with kinds and defaults", async () => {
    const saved = await save();
    const res = await t.app.request(`/api/workflows/${saved.id}/inputs`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual([
      expect.objectContaining({
        name: 'subject',
        kind: 'text',
        node: 'p1',
        field: 'text',
        default: 'A poster of a lighthouse',
      }),
    ]);
  });

  it('refuses an invalid document with 422, the first path and every issue', async () => {
    const doc = posterWorkflow();
    doc.edges.push({
      id: 'e2',
      source: 'g1',
      sourceHandle: 'image',
      target: 'zz',
      targetHandle: 'x',
    });
    const res = await t.app.request(
      '/api/workflows',
      json({ ...doc, nodes: [...doc.nodes, { id: 'q', type: 'nope' }] }),
    );
    expect(res.status).toBe(422);
    const { error } = (await res.json()) as {
      error: { code: string; path: string; issues: { path: string; code: string }[] };
    };
    expect(error.code).toBe('invalid_workflow');
    expect(error.issues.length).toBeGreaterThanOrEqual(2);
    expect(error.path).toBe(error.issues[0]!.path);
    expect(error.issues.map((i) => i.code)).toContain('unknown_node_type');
  });
});
