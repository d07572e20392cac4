/**
 * Batch benchmarks (not tests): a 1,000-row batch over the durable queue against the fake
 * with a fixed latency per call, through real HTTP and SQLite.
 *
 * - throughput against the ideal: with every call taking L seconds and S API slots, no
 *   queue can finish more than S / L rows per second (one call per row);
 * - queue overhead per row: the wall time beyond that ideal, spread over the rows;
 * - an interactive run started while the batch is busy, against the same run on an idle
 *   server (the shared API slots serve people before batch rows);
 * - the preflight of 1,000 rows (no API call), and the server's memory before and after.
 *
 * Run alone: `npx tsx test/bench/batch.bench.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningServer } from '../../server/src/http/start';
import { median, runIfMain } from './helpers';
import type { BenchResult } from './result';
import { mb, spawnFake, start, startRun } from './server-harness';

const ROWS = 1000;
const SLOTS = 16;
const LATENCY_MS = 200;

/** One API call per row: a web search whose query is the row's input. */
const recipe = {
  format: 'atelier.workflow',
  version: 1,
  name: 'Bench search',
  nodes: [
    { id: 'q', type: 'prompt', position: { x: 0, y: 0 }, data: { text: 'weather' } },
    { id: 's', type: 'web_search', position: { x: 300, y: 0 }, data: { context_size: 'low' } },
  ],
  edges: [{ id: 'e', source: 'q', sourceHandle: 'text', target: 's', targetHandle: 'query' }],
  inputs: [{ name: 'city', node: 'q', field: 'text' }],
};

const api = async <T>(server: RunningServer, path: string, body?: unknown): Promise<T> => {
  const res = await fetch(`${server.url}/api${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
};

const waitRun = async (server: RunningServer, id: string): Promise<void> => {
  for (;;) {
    const run = await api<{ status: string }>(server, `/runs/${id}`);
    if (run.status !== 'queued' && run.status !== 'running') {
      if (run.status !== 'succeeded') throw new Error(`run ${id} ended ${run.status}`);
      return;
    }
    await new Promise((r) => setTimeout(r, 10));
  }
};

/** Wall time of one interactive run of the recipe with a fresh input (so it is not cached). */
const interactiveRun = async (server: RunningServer, city: string): Promise<number> => {
  const t0 = performance.now();
  const id = await startRun(server, { workflow: recipe, inputs: { city } });
  await waitRun(server, id);
  return performance.now() - t0;
};

interface BatchStatus {
  status: string;
  succeeded: number;
  failed: number;
}

export async function run(): Promise<BenchResult[]> {
  const fake = await spawnFake(['--latency-first-byte', String(LATENCY_MS)]);
  const dataDir = mkdtempSync(join(tmpdir(), 'atelier-bench-batch-'));
  const server = await start(fake.baseURL, dataDir, SLOTS, undefined, {
    ATELIER_BATCH_SLOTS: String(SLOTS),
  });
  const rows = Array.from({ length: ROWS }, (_, i) => ({ city: `city ${i}` }));
  try {
    const { id: workflowId } = await api<{ id: string }>(server, '/workflows', recipe);

    // What one call really takes here (latency + SDK + engine), measured idle: the ideal's L.
    await interactiveRun(server, 'warm-up');
    const idle = median(
      await Promise.all([0, 1, 2].map((k) => interactiveRun(server, `idle ${k}`))),
    );

    const preflights: number[] = [];
    for (let k = 0; k < 3; k++) {
      const t0 = performance.now();
      const preview = await api<{ rows: number; calls: number }>(server, '/batches/preview', {
        workflowId,
        rows,
      });
      preflights.push(performance.now() - t0);
      if (preview.calls !== ROWS) throw new Error(`preflight counted ${preview.calls} calls`);
    }

    global.gc?.();
    const before = process.memoryUsage();
    const t0 = performance.now();
    const { id } = await api<{ id: string }>(server, '/batches', { workflowId, rows });
    let busy: Promise<number> | undefined;
    let status: BatchStatus;
    for (;;) {
      status = await api<BatchStatus>(server, `/batches/${id}`);
      // A person runs the recipe once the queue is full of rows.
      if (!busy && status.succeeded >= ROWS / 5) busy = interactiveRun(server, 'while busy');
      if (!['queued', 'running'].includes(status.status)) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const wall = performance.now() - t0;
    const duringBatch = await busy!;
    global.gc?.();
    const after = process.memoryUsage();
    if (status.succeeded !== ROWS)
      throw new Error(`batch ended ${status.status}: ${status.succeeded} of ${ROWS} rows`);

    const idealWall = (ROWS * idle) / SLOTS;
    const throughput = ROWS / (wall / 1000);
    const ideal = SLOTS / (idle / 1000);
    const setup = `${ROWS} rows × 1 call, ${SLOTS} API slots, fake latency ${LATENCY_MS} ms (one call measured idle: ${Math.round(idle)} ms)`;
    return [
      {
        name: 'batch.throughput',
        value: Math.round(throughput * 10) / 10,
        unit: 'rows/s',
        baseline: Math.round(ideal * 10) / 10,
        ratio: Math.round((throughput / ideal) * 100) / 100,
        target: Math.round(ideal * 0.5 * 10) / 10,
        better: 'higher',
        note: `${setup}; baseline = slots ÷ call time, ratio = measured / ideal`,
      },
      {
        name: 'batch.queue_overhead_per_row',
        value: Math.round(((wall - idealWall) / ROWS) * 100) / 100,
        unit: 'ms',
        baseline: Math.round((idle / SLOTS) * 100) / 100,
        ratio: Math.round(((wall - idealWall) / ROWS / (idle / SLOTS)) * 100) / 100,
        note: 'wall time beyond the ideal, per row; baseline = the ideal time per row',
      },
      {
        name: 'batch.interactive_run_while_busy',
        value: Math.round(duringBatch),
        unit: 'ms',
        baseline: Math.round(idle),
        ratio: Math.round((duringBatch / idle) * 100) / 100,
        target: Math.round(idle * 3),
        note: 'one run from the editor while the batch fills every slot, against the same run idle',
      },
      {
        name: 'batch.preflight_1000_rows',
        value: Math.round(median(preflights)),
        unit: 'ms',
        note: 'POST /api/batches/preview with 1,000 rows (validation, cache keys, prices; no API call)',
      },
      { name: 'batch.memory.rss_before', value: mb(before.rss), unit: 'MB' },
      { name: 'batch.memory.rss_after', value: mb(after.rss), unit: 'MB' },
      { name: 'batch.memory.heap_before', value: mb(before.heapUsed), unit: 'MB' },
      {
        name: 'batch.memory.heap_after',
        value: mb(after.heapUsed),
        unit: 'MB',
        note: 'the server process (the fake runs in its own)',
      },
    ];
  } finally {
    await server.close();
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

runIfMain(import.meta.url, run);
