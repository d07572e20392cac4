/**
 * Engine benchmarks (not tests): scheduling of a wide graph against its critical path, and
 * the cost of an unchanged rerun served from cache. Run alone: `npx tsx test/bench/engine.bench.ts`.
 */
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { MemoryCacheStore, runWorkflow } from '@atelier/engine';
import type { RunOptions } from '@atelier/engine';
import { FakeResponses, toyOptions, toyWorkflow, type ToyNode } from '@atelier/engine/testing';
import type { Workflow } from '@atelier/graph';
import { median, rerunGraph, runIfMain } from './helpers';
import type { BenchResult } from './result';

/**
 * Per-call latency of the toy client. A real image call takes 10–60 s; 100 ms keeps the
 * bench short and is still harsh on the engine (its CPU per node is compared with 1/1000 of
 * a real call). 20 ms is reported too, as the stress case. The HTTP fake
 * (@atelier/fake-openai) is not used here: drawing and encoding 256 real images per run
 * would measure the fake's CPU on 2 cores, not the engine's scheduling.
 */
const LATENCY_MS = 100;
const STRESS_LATENCY_MS = 20;
const CHAINS = 64;
const DEPTH = 4;
const CACHE_NODES = 500;

/** `chains` independent chains of `depth` API-calling nodes (ask → ask → …). */
const chainsWorkflow = (chains: number, depth: number): Workflow => {
  const nodes: ToyNode[] = [];
  const edges: string[] = [];
  for (let c = 0; c < chains; c++)
    for (let d = 0; d < depth; d++) {
      nodes.push({ id: `c${c}_${d}`, type: 'ask', data: { prompt: `chain ${c} step ${d}` } });
      if (d > 0) edges.push(`c${c}_${d - 1}.text -> c${c}_${d}.prompt`);
    }
  return toyWorkflow(nodes, edges);
};

/** Wall time (ms) of one uncached run with a fixed per-call latency. */
const timeRun = async (
  workflow: Workflow,
  options: Partial<RunOptions>,
  latencyMs: number,
): Promise<number> => {
  const responses = new FakeResponses({ latencyMs });
  const t0 = performance.now();
  const summary = await runWorkflow(
    toyOptions(workflow, { responses, cache: new MemoryCacheStore(), ...options }),
  );
  const ms = performance.now() - t0;
  if (summary.status !== 'succeeded') throw new Error(`bench run ${summary.status}`);
  return ms;
};

const repeat = async (times: number, measure: () => Promise<number>): Promise<number> => {
  const values: number[] = [];
  for (let i = 0; i < times; i++) values.push(await measure());
  return median(values);
};

const wide = chainsWorkflow(CHAINS, DEPTH);
const one = chainsWorkflow(1, DEPTH);

interface WideVsCritical {
  wall: number;
  critical: number;
  best: number;
  cpuPerNode: number;
}

/**
 * The wide graph against its critical path — the same 4-node chain run alone — measured in
 * this process at the same latency, alternated so both see the same machine load (and
 * the timers' overshoot counts on both sides).
 */
const wideVsCritical = async (latencyMs: number, times: number): Promise<WideVsCritical> => {
  await timeRun(wide, { concurrency: CHAINS }, latencyMs);
  const criticals: number[] = [];
  const walls: number[] = [];
  let cpuMicros = 0;
  for (let i = 0; i < times; i++) {
    criticals.push(await timeRun(one, { concurrency: 1 }, latencyMs));
    const cpu0 = process.cpuUsage();
    walls.push(await timeRun(wide, { concurrency: CHAINS }, latencyMs));
    const cpu = process.cpuUsage(cpu0);
    cpuMicros += cpu.user + cpu.system;
  }
  return {
    wall: median(walls),
    critical: median(criticals),
    best: Math.min(...walls) / Math.min(...criticals),
    cpuPerNode: cpuMicros / (times * CHAINS * DEPTH),
  };
};

