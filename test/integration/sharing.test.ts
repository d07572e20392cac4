/**
 * A recipe handed to a teammate as a file: exported by one server, imported by a second
 * (a real process on a fresh data directory), which runs it at once without any upload.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunView } from './server-helpers';
import {
  getJson,
  postJson,
  REPO_ROOT,
  runToEnd,
  SECRET_KEY,
  useServerProcesses,
} from './server-helpers';

const servers = useServerProcesses({ prefix: 'atelier-share-' });

const upload = async (url: string, file: string) => {
  const res = await fetch(`${url}/api/blobs`, {
    method: 'POST',
    body: readFileSync(join(REPO_ROOT, 'examples/assets', file)),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { blob: string; mime: string; width: number; height: number };
};

/** examples/masked-background-swap.json with its photo and mask uploaded to the server at `url`. */
const swapDocumentOn = async (url: string) => {
  const document = JSON.parse(
    readFileSync(join(REPO_ROOT, 'examples/masked-background-swap.json'), 'utf8'),
  ) as { nodes: { id: string; data: Record<string, unknown> }[] };
  document.nodes.find((n) => n.id === 'photo')!.data.image = await upload(url, 'product.png');
  document.nodes.find((n) => n.id === 'mask')!.data.mask = await upload(url, 'product-mask.png');
  return document;
};

type Run = RunView & {
  nodes: Record<string, { outputs?: Record<string, { blob: string; responseId?: string }> }>;
};

describe('sharing a recipe as a file between two servers', { timeout: 240_000 }, () => {
  it('imports the bundle on a fresh server, which runs it at once with zero uploads', async () => {
    const [a, b] = await Promise.all([servers.start(), servers.start()]);
    const document = await swapDocumentOn(a.url);
    const saved = await postJson<{ id: string }>(`${a.url}/api/workflows`, document);
    expect(saved.status).toBe(201);
    const first = await runToEnd<Run>(a.url, { workflowId: saved.body.id });
    expect(first.status).toBe('succeeded');
    const output = first.nodes.swap!.outputs!.image!;

    // A download is the API's own bytes: identical to what the Responses API returned.
    const stored = new Uint8Array(
      await (await fetch(`${a.url}/api/blobs/${output.blob}`)).arrayBuffer(),
    );
    const response = (await (
      await fetch(`${servers.fake.baseURL}/responses/${output.responseId}`, {
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

    const rerun = await runToEnd(b.url, { workflowId: report.id });
    expect(rerun.status).toBe('succeeded');
    expect(b.output()).not.toMatch(/POST \/api\/blobs/);
  });

  it('imports the plain document with what is missing named by node, and Run says what to set', async () => {
    const [a, b] = await Promise.all([servers.start(), servers.start()]);
    const document = await swapDocumentOn(a.url);
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
