import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../http/test-app';
import { createTestApp, json, posterWorkflow } from '../http/test-app';

/**
 * An import stores everything its bundle brings (recipes, the document, the recorded run) or
 * nothing: whatever fails, the library is as it was. The importing server runs on a database
 * file (a real one: the failure below is a trigger of that file's connection).
 */
let a: TestApp;
let b: TestApp;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'atelier-import-'));
  [a, b] = await Promise.all([createTestApp(), createTestApp({ dbPath: join(dir, 'b.db') })]);
});
afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
  rmSync(dir, { recursive: true, force: true });
});

const call = async (app: TestApp, path: string, init?: RequestInit) => {
  const res = await app.app.request(path, init);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers read as the test needs
  return { status: res.status, body: (await res.json()) as Record<string, any> };
};
const saved = async (document: unknown, id?: string) => {
  const res = await call(
    a,
    id ? `/api/workflows/${id}` : '/api/workflows',
    json(document, id ? 'PUT' : 'POST'),
  );
  expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
  return res.body.id as string;
};
/** Everything a person sees of b's library: each workflow with its versions, and the runs. */
const libraryOf = async (app: TestApp) => {
  const list = (await call(app, '/api/workflows')).body as unknown as { id: string }[];
  const versions = await Promise.all(
    list.map(async (w) => (await call(app, `/api/workflows/${w.id}/versions`)).body),
  );
  return { list, versions, runs: (await call(app, '/api/runs')).body };
};

/** "Two posters <n>": Poster@1 and Poster@2 side by side, both carried by its bundle. */
let made = 0;
const twoPosters = async () => {
  const n = ++made; // each test its own content: b reuses what it holds already
  const poster = {
    ...posterWorkflow(`A poster, take ${n}`),
    outputs: [{ name: 'poster', node: 'g1', port: 'image' }],
  };
  const posterId = await saved(poster);
  await saved(
    { ...poster, nodes: [{ ...poster.nodes[0], data: { text: 'At night' } }, poster.nodes[1]] },
    posterId,
  );
  const recipe = (id: string, version: number) => ({
    id,
    type: 'recipe',
    position: { x: 0, y: 0 },
    data: { workflowId: posterId, version },
  });
  const id = await saved({
    format: 'atelier.workflow',
    version: 1,
    name: `Two posters ${n}`,
    nodes: [recipe('day', 1), recipe('night', 2)],
    edges: [],
  });
  const res = await a.app.request(`/api/workflows/${id}/export`);
  expect(res.headers.get('x-atelier-recipes')).toBe('2');
  return { posterId, files: unzipSync(new Uint8Array(await res.arrayBuffer())) };
};

/** The bundle with `change` applied to its parsed manifest.json. */
const rezip = (
  files: Record<string, Uint8Array>,
  change: (manifest: Record<string, unknown>) => void = () => {},
) => {
  const manifest = JSON.parse(strFromU8(files['manifest.json']!)) as Record<string, unknown>;
  change(manifest);
  return zipSync({ ...files, 'manifest.json': strToU8(JSON.stringify(manifest)) });
};
const importBundle = (bundle: Uint8Array) =>
  call(b, '/api/workflows/import', { method: 'POST', body: bundle });

describe('import is all or nothing', { timeout: 60_000 }, () => {
  it('a recorded run that cannot be read is refused with its path, and nothing is stored', async () => {
    const { files } = await twoPosters();
    const before = await libraryOf(b);
    const bundle = rezip(files, (manifest) => {
      manifest.run = {
        id: 'run_elsewhere',
        provider: 'simulator',
        createdAt: 1,
        inputs: { subject: null },
        nodes: {},
      };
    });
    const res = await importBundle(bundle);
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'invalid_bundle', path: 'manifest.json' });
    expect(res.body.error.message).toMatch(/run\.inputs\.subject/);
    expect(await libraryOf(b)).toEqual(before);
  });

  it('a recipe that is not valid is refused naming it, and nothing is stored', async () => {
    const { posterId, files } = await twoPosters();
    const before = await libraryOf(b);
    const second = `recipes/${posterId}@2.atelier.json`;
    const broken = JSON.parse(strFromU8(files[second]!));
    broken.nodes[1].type = 'no-such-node';
    const res = await importBundle(rezip({ ...files, [second]: strToU8(JSON.stringify(broken)) }));
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body.error.code).toBe('invalid_workflow');
    expect(res.body.error.path).toBe('nodes[1]');
    expect(await libraryOf(b)).toEqual(before);
  });

  it('a database failure after the recipes leaves none of them, and the import can be retried', async () => {
    const { files } = await twoPosters();
    const bundle = rezip(files);
    const before = await libraryOf(b);
    // The document's own row is the last one an import writes: refuse it, as a full disk would.
    b.deps.db.sqlite.exec(`create temp trigger refuse_import before insert on workflows
      when new.name like 'Two posters %' begin select raise(abort, 'database or disk is full'); end`);
    try {
      const res = await importBundle(bundle);
      expect(res.status).toBe(500);
    } finally {
      b.deps.db.sqlite.exec('drop trigger refuse_import');
    }
    expect(await libraryOf(b)).toEqual(before);

    const retried = await importBundle(bundle);
    expect(retried.status, JSON.stringify(retried.body)).toBe(201);
    expect(retried.body.recipes.map((r: { reused: boolean }) => r.reused)).toEqual([false, false]);
    expect((await libraryOf(b)).list).toHaveLength(before.list.length + 2);
  });
});
