/**
 * Unchanged reruns of a 500-node graph against the real SQLite cache (a database file,
 * as the server and CLI use it): API calls (must be 0) and time per node, for the
 * engine with SqliteCacheStore and for a whole RunService run (which also records every
 * event and node row). Run alone: `pnpm bench cache-sqlite`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runWorkflow } from '@atelier/engine';
import { FakeResponses, toyOptions, toyRegistry } from '@atelier/engine/testing';
import { BlobStore } from '../../server/src/blobs/blob-store';
import { createDb } from '../../server/src/db/create-db';
import { SqliteCacheStore } from '../../server/src/db/sqlite-cache-store';
import { RunService } from '../../server/src/runs/run-service';
import { median, rerunGraph, runIfMain } from './helpers';
import type { BenchResult } from './result';

const NODES = 500;
const RUNS = 9;

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-bench-cache-'));
  const db = createDb(join(dir, 'atelier.db'));
  try {
    const workflow = rerunGraph(NODES);
    const cache = new SqliteCacheStore(db);
    const first = new FakeResponses();
    await runWorkflow(toyOptions(workflow, { cache, responses: first }));
    if (first.calls === 0) throw new Error('bench: the first run made no calls');

    // Engine + SQLite cache.
    let engineCalls = 0;
    const engineTimes: number[] = [];
    for (let i = 0; i <= RUNS; i++) {
      const responses = new FakeResponses();
      const t0 = performance.now();
      const summary = await runWorkflow(toyOptions(workflow, { cache, responses }));
      const ms = performance.now() - t0;
      engineCalls += responses.calls;
      if (summary.saved.nodes !== NODES) throw new Error('bench: rerun missed the cache');
      if (i > 0) engineTimes.push(ms); // the first is a warm-up
    }

    // The same through RunService: validation, run/node rows and every event persisted.
    let serviceCalls = 0;
    const serviceTimes: number[] = [];
    for (let i = 0; i <= RUNS; i++) {
      const responses = new FakeResponses();
      const service = new RunService({
        db,
        responses,
        providerKind: 'simulator',
        blobs: new BlobStore(db),
        cache,
        models: { model: 'gpt-6.1-sol', imageModel: 'gpt-image-2.6-sunburst' },
        concurrency: 8,
        registry: toyRegistry,
      });
      const t0 = performance.now();
      const record = await service.wait(service.start({ workflow }).id);
      const ms = performance.now() - t0;
      serviceCalls += responses.calls;
      if (record.saved.nodes !== NODES) throw new Error('bench: service rerun missed the cache');
      if (i > 0) serviceTimes.push(ms);
    }
    const engineMs = median(engineTimes);
    const serviceMs = median(serviceTimes);
    return [
      {
        name: 'server.cache_sqlite.rerun_api_calls',
        value: engineCalls + serviceCalls,
        unit: 'calls',
        target: 0,
        better: 'lower',
        note: `${2 * RUNS + 2} unchanged reruns of a ${NODES}-node graph against a SQLite file`,
      },
      {
        name: 'server.cache_sqlite.rerun_ms_per_node',
        value: engineMs / NODES,
        unit: 'ms',
        target: 0.2,
        better: 'lower',
        note: `engine + SqliteCacheStore: median rerun ${engineMs.toFixed(1)} ms for ${NODES} nodes`,
      },
      {
        name: 'server.cache_sqlite.run_service_rerun_ms_per_node',
        value: serviceMs / NODES,
        unit: 'ms',
        baseline: engineMs / NODES,
        ratio: serviceMs / engineMs,
        better: 'lower',
        note: `RunService (validate, record run + ${NODES} node rows + every event): median ${serviceMs.toFixed(1)} ms; ratio = vs engine alone`,
      },
    ];
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

runIfMain(import.meta.url, run);
