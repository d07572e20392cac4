/**
 * A named input of the wrong type in a run, batch or run-link request: 400 at its path,
 * saying which values are expected (REVIEW-2 #14), and nothing started.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from './test-app';
import { createTestApp, json } from './test-app';
import { edge, node } from './test-graph';

let t: TestApp;
let dir: string;
let workflowId: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'atelier-input-value-'));
  t = await createTestApp({ dbPath: join(dir, 'atelier.db') });
  const res = await t.app.request(
    '/api/workflows',
    json({
      format: 'atelier.workflow',
      version: 1,
      name: 'Kite',
      nodes: [node('p1', 'prompt', { text: 'A kite' }), node('g1', 'generate')],
      edges: [edge('e1', 'p1.text', 'g1.prompt')],
      inputs: [{ name: 'subject', node: 'p1', field: 'text' }],
    }),
  );
  workflowId = ((await res.json()) as { id: string }).id;
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

const refused = async (path: string, body: unknown) => {
  const res = await t.app.request(path, json(body));
  expect(res.status).toBe(400);
  return ((await res.json()) as { error: { code: string; message: string; path: string } }).error;
};
const EXPECTED = 'expected a string (the value of a text input) or {"blob": "<sha256>"}';

describe('a named input of the wrong type', () => {
  it('POST /api/runs: 400 at inputs.<name> saying a string or {blob} is expected', async () => {
    const error = await refused('/api/runs', { workflowId, inputs: { subject: 42 } });
    expect(error).toMatchObject({ code: 'invalid_request', path: 'inputs.subject' });
    expect(error.message).toContain(EXPECTED);
    expect(error.message).toContain('got the number 42');
    const wrongBlob = await refused('/api/runs', { workflowId, inputs: { subject: { blob: 7 } } });
    expect(wrongBlob.message).toContain('got an object whose "blob" is not a string');
    const url = await refused('/api/runs', { workflowId, inputs: { subject: { url: 'x' } } });
    expect(url.message).toContain('got an object without "blob" (keys: url)');
    expect((await (await t.app.request('/api/runs')).json()) as unknown[]).toEqual([]);
  });

  it('POST /api/batches: 400 at the row’s cell', async () => {
    const error = await refused('/api/batches', {
      workflowId,
      rows: [{ subject: 'A kite' }, { subject: true }],
    });
    expect(error.path).toBe('rows[1].subject');
    expect(error.message).toContain(EXPECTED);
    expect(error.message).toContain('got the boolean true');
  });

  it('a run link: 400 at inputs.<name>', async () => {
    const share = await t.app.request(
      `/api/workflows/${workflowId}/shares`,
      json({ access: 'run' }),
    );
    const { url } = (await share.json()) as { url: string };
    const error = await refused(`/api/s/${new URL(url).pathname.split('/').pop()}/runs`, {
      inputs: { subject: null },
    });
    expect(error.path).toBe('inputs.subject');
    expect(error.message).toContain(EXPECTED);
    expect(error.message).toContain('got null');
  });
});