const scheduling = async (): Promise<BenchResult[]> => {
  // Warm-up until the JIT has optimised the hot path (the first runs cost 5× more CPU).
  for (let i = 0; i < 20; i++) await timeRun(wide, { concurrency: CHAINS }, 0);
  const main = await wideVsCritical(LATENCY_MS, 7);
  const stress = await wideVsCritical(STRESS_LATENCY_MS, 9);
  const serial = await timeRun(wide, { concurrency: 1 }, LATENCY_MS);
  const load = `load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`;
  const describe = (m: WideVsCritical, latencyMs: number) =>
    `${CHAINS}×${DEPTH} ask nodes, ${latencyMs} ms per call, concurrency ${CHAINS}: median wall ` +
    `${m.wall.toFixed(1)} ms vs one chain alone ${m.critical.toFixed(1)} ms (nominal ` +
    `${DEPTH * latencyMs} ms); best ${m.best.toFixed(3)}; ${load}`;
  return [
    {
      name: 'engine.schedule.wall_over_critical_path',
      value: main.wall / main.critical,
      unit: 'x',
      target: 1.05,
      better: 'lower',
      baseline: main.critical,
      note: describe(main, LATENCY_MS),
    },
    {
      name: 'engine.schedule.wall_over_critical_path_20ms',
      value: stress.wall / stress.critical,
      unit: 'x',
      better: 'lower',
      baseline: stress.critical,
      note: `stress case: ${describe(stress, STRESS_LATENCY_MS)}`,
    },
    {
      name: 'engine.schedule.wall_ms',
      value: main.wall,
      unit: 'ms',
      baseline: DEPTH * LATENCY_MS,
      ratio: main.wall / (DEPTH * LATENCY_MS),
      better: 'lower',
      note: `ratio = wall / nominal critical path (${DEPTH} × ${LATENCY_MS} ms)`,
    },
    {
      name: 'engine.schedule.cpu_us_per_node',
      value: stress.cpuPerNode,
      unit: 'µs',
      better: 'lower',
      note:
        `CPU per node in the wide runs at ${STRESS_LATENCY_MS} ms (engine + toy node + toy client; ` +
        `${main.cpuPerNode.toFixed(0)} µs at ${LATENCY_MS} ms): the last wave's ${CHAINS} ` +
        `completions take ~${((stress.cpuPerNode * CHAINS) / 1000).toFixed(1)} ms of CPU one ` +
        `after the other — most of the wall time over the critical path`,
    },
    {
      name: 'engine.schedule.speedup_vs_serial',
      value: serial / main.wall,
      unit: 'x',
      better: 'higher',
      baseline: serial,
      ratio: serial / main.wall,
      note: `same ${CHAINS * DEPTH} nodes at concurrency 1, ${LATENCY_MS} ms per call, took ${serial.toFixed(0)} ms (ideal speed-up ${CHAINS})`,
    },
  ];
};

const cache = async (): Promise<BenchResult[]> => {
  const workflow = rerunGraph(CACHE_NODES);
  const store = new MemoryCacheStore();
  await runWorkflow(toyOptions(workflow, { cache: store }));
  let calls = 0;
  const rerun = async () => {
    const responses = new FakeResponses();
    const t0 = performance.now();
    const summary = await runWorkflow(toyOptions(workflow, { cache: store, responses }));
    const ms = performance.now() - t0;
    calls += responses.calls;
    if (summary.saved.nodes !== CACHE_NODES) throw new Error('bench: rerun missed the cache');
    return ms;
  };
  await rerun(); // warm-up
  const ms = await repeat(9, rerun);
  return [
    {
      name: 'engine.cache.rerun_api_calls',
      value: calls,
      unit: 'calls',
      target: 0,
      better: 'lower',
      note: `10 unchanged reruns of a ${CACHE_NODES}-node graph (MemoryCacheStore)`,
    },
    {
      name: 'engine.cache.rerun_ms_per_node',
      value: ms / CACHE_NODES,
      unit: 'ms',
      target: 0.2,
      better: 'lower',
      note: `median rerun ${ms.toFixed(1)} ms for ${CACHE_NODES} nodes: plan, keys, lookups, events`,
    },
  ];
};

export async function run(): Promise<BenchResult[]> {
  return [...(await scheduling()), ...(await cache())];
}

runIfMain(import.meta.url, run);
