/** Runs a document through the HTTP API to its end, for tests. */
import { expect } from 'vitest';
import { collectSse } from './sse-reader';
import type { TestApp } from './test-app';
import { json } from './test-app';

/** A run record as GET /api/runs/:id answers it (the parts tests read). */
export interface RunRecord {
  id: string;
  status: string;
  nodes: Record<string, { status: string; cached: boolean; outputs?: Record<string, unknown> }>;
  outputs: Record<string, { blob: string }>;
  recipes?: Record<string, { workflowId: string; version: number; name: string }>;
}

/**
 * Starts a run (`POST /api/runs` with `body`: `{workflow}` or `{workflowId, version?, inputs?}`),
 * reads its events until the stream ends and returns the record. A refused start fails the test
 * with the answer and the server's last log lines.
 */
export const runToEnd = async (t: TestApp, body: unknown): Promise<RunRecord> => {
  const res = await t.app.request('/api/runs', json(body));
  expect(res.status, (await res.clone().text()) + t.lines.slice(-5).join('\n')).toBe(202);
  const { id } = (await res.json()) as { id: string };
  await collectSse(await t.app.request(`/api/runs/${id}/events`));
  const record = (await (await t.app.request(`/api/runs/${id}`)).json()) as RunRecord;
  return { ...record, id };
};
