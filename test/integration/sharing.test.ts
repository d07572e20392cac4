/**
 * A recipe handed to a teammate as a file: exported by one server, imported by a second
 * (a real process on a fresh data directory), which runs it at once without any upload.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFakeOpenAI, type FakeOpenAI } from '@atelier/fake-openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildServer, RunView } from './server-helpers';
import { getJson, postJson, REPO_ROOT, SECRET_KEY, spawnServer, watch } from './server-helpers';

let fake: FakeOpenAI;
const dirs: string[] = [];
const children: ChildServer[] = [];

beforeAll(async () => {
  fake = await createFakeOpenAI();
});
afterAll(async () => {
  for (const { child } of children) if (child.exitCode === null) child.kill('SIGKILL');
  await fake?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A server on its own fresh data directory. */
const freshServer = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-share-'));
  dirs.push(dir);
  const server = await spawnServer({
    ATELIER_DATA_DIR: dir,
    ATELIER_PROVIDER: 'openai',
    OPENAI_BASE_URL: fake.baseURL,
    OPENAI_API_KEY: SECRET_KEY,
  });
  children.push(server);
  return server;
};

const upload = async (url: string, file: string) => {
  const res = await fetch(`${url}/api/blobs`, {
    method: 'POST',
    body: readFileSync(join(REPO_ROOT, 'examples/assets', file)),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { blob: string; mime: string; width: number; height: number };
};

const runToEnd = async (url: string, workflowId: string) => {
  const started = await postJson<{ id: string }>(`${url}/api/runs`, { workflowId });
  expect(started.status).toBe(202);
  await watch(`${url}/api/runs/${started.body.id}/events`);
  return getJson<
    RunView & {
      nodes: Record<string, { outputs?: Record<string, { blob: string; responseId?: string }> }>;
    }
  >(`${url}/api/runs/${started.body.id}`);
};

describe('sharing a recipe as a file between two servers', { timeout: 120_000 }, () => {
  it('imports the bundle on a fresh server, which runs it at once with zero uploads', async () => {
    const [a, b] = await Promise.all([freshServer(), freshServer()]);
    const document = JSON.parse(
      readFileSync(join(REPO_ROOT, 'examples/masked-background-swap.json'), 'utf8'),
    ) as {
      nodes: { id: string; data: Record<string, unknown> }[];
    };
    const photo = await upload(a.url, 'product.png');
    const mask = await upload(a.url, 'product-mask.png');
    document.nodes.find((n) => n.id === 'photo')!.data.image = photo;
    document.nodes.find((n) => n.id === 'mask')!.data.mask = mask;
    const saved = await postJson<{ id: string }>(`${a.url}/api/workflows`, document);
    expect(saved.status).toBe(201);
    const first = await runToEnd(a.url, saved.body.id);
    expect(first.status).toBe('succeeded');
    const output = first.nodes.swap!.outputs!.image!;

    // A download is the API's own bytes: identical to what the Responses API returned.
    const stored = new Uint8Array(
      await (await fetch(`${a.url}/api/blobs/${output.blob}`)).arrayBuffer(),
    );
    const response = (await (
      await fetch(`${fake.baseURL}/responses/${output.responseId}`, {
        headers: { authorization: `Bearer ${SECRET_KEY}` },
      })
    ).json()) as { output: { type: string; result?: string }[] };
    const result = response.output.find((item) => item.type === 'image_generation_call')!.result!;
    expect(Buffer.from(stored).equals(Buffer.from(result, 'base64'))).toBe(true);

    const exported = await fetch(`${a.url}/api/workflows/${saved.body.id}/export?outputs=1`);
    expect(exported.status).toBe(200);
    const bundle = new Uint8Array(await exported.arrayBuffer());

    const imported = await fetch(`${b.url}/api/workflows/import`, { method: 'POST', body: bundle });
    expect(imported.status).toBe(201);
    const report = (await imported.json()) as {
      id: string;
      complete: boolean;
      missing: unknown[];
      outputs: { run: string };
    };
    expect(report).toMatchObject({ complete: true, missing: [] });
    // The outputs travelled: b serves the same image and knows which run it belongs to.
    expect((await fetch(`${b.url}/api/blobs/${output.blob}`)).status).toBe(200);
    const provenance = await getJson<{ runId: string; workflowId: string }>(
      `${b.url}/api/provenance/${output.blob}`,
    );
    expect(provenance).toMatchObject({ runId: report.outputs.run, workflowId: report.id });

    const rerun = await runToEnd(b.url, report.id);
    expect(rerun.status).toBe('succeeded');
    expect(b.output()).not.toMatch(/POST \/api\/blobs/);
  });

  it('imports the plain document with what is missing named by node, and Run says what to set', async () => {
    const [a, b] = await Promise.all([freshServer(), freshServer()]);
    const document = JSON.parse(
      readFileSync(join(REPO_ROOT, 'examples/masked-background-swap.json'), 'utf8'),
    ) as {
      nodes: { id: string; data: Record<string, unknown> }[];
    };
    document.nodes.find((n) => n.id === 'photo')!.data.image = await upload(a.url, 'product.png');
    document.nodes.find((n) => n.id === 'mask')!.data.mask = await upload(
      a.url,
      'product-mask.png',
    );
    const saved = await postJson<{ id: string }>(`${a.url}/api/workflows`, document);
    const plain = await (
      await fetch(`${a.url}/api/workflows/${saved.body.id}/export?format=json`)
    ).text();
    const imported = await fetch(`${b.url}/api/workflows/import`, { method: 'POST', body: plain });
    expect(imported.status).toBe(201);
    const report = (await imported.json()) as {
      id: string;
      complete: boolean;
      missing: { node: string; title: string }[];
    };
    expect(report.complete).toBe(false);
    expect(report.missing.map((m) => m.node).sort()).toEqual(['mask', 'photo']);
    const run = await postJson<{ error: { code: string; message: string } }>(`${b.url}/api/runs`, {
      workflowId: report.id,
    });
    expect(run.status).toBe(422);
    expect(run.body.error.code).toBe('unknown_blob');
  });
});
