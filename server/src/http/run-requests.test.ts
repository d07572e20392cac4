/** What POST /api/runs refuses before it records a run. */
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
