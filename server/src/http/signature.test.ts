import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectSse } from './sse-reader';
import type { TestApp } from './test-app';
import { createTestApp, json, posterWorkflow } from './test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const withOutputs = (text = 'A poster of a lighthouse') => ({
  ...posterWorkflow(text),
  outputs: [
    { name: 'poster', node: 'g1', port: 'image' },
    { name: 'brief', node: 'p1', port: 'text' },
  ],
});

const save = async (doc: unknown) => {
  const res = await t.app.request('/api/workflows', json(doc));
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as { id: string; version: number };
};

describe('GET /api/workflows/:id/signature', () => {
  it('answers typed inputs (with defaults) and outputs, of the latest or a given version', async () => {
    const { id } = await save(posterWorkflow('first'));
    const put = await t.app.request(`/api/workflows/${id}`, json(withOutputs('second'), 'PUT'));
    expect(put.status, await put.clone().text()).toBe(200);

    const latest = await t.app.request(`/api/workflows/${id}/signature`);
    expect(latest.status).toBe(200);
    expect(await latest.json()).toEqual({
      inputs: [{ name: 'subject', kind: 'text', label: 'Text', default: 'second' }],
      outputs: [
        { name: 'poster', kind: 'image', label: 'Image' },
        { name: 'brief', kind: 'text', label: 'Text' },
      ],
    });
    const first = await t.app.request(`/api/workflows/${id}/signature?version=1`);
    expect(await first.json()).toMatchObject({
      inputs: [{ name: 'subject', default: 'first' }],
      outputs: [],
    });
  });

  it('answers 404 for an unknown workflow or version and 400 for a bad version', async () => {
    const { id } = await save(withOutputs());
    const missing = await t.app.request('/api/workflows/wf_nope/signature');
    expect(missing.status).toBe(404);
    const noVersion = await t.app.request(`/api/workflows/${id}/signature?version=9`);
    expect(noVersion.status).toBe(404);
    expect(((await noVersion.json()) as { error: { code: string } }).error.code).toBe(
      'version_not_found',
    );
    const bad = await t.app.request(`/api/workflows/${id}/signature?version=x`);
    expect(bad.status).toBe(400);
  });

  it('refuses to save outputs that name a missing port, with its path', async () => {
    const res = await t.app.request(
      '/api/workflows',
      json({ ...posterWorkflow(), outputs: [{ name: 'poster', node: 'g1', port: 'prompt' }] }),
    );
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { code: string; path: string; message: string } };
    expect(body.error.path).toBe('outputs[0].port');
    expect(body.error.message).toContain('no output "prompt"');
  });
});

describe('run records carry outputs by name', () => {
  it('GET /api/runs/:id answers outputs: { name: value } beside per-node outputs', async () => {
    const { id: workflowId } = await save(withOutputs());
    const started = await t.app.request(
      '/api/runs',
      json({ workflowId, inputs: { subject: 'a fox' } }),
    );
    expect(started.status).toBe(202);
    const { id } = (await started.json()) as { id: string };
    await collectSse(await t.app.request(`/api/runs/${id}/events`));
    const run = (await (await t.app.request(`/api/runs/${id}`)).json()) as {
      status: string;
      outputs: Record<string, unknown>;
      nodes: Record<string, { outputs: Record<string, unknown> }>;
    };
    expect(run.status).toBe('succeeded');
    expect(run.outputs).toEqual({ poster: run.nodes.g1!.outputs.image, brief: 'a fox' });
    expect(run.outputs.poster).toMatchObject({ blob: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });
});
