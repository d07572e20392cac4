import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../http/test-app';
import { createTestApp, json, posterWorkflow } from '../http/test-app';
import { readBundle } from './bundle';
import { edge, node } from '../http/test-graph';

/**
 * Bundles carry every recipe a document uses, at its pinned version; an import restores them
 * into the library without duplicating what is there. (Two servers in one process here; the
 * round trip between two real server processes is test/integration/recipe-bundle.test.ts.)
 */
let a: TestApp;
let b: TestApp;
beforeAll(async () => {
  [a, b] = await Promise.all([createTestApp(), createTestApp()]);
});
afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
});

const doc = (name: string, rest: Record<string, unknown>) => ({
  format: 'atelier.workflow',
  version: 1,
  name,
  edges: [],
  ...rest,
});

type Doc = { nodes: { id: string; type: string; data: Record<string, unknown> }[] };
type Report = {
  id: string;
  complete: boolean;
  missing: { node: string; title: string }[];
  recipes: {
    from: { workflowId: string; version: number };
    id: string;
    version: number;
    name: string;
    reused: boolean;
  }[];
  message: string;
};

const call = async <T>(app: TestApp, path: string, init?: RequestInit) => {
  const res = await app.app.request(path, init);
  return { status: res.status, body: (await res.json()) as T };
};
const save = async (app: TestApp, document: unknown) => {
  const res = await call<{ id: string }>(app, '/api/workflows', json(document));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
};
const update = async (app: TestApp, id: string, document: unknown) => {
  const res = await call<{ version: number }>(app, `/api/workflows/${id}`, json(document, 'PUT'));
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.version;
};
const importBody = (app: TestApp, body: Uint8Array | string) =>
  call<Report>(app, '/api/workflows/import', { method: 'POST', body });
const exported = async (app: TestApp, id: string, query = '') => {
  const res = await app.app.request(`/api/workflows/${id}/export${query}`);
  expect(res.status).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
};
const document = async (app: TestApp, id: string, version?: number) =>
  (
    await call<{ document: Doc }>(
      app,
      version ? `/api/workflows/${id}/versions/${version}` : `/api/workflows/${id}`,
    )
  ).body.document;
const library = async (app: TestApp) =>
  (await call<{ id: string; name: string; version: number }[]>(app, '/api/workflows')).body;

const poster = (text: string) => ({
  ...posterWorkflow(text),
  outputs: [{ name: 'poster', node: 'g1', port: 'image' }],
});

/**
 * Gallery → Framed@1 → Poster@1, and Gallery → Poster@2 directly: three recipe versions,
 * two of them versions of one workflow, nested two deep.
 */
const nested = async (app: TestApp) => {
  const posterId = await save(app, poster('A poster of a lighthouse'));
  await update(app, posterId, poster('A poster of a lighthouse at night'));
  const framed = await save(
    app,
    doc('Framed', {
      nodes: [
        node('inner', 'recipe', { workflowId: posterId, version: 1 }),
        node('i', 'prompt', { text: 'Add a gold frame' }),
        node('ed', 'edit', { quality: 'low' }),
      ],
      edges: [edge('x1', 'inner.poster', 'ed.image'), edge('x2', 'i.text', 'ed.instruction')],
      outputs: [{ name: 'framed', node: 'ed', port: 'image' }],
    }),
  );
  const gallery = await save(
    app,
    doc('Gallery', {
      nodes: [
        node('top', 'recipe', { workflowId: framed, version: 1 }),
        node('night', 'recipe', {
          workflowId: posterId,
          version: 2,
          inputs: { subject: 'A poster of a harbour' },
        }),
      ],
      outputs: [
        { name: 'hero', node: 'top', port: 'framed' },
        { name: 'harbour', node: 'night', port: 'poster' },
      ],
    }),
  );
  return { posterId, framed, gallery };
};

