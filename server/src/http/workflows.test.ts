import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { workflowVersions } from '../db/schema';
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

describe('stored documents', () => {
  it('answers a document a newer Atelier stored with 422 unreadable_document, not the raw JSON', async () => {
    const { id } = await save();
    t.deps.db.orm
      .update(workflowVersions)
      .set({ document: { ...posterWorkflow(), version: 99 } })
      .where(eq(workflowVersions.workflowId, id))
      .run();
    const res = await t.app.request(`/api/workflows/${id}`);
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('unreadable_document');
    expect(body.error.message).toMatch(/version 99.*update/);
  });
});

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

  it('sends the version as an ETag on POST, GET, PUT and PATCH answers', async () => {
    const post = await t.app.request('/api/workflows', json(posterWorkflow()));
    const { id } = (await post.json()) as Saved;
    expect(post.headers.get('etag')).toBe('"1"');
    expect((await t.app.request(`/api/workflows/${id}`)).headers.get('etag')).toBe('"1"');
    const put = await t.app.request(`/api/workflows/${id}`, json(posterWorkflow(), 'PUT'));
    expect(put.headers.get('etag')).toBe('"2"');
    const patch = await t.app.request(`/api/workflows/${id}`, json({ name: 'N' }, 'PATCH'));
    expect(patch.headers.get('etag')).toBe('"3"');
  });

  describe('If-Match (optimistic concurrency)', () => {
    const put = (id: string, doc: unknown, ifMatch?: string) =>
      t.app.request(`/api/workflows/${id}`, {
        method: 'PUT',
        headers: {
          'content-type': 'application/json',
          ...(ifMatch !== undefined && { 'if-match': ifMatch }),
        },
        body: JSON.stringify(doc),
      });
    const current = async (id: string) =>
      (await (await t.app.request(`/api/workflows/${id}`)).json()) as {
        version: number;
        document: { nodes: { data: { text?: string } }[] };
      };
    const errorOf = async (res: Response) =>
      ((await res.json()) as { error: { code: string; message: string; path?: string } }).error;

    it('saves a new version when If-Match names the latest one, quoted or not', async () => {
      const { id } = await save();
      const first = await put(id, posterWorkflow('A harbour'), '"1"');
      expect(first.status).toBe(200);
      expect(await first.json()).toEqual({ id, version: 2 });
      const second = await put(id, posterWorkflow('A bridge'), '2');
      expect(await second.json()).toEqual({ id, version: 3 });
      expect((await current(id)).document.nodes[0]!.data.text).toBe('A bridge');
    });

    it('refuses a stale If-Match with 409 version_conflict and stores nothing', async () => {
      const { id } = await save();
      await put(id, posterWorkflow('Saved by a teammate'));
      const stale = await put(id, posterWorkflow('My edit of version 1'), '"1"');
      expect(stale.status).toBe(409);
      expect(await errorOf(stale)).toEqual({
        code: 'version_conflict',
        message:
          'Workflow "Poster" was saved as version 2 by someone else since you opened version 1: reload it, or save yours as a new workflow.',
        path: 'If-Match',
      });
      const latest = await current(id);
      expect(latest.version).toBe(2);
      expect(latest.document.nodes[0]!.data.text).toBe('Saved by a teammate');
      const versions = (await (
        await t.app.request(`/api/workflows/${id}/versions`)
      ).json()) as unknown[];
      expect(versions).toHaveLength(2);
    });

    it('refuses an If-Match ahead of the latest version too', async () => {
      const { id } = await save();
      const ahead = await put(id, posterWorkflow(), '"7"');
      expect(ahead.status).toBe(409);
      expect((await errorOf(ahead)).message).toBe(
        'Workflow "Poster" is at version 1, not version 7: reload it, or save yours as a new workflow.',
      );
      expect((await current(id)).version).toBe(1);
    });

    it('saves as before without If-Match (or with *)', async () => {
      const { id } = await save();
      await put(id, posterWorkflow('Two'));
      expect((await put(id, posterWorkflow('Three'))).status).toBe(200);
      expect(await (await put(id, posterWorkflow('Four'), '*')).json()).toEqual({ id, version: 4 });
    });

    it('refuses a malformed If-Match with 400 invalid_if_match', async () => {
      const { id } = await save();
      for (const bad of ['"v1"', 'W/"1"', '"0"', '1, 2', '-1', '"1']) {
        const res = await put(id, posterWorkflow(), bad);
        expect(res.status, bad).toBe(400);
        const error = await errorOf(res);
        expect(error.code).toBe('invalid_if_match');
        expect(error.path).toBe('If-Match');
        expect(error.message).toContain(bad);
      }
      expect((await current(id)).version).toBe(1);
    });

    it('lets only one of two saves built on the same version win', async () => {
      const { id } = await save();
      const [a, b] = await Promise.all([
        put(id, posterWorkflow('Alice'), '"1"'),
        put(id, posterWorkflow('Bob'), '"1"'),
      ]);
      expect([a!.status, b!.status].sort()).toEqual([200, 409]);
      const winner = a!.status === 200 ? 'Alice' : 'Bob';
      const latest = await current(id);
      expect(latest.version).toBe(2);
      expect(latest.document.nodes[0]!.data.text).toBe(winner);
      expect((await errorOf(a!.status === 409 ? a! : b!)).code).toBe('version_conflict');
    });

    it('applies to renames too: a stale PATCH is refused, a current one saves', async () => {
      const { id } = await save();
      await put(id, posterWorkflow('Newer'));
      const rename = (ifMatch: string) =>
        t.app.request(`/api/workflows/${id}`, {
          method: 'PATCH',
          headers: { 'content-type': 'application/json', 'if-match': ifMatch },
          body: JSON.stringify({ name: 'Renamed' }),
        });
      expect((await rename('"1"')).status).toBe(409);
      expect((await rename('nope')).status).toBe(400);
      const ok = await rename('"2"');
      expect(await ok.json()).toEqual({ id, version: 3 });
      // The rename keeps the latest document, not the one the client first read.
      expect((await current(id)).document.nodes[0]!.data.text).toBe('Newer');
    });
  });

  it('deletes a workflow; afterwards it is a 404', async () => {
    const saved = await save();
    const del = await t.app.request(`/api/workflows/${saved.id}`, { method: 'DELETE' });
    expect(del.status, await del.clone().text()).toBe(200);
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
