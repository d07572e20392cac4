import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TestApp } from './test-app';
import { createTestApp, json, posterWorkflow } from './test-app';

// Batches run many rows through the real fake: a loaded machine needs more than 5 s.
vi.setConfig({ testTimeout: 30_000 });

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ batchSlots: 8, concurrency: 8 });
});
afterAll(() => t.close());

interface Batch {
  id: string;
  status: string;
  total: number;
  succeeded: number;
  failed: number;
  queued: number;
  running: number;
  cost: number;
  estimatedCost: number;
  maxCost: number | null;
  needed?: number;
}

const get = async (id: string) =>
  (await (await t.app.request(`/api/batches/${id}`)).json()) as Batch;

/** Polls until the batch is in one of `statuses` (a hung batch fails the test by its timeout). */
const until = async (id: string, statuses: string[]): Promise<Batch> => {
  for (;;) {
    const batch = await get(id);
    if (statuses.includes(batch.status)) return batch;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

const save = async (text = 'A poster of a lighthouse') =>
  (
    (await (await t.app.request('/api/workflows', json(posterWorkflow(text)))).json()) as {
      id: string;
    }
  ).id;

const create = async (body: unknown, init: RequestInit = {}) => {
  const res = await t.app.request('/api/batches', { ...json(body), ...init });
  expect(res.status, await res.clone().text()).toBe(202);
  return (await res.json()) as { id: string; rows: number; calls: number; estimatedCost: number };
};

describe('POST /api/batches/preview', () => {
  it('counts rows, calls, cached nodes and the estimated cost without any API call', async () => {
    const workflowId = await save();
    const before = t.fake.stats.responses;
    const rows = [
      { subject: 'preview fox' },
      { subject: 'preview owl' },
      { subject: 'preview fox' },
    ];
    const res = await t.app.request('/api/batches/preview', json({ workflowId, rows }));
    expect(res.status).toBe(200);
    const first = (await res.json()) as Record<string, number>;
    // The third row repeats the first: its call is paid once.
    expect(first).toMatchObject({ rows: 3, calls: 2, cachedNodes: 1 });
    expect(first.estimatedCost).toBeGreaterThan(0);
    // The first row pays for one of the two calls: what a cap must allow for any row to run.
    expect(first.firstRowCost).toBeCloseTo(first.estimatedCost! / 2, 6);
    expect(t.fake.stats.responses).toBe(before);

    // Run the fox once: a preview now knows it is cached.
    const run = await t.app.request('/api/runs', json({ workflowId, inputs: rows[0] }));
    const { id } = (await run.json()) as { id: string };
    await t.deps.runs.wait(id);
    const again = (await (
      await t.app.request('/api/batches/preview', json({ workflowId, rows }))
    ).json()) as Record<string, number>;
    expect(again).toMatchObject({ rows: 3, calls: 1, cachedNodes: 2, firstRowCost: 0 });
    expect(again.estimatedCost).toBeCloseTo(first.estimatedCost! / 2, 6);
  });

  it('names the row and column of every bad cell before anything is queued', async () => {
    const workflowId = await save();
    const csv = 'subject,colour\nA fox,red\n';
    const res = await t.app.request('/api/batches', json({ workflowId, csv }));
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { code: string; path: string; message: string } };
    expect(body.error.code).toBe('invalid_rows');
    expect(body.error.path).toBe('rows[0].colour');
    expect(body.error.message).toMatch(/Row 1, column "colour"/);

    const blob = await t.app.request(
      '/api/batches',
      json({ workflowId, rows: [{ subject: 'ok' }, { subject: { blob: 'f'.repeat(64) } }] }),
    );
    expect(blob.status).toBe(422);
    expect(((await blob.json()) as { error: { path: string } }).error.path).toBe('rows[1].subject');
    const list = (await (await t.app.request('/api/batches')).json()) as Batch[];
    expect(list.filter((b) => b.status === 'queued')).toEqual([]);
  });

  it('refuses a CSV without a header name and uneven zip lists', async () => {
    const workflowId = await save();
    const csv = await t.app.request(
      '/api/batches/preview',
      json({ workflowId, csv: 'subject,\na,b\n' }),
    );
    expect(csv.status).toBe(422);
    const zip = await t.app.request(
      '/api/batches/preview',
      json({ workflowId, zip: { subject: ['a', 'b'], other: ['c'] } }),
    );
    expect(zip.status).toBe(422);
    expect(((await zip.json()) as { error: { path: string } }).error.path).toBe('zip[1].other');
  });
});

describe('a batch from a CSV', () => {
  it('runs every row, then serves the rows and a zip of the outputs with a manifest', async () => {
    const workflowId = await save();
    const csv = 'subject\n"A zebra, striped"\nA giraffe\nA lion\n';
    const created = await create({ workflowId, csv });
    expect(created).toMatchObject({ rows: 3, calls: 3 });
    const batch = await until(created.id, ['succeeded', 'failed']);
    expect(batch).toMatchObject({ status: 'succeeded', total: 3, succeeded: 3, failed: 0 });
    expect(batch.cost).toBeGreaterThan(0);
    expect(batch.cost).toBeLessThanOrEqual(batch.estimatedCost);

    const rows = (await (await t.app.request(`/api/batches/${created.id}/rows`)).json()) as {
      index: number;
      status: string;
      runId: string;
      inputs: { subject: string };
    }[];
    expect(rows.map((r) => [r.index, r.status, r.inputs.subject])).toEqual([
      [0, 'succeeded', 'A zebra, striped'],
      [1, 'succeeded', 'A giraffe'],
      [2, 'succeeded', 'A lion'],
    ]);
    const run = (await (await t.app.request(`/api/runs/${rows[1]!.runId}`)).json()) as {
      workflowId: string;
      status: string;
    };
    expect(run).toMatchObject({ workflowId, status: 'succeeded' });

    const zip = await t.app.request(`/api/batches/${created.id}/results.zip`);
    expect(zip.headers.get('content-type')).toBe('application/zip');
    const files = unzipSync(new Uint8Array(await zip.arrayBuffer()));
    expect(Object.keys(files).sort()).toEqual(['1/g1.png', '2/g1.png', '3/g1.png', 'manifest.csv']);
    expect([...files['1/g1.png']!.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
    const manifest = strFromU8(files['manifest.csv']!).trim().split(/\r?\n/);
    expect(manifest[0]).toBe('row,subject,outputs,status,cost,run,error');
    expect(manifest[1]).toMatch(/^1,"A zebra, striped",1\/g1\.png,succeeded,[\d.]+,run_/);
    expect(manifest).toHaveLength(4);
  });

  it('builds rows as a cross product of lists', async () => {
    const workflowId = await save();
    const res = await t.app.request(
      '/api/batches/preview',
      json({ workflowId, product: { subject: ['cross a', 'cross b', 'cross c'] } }),
    );
    expect(((await res.json()) as { rows: number }).rows).toBe(3);
  });
});

describe('the budget cap', () => {
  it('is never passed with 8 calls in flight; the batch stops at it and a raised cap resumes it', async () => {
    const workflowId = await save();
    const rows = Array.from({ length: 12 }, (_, i) => ({ subject: `capped ${i}` }));
    const preview = (await (
      await t.app.request('/api/batches/preview', json({ workflowId, rows }))
    ).json()) as { estimatedCost: number };
    const each = preview.estimatedCost / 12;
    const maxCost = Math.round(each * 5.5 * 1e6) / 1e6;
    t.fake.configure({ latency: { firstByteMs: 40 } });
    t.fake.resetStats();
    try {
      const { id } = await create({ workflowId, rows, maxCost });
      const stopped = await until(id, ['budget_reached']);
      await until(id, ['budget_reached']).then(async () => {
        // Let the rows in flight end.
        for (;;) {
          const b = await get(id);
          if (b.running === 0) return;
          await new Promise((r) => setTimeout(r, 20));
        }
      });
      const held = await get(id);
      expect(stopped.maxCost).toBe(maxCost);
      expect(held.status).toBe('budget_reached');
      expect(held.cost).toBeGreaterThan(0);
      expect(held.cost).toBeLessThanOrEqual(maxCost);
      expect(held.succeeded).toBeLessThan(12);
      expect(held.needed).toBeGreaterThan(0);
      // 8 slots, but never more calls than the cap covers at once.
      expect(t.fake.stats.maxInFlight).toBeLessThanOrEqual(5);

      const raised = await t.app.request(`/api/batches/${id}`, json({ maxCost: 1000 }, 'PATCH'));
      expect(raised.status).toBe(200);
      const done = await until(id, ['succeeded', 'failed']);
      expect(done).toMatchObject({ status: 'succeeded', succeeded: 12 });
      expect(t.fake.stats.responses).toBe(12);
    } finally {
      t.fake.configure({ latency: { firstByteMs: 0 } });
    }
  });
});

describe('controls', () => {
  it('pauses, resumes and cancels', async () => {
    const workflowId = await save();
    const rows = Array.from({ length: 4 }, (_, i) => ({ subject: `paused ${i}` }));
    t.fake.configure({ latency: { firstByteMs: 5000 } });
    const { id } = await create({ workflowId, rows, priority: -5 });
    // The rows are running (held by the latency) when the batch is paused: they stop.
    await until(id, ['running']);
    t.fake.configure({ latency: { firstByteMs: 0 } });
    const paused = await t.app.request(`/api/batches/${id}/pause`, { method: 'POST' });
    expect(paused.status).toBe(200);
    await t.deps.batches.idle();
    const held = await get(id);
    expect(held.status).toBe('paused');
    expect([held.queued, held.running, held.succeeded]).toEqual([4, 0, 0]);
    expect((await t.app.request(`/api/batches/${id}/pause`, { method: 'POST' })).status).toBe(409);
    expect((await t.app.request(`/api/batches/${id}/resume`, { method: 'POST' })).status).toBe(200);
    expect((await until(id, ['succeeded'])).succeeded).toBe(4);

    const other = await create({ workflowId, rows: [{ subject: 'to cancel' }], priority: -5 });
    await t.app.request(`/api/batches/${other.id}/pause`, { method: 'POST' });
    const cancelled = await t.app.request(`/api/batches/${other.id}/cancel`, { method: 'POST' });
    expect(cancelled.status).toBe(200);
    expect((await get(other.id)).status).toBe('cancelled');
    expect(
      (await t.app.request(`/api/batches/${other.id}/cancel`, { method: 'POST' })).status,
    ).toBe(409);
    expect((await t.app.request('/api/batches/batch_nope')).status).toBe(404);
  });

  it('retries only the failed rows', async () => {
    const workflowId = await save();
    const rows = [{ subject: 'retry fine' }, { subject: 'retry refused [sim:moderation]' }];
    const { id } = await create({ workflowId, rows });
    expect(await until(id, ['failed', 'succeeded'])).toMatchObject({
      status: 'failed',
      succeeded: 1,
      failed: 1,
    });
    const before = t.fake.stats.responses;
    const res = await t.app.request(`/api/batches/${id}/retry`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { retried: number }).retried).toBe(1);
    expect((await until(id, ['succeeded', 'failed'])).status).toBe('failed');
    // Only the failed row ran again.
    expect(t.fake.stats.responses - before).toBe(1);
    const after = (await (await t.app.request(`/api/batches/${id}/rows`)).json()) as {
      attempts: number;
      error?: { code: string };
    }[];
    expect(after.map((r) => r.attempts)).toEqual([1, 2]);
    expect(after[1]!.error?.code).toBe('moderation_blocked');
  });
});

describe('Idempotency-Key', () => {
  it('answers a retried POST /api/batches with the first answer and queues nothing twice', async () => {
    const workflowId = await save();
    const body = { workflowId, rows: [{ subject: 'idempotent' }] };
    const headers = { 'content-type': 'application/json', 'idempotency-key': 'key-batch-1' };
    const first = await t.app.request('/api/batches', { ...json(body), headers });
    const second = await t.app.request('/api/batches', { ...json(body), headers });
    expect(second.status).toBe(202);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    const a = (await first.json()) as { id: string };
    expect(((await second.json()) as { id: string }).id).toBe(a.id);
    const list = (await (await t.app.request('/api/batches')).json()) as Batch[];
    expect(list.filter((b) => b.id === a.id)).toHaveLength(1);
    const other = await t.app.request('/api/batches', {
      ...json({ ...body, rows: [{ subject: 'other' }] }),
      headers,
    });
    expect(other.status).toBe(422);
    await until(a.id, ['succeeded']);
  });

  it('starts one run for a retried POST /api/runs', async () => {
    const workflowId = await save();
    const headers = { 'content-type': 'application/json', 'idempotency-key': 'key-run-1' };
    const body = { workflowId, inputs: { subject: 'idempotent run' } };
    const ids = [];
    for (let i = 0; i < 3; i++)
      ids.push(
        (
          (await (await t.app.request('/api/runs', { ...json(body), headers })).json()) as {
            id: string;
          }
        ).id,
      );
    expect(new Set(ids).size).toBe(1);
    await t.deps.runs.wait(ids[0]!);
  });
});