describe('bundles carry recipes', { timeout: 60_000 }, () => {
  it('exports every recipe used, transitively, at its pinned version', async () => {
    const { posterId, framed, gallery } = await nested(a);
    const res = await a.app.request(`/api/workflows/${gallery}/export`);
    expect(res.headers.get('x-atelier-recipes')).toBe('3');
    const bundle = readBundle(new Uint8Array(await res.arrayBuffer()));
    expect([...bundle.recipes.keys()].sort()).toEqual(
      [`${posterId}@1`, `${posterId}@2`, `${framed}@1`].sort(),
    );
    expect((bundle.recipes.get(`${posterId}@2`)!.document as Doc).nodes[0]!.data.text).toBe(
      'A poster of a lighthouse at night',
    );
  });

  it('imports them on another server once: versions of one workflow stay one workflow, pins follow', async () => {
    const { gallery } = await nested(a);
    const bundle = await exported(a, gallery);
    const before = (await library(b)).length;
    const first = await importBody(b, bundle);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.complete).toBe(true);
    expect(first.body.recipes.map((r) => [r.name, r.version, r.reused])).toEqual([
      ['Poster', 1, false],
      ['Poster', 2, false],
      ['Framed', 1, false],
    ]);
    expect(first.body.message).toMatch(/3 recipes added/);
    const [p1, p2, f1] = first.body.recipes;
    expect(p2!.id).toBe(p1!.id);
    const after = await library(b);
    expect(after.length - before).toBe(3);
    expect(after.find((w) => w.id === p1!.id)).toMatchObject({ name: 'Poster', version: 2 });

    // The imported documents pin this library's ids.
    const top = await document(b, first.body.id);
    expect(top.nodes.map((n) => [n.id, n.data.workflowId, n.data.version])).toEqual([
      ['top', f1!.id, 1],
      ['night', p1!.id, 2],
    ]);
    const framed = await document(b, f1!.id);
    expect(framed.nodes[0]!.data).toMatchObject({ workflowId: p1!.id, version: 1 });

    // Twice: nothing is stored again (200, not 201): the recipes and the document are reused.
    const second = await importBody(b, bundle);
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ id: first.body.id, reused: true });
    expect(second.body.recipes.map((r) => [r.id, r.version, r.reused])).toEqual(
      first.body.recipes.map((r) => [r.id, r.version, true]),
    );
    expect(second.body.message).toMatch(/3 recipes already in the library/);
    expect(await library(b)).toHaveLength(after.length);

    // The same document edited is another workflow, using the same recipes.
    const edited = await importBody(
      b,
      JSON.stringify({ ...(await document(b, first.body.id)), name: 'Gallery, mine' }),
    );
    expect(edited.status).toBe(201);
    expect(edited.body.id).not.toBe(first.body.id);
    expect((await document(b, edited.body.id)).nodes.map((n) => n.data.workflowId)).toEqual([
      f1!.id,
      p1!.id,
    ]);
  });

  it('importing on the server that exported it reuses its own recipes', async () => {
    const { posterId, framed, gallery } = await nested(a);
    const report = await importBody(a, await exported(a, gallery));
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ id: gallery, reused: true });
    expect(report.body.recipes.map((r) => [r.id, r.version, r.reused])).toEqual([
      [posterId, 1, true],
      [posterId, 2, true],
      [framed, 1, true],
    ]);
  });

  it('a recipe with the same content already in the library is reused, whatever its id', async () => {
    const { gallery } = await nested(a);
    const c = await createTestApp();
    try {
      const mine = await save(c, poster('A poster of a lighthouse at night'));
      const report = await importBody(c, await exported(a, gallery));
      // Poster@2 is the content of `mine`; Poster@1 is not in c: it gets a workflow of its own.
      const [p1, p2] = report.body.recipes;
      expect(p2).toMatchObject({ from: { version: 2 }, id: mine, version: 1, reused: true });
      expect(p1).toMatchObject({ from: { version: 1 }, version: 1, reused: false });
      expect(p1!.id).not.toBe(mine);
    } finally {
      await c.close();
    }
  });

  it('a plain document using recipes imports where they are, and elsewhere is refused naming the fix', async () => {
    const { gallery } = await nested(a);
    const res = await a.app.request(`/api/workflows/${gallery}/export?format=json`);
    expect(res.headers.get('x-atelier-recipes-left-behind')).toBe('3');
    const plain = await res.text();
    expect((await importBody(a, plain)).body).toMatchObject({ id: gallery, reused: true });
    const elsewhere = await call<{ error: { code: string; message: string; path: string } }>(
      b,
      '/api/workflows/import',
      { method: 'POST', body: plain },
    );
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.body.error.code).toBe('invalid_workflow');
    expect(elsewhere.body.error.message).toMatch(/export the bundle \(\.atelier\.zip\)/);
    expect(elsewhere.body.error.path).toBe('nodes[0].data.version');
  });

  it('images a recipe names travel with the bundle', async () => {
    const upload = await call<{ blob: string }>(a, '/api/blobs', {
      method: 'POST',
      body: readFileSync(new URL('../../../examples/assets/product.png', import.meta.url)),
    });
    expect(upload.status).toBe(201);
    const retouch = await save(
      a,
      doc('Retouch', {
        nodes: [
          node('photo', 'reference', { image: upload.body }),
          node('i', 'prompt', { text: 'Brighter' }),
          node('ed', 'edit', { quality: 'low' }),
        ],
        edges: [edge('x1', 'photo.image', 'ed.image'), edge('x2', 'i.text', 'ed.instruction')],
        outputs: [{ name: 'retouched', node: 'ed', port: 'image' }],
      }),
    );
    const user = await save(
      a,
      doc('Uses retouch', { nodes: [node('r', 'recipe', { workflowId: retouch, version: 1 })] }),
    );
    const report = await importBody(b, await exported(a, user));
    expect(report.body).toMatchObject({ complete: true, missing: [] });
    expect((await b.app.request(`/api/blobs/${upload.body.blob}`)).status).toBe(200);
  });

  it('a fork may carry a document that uses recipes', async () => {
    const { gallery } = await nested(a);
    const mine = await document(a, gallery);
    const fork = await call<{ id: string }>(
      a,
      `/api/workflows/${gallery}/fork`,
      json({ document: { ...mine, name: 'Gallery (mine)' } }),
    );
    expect(fork.status, JSON.stringify(fork.body)).toBe(201);
  });
});
