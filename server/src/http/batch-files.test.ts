import type { Workflow } from '@atelier/graph';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TestApp } from './test-app';
import { createTestApp, json, pngBytes } from './test-app';

vi.setConfig({ testTimeout: 30_000 });

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** reference (named input `photo`) + prompt (`subject`) → generate. */
const photoWorkflow = {
  format: 'atelier.workflow',
  version: 1,
  name: 'Product shot',
  nodes: [
    { id: 'r1', type: 'reference', position: { x: 0, y: 0 }, data: {} },
    { id: 'p1', type: 'prompt', position: { x: 0, y: 200 }, data: { text: 'On a beach' } },
    {
      id: 'g1',
      type: 'generate',
      position: { x: 300, y: 0 },
      data: { size: '1024x1024', quality: 'low' },
    },
  ],
  edges: [
    { id: 'e1', source: 'p1', sourceHandle: 'text', target: 'g1', targetHandle: 'prompt' },
    { id: 'e2', source: 'r1', sourceHandle: 'image', target: 'g1', targetHandle: 'references' },
  ],
  inputs: [
    { name: 'photo', node: 'r1', field: 'image' },
    { name: 'subject', node: 'p1', field: 'text' },
  ],
} satisfies Workflow;

const upload = async (width: number) => {
  const res = await t.app.request('/api/blobs', {
    method: 'POST',
    headers: { 'content-type': 'image/png' },
    body: await pngBytes(width, width),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { blob: string }).blob;
};

const save = async () =>
  ((await (await t.app.request('/api/workflows', json(photoWorkflow))).json()) as { id: string })
    .id;

interface Problem {
  path: string;
  code: string;
  message: string;
}
const problemsOf = async (res: Response) =>
  ((await res.json()) as { error: { code: string; issues: Problem[] } }).error;

describe('image columns naming files of an uploaded set', () => {
  it('runs each row with the blob its file name stands for', async () => {
    const workflowId = await save();
    const fox = await upload(32);
    const owl = await upload(40);
    const csv = 'subject,photo\nA fox,fox.png\nAn owl,photos/owl.png\n';
    const files = { 'fox.png': fox, 'owl.png': owl };
    const preview = await t.app.request('/api/batches/preview', json({ workflowId, csv, files }));
    expect(preview.status, await preview.clone().text()).toBe(200);
    expect(await preview.json()).toMatchObject({ rows: 2, calls: 2 });

    const created = await t.app.request('/api/batches', json({ workflowId, csv, files }));
    expect(created.status).toBe(202);
    const { id } = (await created.json()) as { id: string };
    for (;;) {
      const batch = (await (await t.app.request(`/api/batches/${id}`)).json()) as {
        status: string;
      };
      if (batch.status === 'succeeded' || batch.status === 'failed') break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const rows = (await (await t.app.request(`/api/batches/${id}/rows`)).json()) as {
      status: string;
      inputs: { photo: { blob: string; width: number } };
    }[];
    expect(rows.map((r) => [r.status, r.inputs.photo.blob, r.inputs.photo.width])).toEqual([
      ['succeeded', fox, 32],
      ['succeeded', owl, 40],
    ]);
  });

  it('takes file names in rows, product and zip lists too, and blob:<sha256> without a set', async () => {
    const workflowId = await save();
    const fox = await upload(32);
    const files = { 'fox.png': fox };
    for (const body of [
      { rows: [{ photo: 'fox.png', subject: 'a' }], files },
      { product: { photo: ['fox.png'], subject: ['a', 'b'] }, files },
      { zip: { photo: ['fox.png', `blob:${fox}`], subject: ['a', 'b'] }, files },
      { rows: [{ photo: `blob:${fox}` }] },
    ]) {
      const res = await t.app.request('/api/batches/preview', json({ workflowId, ...body }));
      expect(res.status, await res.clone().text()).toBe(200);
    }
  });

  it('names the row and column of a file that is not in the set, or stands for no upload', async () => {
    const workflowId = await save();
    const fox = await upload(32);
    const batchCount = async () =>
      ((await (await t.app.request('/api/batches')).json()) as unknown[]).length;
    const before = await batchCount();
    const csv = 'subject,photo\nA fox,fox.png\nA cat,cat.png\nA hen,hen.png\n';
    const missing = await t.app.request(
      '/api/batches',
      json({ workflowId, csv, files: { 'fox.png': fox, 'hen.png': 'e'.repeat(64) } }),
    );
    expect(missing.status).toBe(422);
    const error = await problemsOf(missing);
    expect(error.code).toBe('invalid_rows');
    expect(error.issues.map((i) => [i.path, i.code])).toEqual([
      ['rows[1].photo', 'unknown_file'],
      ['rows[2].photo', 'unknown_blob'],
    ]);
    expect(error.issues[0]!.message).toMatch(/Row 2, column "photo": "cat.png" is not a file/);
    expect(error.issues[1]!.message).toMatch(/file "hen.png" stands for blob "e{64}"/);

    // Without a set the message says how to send one.
    const none = await t.app.request('/api/batches/preview', json({ workflowId, csv }));
    expect((await problemsOf(none)).issues[0]!.message).toMatch(/send "files"/);
    // A text column is never looked up: a prompt may well say "fox.png".
    const text = await t.app.request(
      '/api/batches/preview',
      json({
        workflowId,
        rows: [{ subject: 'fox.png', photo: 'fox.png' }],
        files: { 'fox.png': fox },
      }),
    );
    expect(text.status).toBe(200);
    expect(await batchCount()).toBe(before); // nothing was queued
  });

  it('refuses a files map that is not names to strings', async () => {
    const workflowId = await save();
    const res = await t.app.request(
      '/api/batches/preview',
      json({ workflowId, rows: [{ subject: 'a' }], files: { 'a.png': 3 } }),
    );
    expect(res.status).toBe(400);
  });
});
