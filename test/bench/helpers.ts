/** Helpers shared by the benchmark modules (not a benchmark: index.ts runs `*.bench.ts` only). */
import { pathToFileURL } from 'node:url';
import { toyWorkflow, type ToyNode } from '@atelier/engine/testing';
import type { Workflow } from '@atelier/graph';
import type { BenchResult } from './result';

/**
 * The rerun graph of the cache benchmarks: `nodes / 4` groups of a text node feeding
 * ask → ask, and a concat of the text and the last ask (a third of the second asks have
 * another variant, so keys differ beyond the text).
 */
export const rerunGraph = (nodes: number): Workflow => {
  const list: ToyNode[] = [];
  const edges: string[] = [];
  for (let g = 0; g < nodes / 4; g++) {
    list.push(
      { id: `t${g}`, type: 'text', data: { text: `subject ${g}` } },
      { id: `a${g}`, type: 'ask', data: { prompt: 'describe' } },
      { id: `b${g}`, type: 'ask', data: { prompt: 'shorten', variant: g % 3 } },
      { id: `j${g}`, type: 'concat', data: { sep: ' — ' } },
    );
    edges.push(
      `t${g}.text -> a${g}.prompt`,
      `a${g}.text -> b${g}.prompt`,
      `t${g}.text -> j${g}.parts`,
      `b${g}.text -> j${g}.parts`,
    );
  }
  return toyWorkflow(list, edges);
};

/** The middle value (the mean of the two middle ones for an even count). */
export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const describe = (r: BenchResult): string =>
  `${r.name}: ${Number.isInteger(r.value) ? r.value : r.value.toFixed(3)} ${r.unit}` +
  (r.target === undefined ? '' : ` (target ${r.better === 'higher' ? '≥' : '≤'} ${r.target})`) +
  (r.note ? ` — ${r.note}` : '');

/**
 * Lets a benchmark module run alone (`npx tsx test/bench/x.bench.ts`): when `moduleUrl` is
 * the script node was started with, runs `run` and prints one line per figure.
 */
export const runIfMain = (moduleUrl: string, run: () => Promise<BenchResult[]>): void => {
  if (moduleUrl !== pathToFileURL(process.argv[1] ?? '').href) return;
  run().then(
    (results) => {
      for (const r of results) console.log(describe(r));
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
};
