import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskBytes, maskedEditWorkflow, photoBytes } from '../sharing/fixtures';
import { collectSse } from './sse-reader';
import type { TestApp } from './test-app';
import { createTestApp, json } from './test-app';

let a: TestApp;
let b: TestApp;
beforeAll(async () => {
  [a, b] = await Promise.all([createTestApp(), createTestApp()]);
});
afterAll(async () => {
  await Promise.all([a.close(), b.close()]);
});

type Stored = { blob: string; mime: string; width: number; height: number };
const upload = async (t: TestApp, bytes: Uint8Array): Promise<Stored> => {
  const res = await t.app.request('/api/blobs', { method: 'POST', body: bytes });
  expect(res.status).toBe(201);
  return (await res.json()) as Stored;
};
const post = async <T>(t: TestApp, path: string, body: unknown, status = 201) => {
  const res = await t.app.request(path, json(body));
  expect(res.status, await res.clone().text()).toBe(status);
  return (await res.json()) as T;
};
const importBody = async <T>(t: TestApp, body: Uint8Array | string, status = 201) => {
  const res = await t.app.request('/api/workflows/import', { method: 'POST', body });
  expect(res.status, await res.clone().text()).toBe(status);
  return (await res.json()) as T;
};
const runToEnd = async (t: TestApp, body: unknown, path = '/api/runs') => {
  const { id } = await post<{ id: string }>(t, path, body, 202);
  const base = path === '/api/runs' ? `/api/runs/${id}` : `${path}/${id}`;
  await collectSse(await t.app.request(`${base}/events`));
  return (await (await t.app.request(base)).json()) as {
    id: string;
    status: string;
    nodes: Record<string, { status: string; outputs?: Record<string, { blob: string }> }>;
  };
};

/** A saved masked-edit recipe on `a` that has run once; its output blob. */
let made = 0;
const savedAndRun = async () => {
  const photo = await upload(a, await photoBytes(256, made + 1));
  const mask = await upload(a, await maskBytes(256, made + 1));
  // Each test makes its own output (another instruction), so provenance names its own run.
  const document = maskedEditWorkflow(photo, mask);
  document.nodes[2]!.data = { text: `Make the background a beach, take ${++made}` };
  const saved = await post<{ id: string }>(a, '/api/workflows', document);
  const run = await runToEnd(a, { workflowId: saved.id });
  expect(run.status).toBe('succeeded');
  return { id: saved.id, photo, mask, run, output: run.nodes.swap!.outputs!.image!.blob };
};

describe('bundle export and import', () => {
  it('exports a zip with the document, each image once by hash, and the last outputs', async () => {
    const { id, photo, mask, output } = await savedAndRun();
    const res = await a.app.request(`/api/workflows/${id}/export?outputs=1`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toContain('Masked swap.atelier.zip');
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    expect(Object.keys(files).sort()).toEqual(
      [
        'manifest.json',
        'workflow.atelier.json',
        `images/${photo.blob}.png`,
        `images/${mask.blob}.png`,
        `images/${output}.png`,
      ].sort(),
    );
    const manifest = JSON.parse(strFromU8(files['manifest.json']!)) as {
      images: unknown[];
      run: unknown;
    };
    expect(manifest.images).toHaveLength(3);
    expect(manifest.run).toMatchObject({
      nodes: { swap: { outputs: { image: { blob: output } } } },
    });
    // Images are files, not base64 inside JSON.
    expect(strFromU8(files['workflow.atelier.json']!)).not.toMatch(/base64|iVBOR/);
  });

  it('imports the bundle on another server, restores every image, and runs at once', async () => {
    const { id, output } = await savedAndRun();
    const bundle = new Uint8Array(
      await (await a.app.request(`/api/workflows/${id}/export?outputs=1`)).arrayBuffer(),
    );
    const report = await importBody<{
      id: string;
      complete: boolean;
      restored: { node: string; title: string }[];
      missing: unknown[];
      outputs: { run: string; images: number };
    }>(b, bundle);
    expect(report.complete).toBe(true);
    expect(report.missing).toEqual([]);
    expect(report.restored.map((r) => r.title).sort()).toEqual(['Mask (mask)', 'Product photo']);
    // The edit's image, and the photo and mask its reference and mask nodes passed on.
    expect(report.outputs.images).toBe(3);
    // The outputs came along: the imported run shows the same image, served by b.
    const imported = (await (await b.app.request(`/api/runs/${report.outputs.run}`)).json()) as {
      nodes: Record<string, { outputs: { image: { blob: string } } }>;
    };
    expect(imported.nodes.swap!.outputs.image.blob).toBe(output);
    // The exported version made them: here that is the new workflow's version 1.
    expect(imported).toMatchObject({ workflowId: report.id, workflowVersion: 1 });
    expect((await b.app.request(`/api/blobs/${output}`)).status).toBe(200);

    const run = await runToEnd(b, { workflowId: report.id });
    expect(run.status).toBe('succeeded');
  });

  it('a version’s bundle carries only that version’s outputs (none for a later one not yet run)', async () => {
    const { id, run, photo, mask } = await savedAndRun();
    // Version 2 changes the instruction after the run: version 1's outputs are not its own.
    const edited = maskedEditWorkflow(photo, mask);
    edited.nodes[2]!.data = { text: 'Make the background a forest' };
    expect((await a.app.request(`/api/workflows/${id}`, json(edited, 'PUT'))).status).toBe(200);
    type Report = { id: string; outputs?: { run: string } };
    const latest = await a.app.request(`/api/workflows/${id}/export?outputs=1`);
    const plain = await importBody<Report>(b, new Uint8Array(await latest.arrayBuffer()));
    expect(plain.outputs).toBeUndefined();
    // Version 1's bundle still brings the run that version made, as it ran.
    const first = await a.app.request(`/api/workflows/${id}/export?version=1&outputs=1`);
    const report = await importBody<Report>(b, new Uint8Array(await first.arrayBuffer()));
    type Ran = { id: string; workflow: { nodes: { data: { text?: string } }[] } };
    const imported = (await (
      await b.app.request(`/api/runs/${report.outputs!.run}`)
    ).json()) as Ran;
    expect(imported.workflow.nodes[2]!.data.text).toMatch(/beach, take/);
    expect(run.status).toBe('succeeded');
  });

  it('imports a plain document, lists what is missing by node title, and says so', async () => {
    const { id } = await savedAndRun();
    const plain = await a.app.request(`/api/workflows/${id}/export?format=json`);
    expect(plain.headers.get('x-atelier-images-left-behind')).toBe('2');
    const report = await importBody<{
      complete: boolean;
      kind: string;
      missing: { title: string; field: string; reason: string }[];
      message: string;
    }>(b, await plain.text());
    expect(report.kind).toBe('document');
    expect(report.complete).toBe(false);
    expect(report.missing.map((m) => `${m.title}.${m.field}`).sort()).toEqual([
      'Mask (mask).mask',
      'Product photo.image',
    ]);
    expect(report.missing[0]!.reason).toMatch(/plain \.atelier\.json carries no images/);
    expect(report.message).toMatch(/2 images are missing \(Product photo, Mask \(mask\)\)/);
  });

  it('refuses a damaged zip, a bundle whose image was altered is reported missing', async () => {
    const res = await b.app.request('/api/workflows/import', {
      method: 'POST',
      body: new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]),
    });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_bundle');
    const nothing = await b.app.request('/api/workflows/import', { method: 'POST', body: 'hello' });
    expect(nothing.status).toBe(400);
  });
});

