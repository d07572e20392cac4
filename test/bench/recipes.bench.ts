/**
 * Recipes used as nodes, nested LEVELS deep over 500+ inner nodes, against the same graph
 * flattened (no recipes), both measured in this run: the planning a run does before any call
 * (parse, resolve the recipes from a real SQLite library, validate, expand, plan) per node,
 * and an unchanged rerun (0 calls; time per node). Run alone: `npx tsx test/bench/recipes.bench.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { MemoryCacheStore, runWorkflow } from '@atelier/engine';
import { FakeResponses, toyOptions } from '@atelier/engine/testing';
import type { Workflow } from '@atelier/graph';
import { createDb, WorkflowRepo } from '../../server/src/db';
import { libraryRecipes } from '../../server/src/recipes/library-recipes';
import { prepareRun, type PreparedRun } from '../../server/src/runs/prepare-run';
import { median, runIfMain } from './helpers';
import {
  benchRegistry,
  FANOUT,
  flattenedDocument,
  LEVELS,
  nestedDocument,
  recipeLevel,
} from './recipe-graphs';
import type { BenchResult } from './result';

const NO_BLOBS = { info: () => undefined };
const TIMES = 15;

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-bench-recipes-'));
  const db = createDb(join(dir, 'atelier.db'));
  try {
    const workflows = new WorkflowRepo(db);
    const ids: string[] = [];
    for (let level = 1; level <= LEVELS; level++)
      ids[level] = workflows.create(recipeLevel(level, (l) => ids[l]!)).id;
    const source = libraryRecipes(workflows);
    const nested = nestedDocument((l) => ids[l]!);
    const flat = flattenedDocument();
    const prepare = (workflow: Workflow) =>
      prepareRun({ workflow }, benchRegistry, NO_BLOBS, undefined, source);

    const a = prepare(nested);
    const b = prepare(flat);
    const nodes = a.expanded.nodes.length;
    if (b.expanded.nodes.length !== nodes)
      throw new Error(`bench: ${nodes} nested nodes but ${b.expanded.nodes.length} flattened`);
    const recipeNodes = Object.keys(a.recipes).length;

    // Both graphs compute the same thing: the first runs fill each its own cache.
    const caches = { nested: new MemoryCacheStore(), flat: new MemoryCacheStore() };
    const execute = async (prepared: PreparedRun, cache: MemoryCacheStore) => {
      const responses = new FakeResponses();
      const t0 = performance.now();
      const summary = await runWorkflow(
        toyOptions(prepared.expanded, {
          registry: benchRegistry,
          cache,
          responses,
          recipePorts: prepared.recipePorts,
        }),
      );
      const ms = performance.now() - t0;
      if (summary.status !== 'succeeded') throw new Error(`bench run ${summary.status}`);
      return { ms, calls: responses.calls, summary };
    };
    const first = await execute(a, caches.nested);
    const firstFlat = await execute(b, caches.flat);
    const out = (s: typeof first.summary) =>
      JSON.stringify(Object.values(s.nodes.top?.outputs ?? {}));
    if (out(first.summary) !== out(firstFlat.summary) || first.calls !== firstFlat.calls)
      throw new Error(
        `bench: the nested and flattened graphs differ: ${first.calls} vs ${firstFlat.calls} calls, ${out(first.summary).slice(0, 300)} vs ${out(firstFlat.summary).slice(0, 300)}`,
      );

    // Planning, alternated so both see the same machine load (after a JIT warm-up).
    for (let i = 0; i < 5; i++) {
      prepare(nested);
      prepare(flat);
    }
    const plans = { nested: [] as number[], flat: [] as number[] };
    for (let i = 0; i < TIMES; i++) {
      let t0 = performance.now();
      prepare(nested);
      plans.nested.push(performance.now() - t0);
      t0 = performance.now();
      prepare(flat);
      plans.flat.push(performance.now() - t0);
    }
    // Unchanged reruns, alternated likewise.
    const reruns = { nested: [] as number[], flat: [] as number[] };
    let calls = 0;
    let cachedNodes = 0;
    for (let i = 0; i < TIMES; i++) {
      const n = await execute(prepare(nested), caches.nested);
      const f = await execute(prepare(flat), caches.flat);
      reruns.nested.push(n.ms);
      reruns.flat.push(f.ms);
      calls += n.calls;
      cachedNodes = n.summary.saved.nodes;
    }
    const plan = { nested: median(plans.nested), flat: median(plans.flat) };
    const rerun = { nested: median(reruns.nested), flat: median(reruns.flat) };
    const shape =
      `${LEVELS} levels of recipes (fan-out ${FANOUT}), ${nodes} nodes once expanded ` +
      `(${recipeNodes} of them recipe nodes), ${first.calls} API calls uncached`;
    return [
      {
        name: 'recipes.plan.us_per_node',
        value: (plan.nested * 1000) / nodes,
        unit: 'µs',
        better: 'lower',
        baseline: (plan.flat * 1000) / nodes,
        ratio: plan.nested / plan.flat,
        note: `prepareRun (parse, resolve from SQLite, validate, expand, plan) median ${plan.nested.toFixed(1)} ms vs ${plan.flat.toFixed(1)} ms flattened; ${shape}`,
      },
      {
        name: 'recipes.rerun.api_calls',
        value: calls,
        unit: 'calls',
        target: 0,
        better: 'lower',
        note: `${TIMES} unchanged reruns of the nested graph (${cachedNodes} nodes from the cache each)`,
      },
      {
        name: 'recipes.rerun.ms_per_node',
        value: rerun.nested / nodes,
        unit: 'ms',
        better: 'lower',
        baseline: rerun.flat / nodes,
        ratio: rerun.nested / rerun.flat,
        note: `median unchanged rerun (engine, after prepareRun) ${rerun.nested.toFixed(1)} ms vs ${rerun.flat.toFixed(1)} ms flattened, ${nodes} nodes`,
      },
    ];
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

runIfMain(import.meta.url, run);
