import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BatchRecord } from './batch-record';
import type { TestApp } from '../http/test-app';
import { createTestApp, json, posterWorkflow } from '../http/test-app';

// Rows run through the real fake on a loaded machine.
vi.setConfig({ testTimeout: 60_000 });

let t: TestApp;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'atelier-batch-cap-'));
  t = await createTestApp({ batchSlots: 4, dbPath: join(dir, 'atelier.db') });
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = async (id: string) =>
  (await (await t.app.request(`/api/batches/${id}`)).json()) as BatchRecord;

/** Polls until the batch is in one of `statuses` with no row in flight. */
const settled = async (id: string, statuses: string[]): Promise<BatchRecord> => {
  for (;;) {
    const batch = await get(id);
    if (statuses.includes(batch.status) && batch.running === 0) return batch;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

const create = async (body: unknown) => {
  const res = await t.app.request('/api/batches', json(body));
  expect(res.status, await res.clone().text()).toBe(202);
  return ((await res.json()) as { id: string }).id;
};

describe('a batch at its cap', () => {
  it('goes on with the next row once the rows in flight settle below their estimates', async () => {
    const saved = await t.app.request('/api/workflows', json(posterWorkflow('A cap poster')));
    const { id: workflowId } = (await saved.json()) as { id: string };
    const rows = [{ subject: 'cap d' }, { subject: 'cap e' }, { subject: 'cap f' }];
    const preview = (await (
      await t.app.request('/api/batches/preview', json({ workflowId, rows }))
    ).json()) as { estimatedCost: number };
    const each = preview.estimatedCost / 3;

    // What one row really costs (the fake charges less than the preflight estimate).
    const probe = await settled(await create({ workflowId, rows: [{ subject: 'cap probe' }] }), [
      'succeeded',
    ]);
    const actual = probe.cost;
    expect(actual).toBeGreaterThan(0);
    expect(actual).toBeLessThan(each);

    // Room for one row's actual cost plus another's estimate, never for two estimates at
    // once, and not for a third row after two.
    const maxCost = Math.round((actual + each) * 1e6 + 100) / 1e6;
    expect(2 * each).toBeGreaterThan(maxCost);
    expect(2 * actual + each).toBeGreaterThan(maxCost);

    const id = await create({ workflowId, rows, maxCost });
    const stopped = await settled(id, ['budget_reached', 'succeeded', 'failed']);
    expect(stopped).toMatchObject({ status: 'budget_reached', succeeded: 2, queued: 1 });
    expect(stopped.cost).toBeLessThanOrEqual(maxCost);
    // The third row's estimate is what is missing, from settled costs.
    expect(stopped.needed).toBeCloseTo(stopped.cost + each - maxCost, 5);

    // Resuming with the same cap runs nothing more: the row still does not fit.
    const before = t.fake.stats.responses;
    expect((await t.app.request(`/api/batches/${id}/resume`, { method: 'POST' })).status).toBe(200);
    const again = await settled(id, ['budget_reached', 'succeeded', 'failed']);
    expect(again).toMatchObject({ status: 'budget_reached', succeeded: 2, queued: 1 });
    expect(t.fake.stats.responses).toBe(before);

    // Raised by what `needed` said: the last row runs and the cap holds.
    const raised = Math.round((maxCost + stopped.needed!) * 1e6 + 1) / 1e6;
    await t.app.request(`/api/batches/${id}`, json({ maxCost: raised }, 'PATCH'));
    const done = await settled(id, ['succeeded', 'failed']);
    expect(done).toMatchObject({ status: 'succeeded', succeeded: 3 });
    expect(done.cost).toBeLessThanOrEqual(raised);
  });
});
