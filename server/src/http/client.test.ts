import { hc } from 'hono/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppType } from '../index';
import type { TestApp } from './test-app';
import { createTestApp, posterWorkflow } from './test-app';

let t: TestApp;
let client: ReturnType<typeof hc<AppType>>;
beforeAll(async () => {
  t = await createTestApp();
  // The web app's client, with requests going straight into the app.
  client = hc<AppType>('http://localhost', {
    fetch: (async (input: Parameters<typeof fetch>[0], init?: RequestInit) =>
      t.app.request(input instanceof Request ? input : String(input), init)) as typeof fetch,
  });
});
afterAll(() => t.close());

describe('hc<AppType>', () => {
  it('calls the API with types inferred from the routes', async () => {
    const health = await client.api.health.$get();
    const body = await health.json();
    expect(body.provider).toBe('simulator');

    const created = await client.api.workflows.$post({ json: posterWorkflow() });
    if (created.status !== 201) throw new Error(`unexpected ${created.status}`);
    const { id, version } = await created.json();
    expect(version).toBe(1);

    const inputs = await client.api.workflows[':id'].inputs.$get({ param: { id } });
    if (inputs.status !== 200) throw new Error(`unexpected ${inputs.status}`);
    const signature = await inputs.json();
    expect(signature.map((input) => input.name)).toEqual(['subject']);

    const run = await client.api.runs.$post({
      json: { workflowId: id, inputs: { subject: 'typed' }, target: 'p1' },
    });
    if (run.status !== 202) throw new Error(`unexpected ${run.status}`);
    const { id: runId } = await run.json();
    await t.deps.runs.wait(runId);
    const record = await client.api.runs[':id'].$get({ param: { id: runId } });
    if (record.status !== 200) throw new Error(`unexpected ${record.status}`);
    const data = await record.json();
    expect(data.status).toBe('succeeded');
    expect(data.nodes.p1?.status).toBe('succeeded');
  });

  it('types error answers too', async () => {
    const res = await client.api.runs[':id'].$get({ param: { id: 'run_missing' } });
    if (res.status !== 404) throw new Error(`unexpected ${res.status}`);
    const { error } = await res.json();
    expect(error.code).toBe('run_not_found');
  });
});
