/** What POST /api/runs refuses before it records a run. */
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from './test-app';
import { createTestApp, json, posterWorkflow } from './test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type ErrorBody = {
  error: { code: string; message: string; path?: string; issues?: Record<string, string>[] };
};

const startRun = async (body: unknown) => {
  const res = await t.app.request('/api/runs', json(body));
  return { status: res.status, body: (await res.json()) as ErrorBody & { id?: string } };
};

const runCount = () =>
  (t.deps.db.sqlite.prepare('select count(*) as n from runs').get() as { n: number }).n;

describe('POST /api/runs: names every object has', () => {
  it('refuses an input named __proto__ like any unknown input', async () => {
    // A JSON object keeps "__proto__" as an ordinary key; zod's record used to drop it.
    const body = `{"workflow": ${JSON.stringify(posterWorkflow())}, "inputs": {"__proto__": "x", "subject": "a kite"}}`;
    const before = runCount();
    const res = await t.app.request('/api/runs', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(res.status).toBe(422);
    const { error } = (await res.json()) as ErrorBody;
    expect(error).toMatchObject({ code: 'invalid_inputs', path: 'inputs.__proto__' });
    expect(error.issues).toEqual([
      expect.objectContaining({ path: 'inputs.__proto__', code: 'unknown_input' }),
    ]);
    expect(runCount()).toBe(before);
  });

  it('refuses a node whose id is __proto__, naming the id', async () => {
    const workflow = posterWorkflow();
    workflow.nodes[0]!.id = '__proto__';
    workflow.edges[0]!.source = '__proto__';
    workflow.inputs[0]!.node = '__proto__';
    const { status, body } = await startRun({ workflow });
    expect(status).toBe(422);
    expect(body.error).toMatchObject({ code: 'invalid_workflow', path: 'workflow.nodes[0].id' });
    expect(body.error.message).toContain('"__proto__" is reserved');
  });
});

const upload = async (bytes: Uint8Array) => {
  const res = await t.app.request('/api/blobs', { method: 'POST', body: bytes });
  expect(res.status).toBe(201);
  return ((await res.json()) as { blob: string }).blob;
};

/** A real 64x48 WebP. */
const webp64x48 = async () =>
  new Uint8Array(
    await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3a7' } })
      .webp()
      .toBuffer(),
  );

const referenceOnly = (image: Record<string, unknown>) => ({
  format: 'atelier.workflow',
  version: 1,
  name: 'One reference',
  nodes: [{ id: 'r', type: 'reference', data: { image } }],
});

type RunBody = {
  status: string;
  nodes: Record<string, { cached: boolean; outputs?: { image?: unknown } }>;
  workflow: { nodes: { data: { image?: unknown } }[] };
};

const runToEnd = async (body: unknown): Promise<RunBody> => {
  const started = await startRun(body);
  expect(started.status).toBe(202);
  await t.deps.runs.wait(started.body.id!);
  return (await (await t.app.request(`/api/runs/${started.body.id}`)).json()) as RunBody;
};

describe('POST /api/runs: images in node data', () => {
  it('takes type and size from the stored blob, not the document, and caches the truth', async () => {
    const blob = await upload(await webp64x48());
    const truth = { blob, mime: 'image/webp', width: 64, height: 48 };
    const lying = await runToEnd({
      workflow: referenceOnly({ blob, mime: 'image/png', width: 500, height: 500 }),
    });
    expect(lying.status).toBe('succeeded');
    expect(lying.nodes.r!.outputs!.image).toEqual(truth);
    expect(lying.workflow.nodes[0]!.data.image).toEqual(truth);
    // The same blob with the right figures, then the false ones again: the cache holds the truth.
    for (const image of [truth, { blob, mime: 'image/jpeg', width: 1, height: 16384 }]) {
      const again = await runToEnd({ workflow: referenceOnly(image) });
      expect(again.nodes.r).toMatchObject({ cached: true, outputs: { image: truth } });
    }
  });

  it('refuses an image whose blob is not stored with 422 unknown_blob and its path', async () => {
    const before = runCount();
    const { status, body } = await startRun({
      workflow: referenceOnly({ blob: 'a'.repeat(64), mime: 'image/png', width: 8, height: 8 }),
    });
    expect(status).toBe(422);
    expect(body.error).toMatchObject({ code: 'unknown_blob', path: 'nodes[0].data.image' });
    expect(body.error.message).toContain('upload it (POST /api/blobs)');
    expect(runCount()).toBe(before);
  });

  it('refuses a mask whose blob is not a PNG, whatever the document says', async () => {
    const photo = await upload(await webp64x48());
    const { status, body } = await startRun({
      workflow: {
        format: 'atelier.workflow',
        version: 1,
        nodes: [
          {
            id: 'r',
            type: 'reference',
            data: { image: { blob: photo, mime: 'image/webp', width: 64, height: 48 } },
          },
          {
            id: 'm',
            type: 'mask',
            data: { mask: { blob: photo, mime: 'image/png', width: 64, height: 48 } },
          },
        ],
        edges: [
          { id: 'e', source: 'r', sourceHandle: 'image', target: 'm', targetHandle: 'image' },
        ],
      },
    });
    expect(status).toBe(422);
    expect(body.error.issues).toEqual([
      {
        path: 'nodes[1].data.mask',
        code: 'invalid_mask',
        message: `nodes[1].data.mask: a mask must be a PNG with alpha (transparent = change); blob ${photo} is image/webp`,
      },
    ]);
  });
});

describe('POST /api/runs: runs that cannot succeed', () => {
  const swap = JSON.parse(
    readFileSync(new URL('../../../examples/masked-background-swap.json', import.meta.url), 'utf8'),
  ) as unknown;

  it('refuses a recipe without its image and mask before recording a run, as the CLI does', async () => {
    const before = runCount();
    const { status, body } = await startRun({ workflow: swap });
    expect(status).toBe(422);
    // The CLI's check (missingImages), with a hint for an HTTP client.
    expect(body.error).toMatchObject({ code: 'missing_image', path: 'nodes[0].data.image' });
    expect(body.error.issues).toEqual([
      {
        path: 'nodes[0].data.image',
        code: 'missing_image',
        message:
          'nodes[0].data.image: reference node "photo" has no image; send one in the run request: "inputs": {"photo": {"blob": "<id from POST /api/blobs>"}}',
      },
      {
        path: 'nodes[1].data.mask',
        code: 'missing_mask',
        message:
          'nodes[1].data.mask: mask node "mask" has no mask; send one in the run request: "inputs": {"mask": {"blob": "<id from POST /api/blobs>"}}',
      },
    ]);
    expect(runCount()).toBe(before);
  });

  it('lets a run whose target needs no image through', async () => {
    const { status } = await startRun({ workflow: swap, target: 'instruction' });
    expect(status).toBe(202);
  });
});