describe('fork', () => {
  it('copies a version into a new workflow that records where it came from', async () => {
    const { id } = await savedAndRun();
    const fork = await post<{ id: string; forkedFrom: unknown }>(
      a,
      `/api/workflows/${id}/fork`,
      {},
    );
    expect(fork.forkedFrom).toEqual({ id, version: 1 });
    const got = (await (await a.app.request(`/api/workflows/${fork.id}`)).json()) as {
      name: string;
      forkedFrom: unknown;
    };
    expect(got).toMatchObject({ name: 'Masked swap (fork)', forkedFrom: { id, version: 1 } });
    const list = (await (await a.app.request('/api/workflows')).json()) as {
      id: string;
      forkedFrom?: unknown;
    }[];
    expect(list.find((w) => w.id === fork.id)!.forkedFrom).toEqual({ id, version: 1 });
    expect(list.find((w) => w.id === id)!.forkedFrom).toBeUndefined();
  });
});

describe('provenance', () => {
  it('answers the run, node, workflow, version and inputs of an output, and 404 otherwise', async () => {
    const { id, run, output, photo } = await savedAndRun();
    const res = await a.app.request(`/api/provenance/${output}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      sha256: output,
      runId: run.id,
      nodeId: 'swap',
      port: 'image',
      workflowId: id,
      workflowVersion: 1,
    });
    expect((body.recipe as { document: { nodes: unknown[] } }).document.nodes).toHaveLength(4);
    expect((await a.app.request(`/api/provenance/${photo.blob}`)).status).toBe(404);
    expect((await a.app.request('/api/provenance/abc')).status).toBe(400);
  });

  it('recognises a dropped output, and an image carrying an embedded recipe on another server', async () => {
    const { output, run } = await savedAndRun();
    const original = new Uint8Array(
      await (await a.app.request(`/api/blobs/${output}`)).arrayBuffer(),
    );
    const dropped = (await (
      await a.app.request('/api/provenance/image', { method: 'POST', body: original })
    ).json()) as {
      source: string;
      runId: string;
    };
    expect(dropped).toMatchObject({ source: 'provenance', runId: run.id });

    const withRecipe = await a.app.request(`/api/provenance/${output}/with-recipe`);
    expect(withRecipe.status).toBe(200);
    expect(withRecipe.headers.get('x-atelier-note')).toMatch(/content credentials/);
    const embedded = new Uint8Array(await withRecipe.arrayBuffer());
    expect(embedded).not.toEqual(original);
    const elsewhere = await b.app.request('/api/provenance/image', {
      method: 'POST',
      body: embedded,
    });
    expect(elsewhere.status).toBe(200);
    const found = (await elsewhere.json()) as {
      source: string;
      recipe: { document: { name: string }; source: { runId: string } };
    };
    expect(found.source).toBe('embedded');
    expect(found.recipe.document.name).toBe('Masked swap');
    expect(found.recipe.source.runId).toBe(run.id);

    const stranger = await b.app.request('/api/provenance/image', {
      method: 'POST',
      body: await photoBytes(64),
    });
    expect(stranger.status).toBe(404);

    const notAnImage = await b.app.request('/api/provenance/image', {
      method: 'POST',
      body: new TextEncoder().encode('# README\nnot an image'),
    });
    expect(notAnImage.status).toBe(415);
    expect(((await notAnImage.json()) as { error: { code: string } }).error.code).toBe(
      'unsupported_media_type',
    );
  });
});
