/**
 * `pnpm bench`: runs every benchmark module (`*.bench.ts` exporting `run()`), prints one
 * table and writes the figures to bench-results.json at the repository root. Speed is
 * reported as ratios against a baseline measured in the same run, never asserted in tests.
 *
 * Usage: pnpm bench [name-filter…]   e.g. `pnpm bench engine server`
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchResult } from './result';

const here = dirname(fileURLToPath(import.meta.url));
const outFile = resolve(here, '../../bench-results.json');
const filters = process.argv.slice(2);

const modules = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();

const rows: (BenchResult & { module: string })[] = [];
const failures: { module: string; error: string }[] = [];
for (const file of modules) {
  const module = file.replace(/\.bench\.ts$/, '');
  process.stderr.write(`▶ ${module}…\n`);
  try {
    const mod = (await import(join(here, file))) as { run: () => Promise<BenchResult[]> };
    for (const r of await mod.run()) rows.push({ module, ...r });
  } catch (error) {
    failures.push({ module, error: error instanceof Error ? error.message : String(error) });
    process.stderr.write(`✖ ${module}: ${String(error)}\n`);
  }
}

const met = (r: BenchResult): string => {
  if (r.target === undefined) return '';
  const ok = (r.better ?? 'lower') === 'lower' ? r.value <= r.target : r.value >= r.target;
  return ok ? 'yes' : 'NO';
};
const fmt = (n: number | undefined): string =>
  n === undefined
    ? ''
    : Math.abs(n) >= 100
      ? n.toFixed(0)
      : Math.abs(n) >= 1
        ? n.toFixed(2)
        : n.toPrecision(3);
const table = [
  ['benchmark', 'value', 'unit', 'target', 'met', 'baseline', 'ratio', 'note'],
  ...rows.map((r) => [
    r.name,
    fmt(r.value),
    r.unit,
    fmt(r.target),
    met(r),
    fmt(r.baseline),
    fmt(r.ratio),
    r.note ?? '',
  ]),
];
const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
for (const row of table)
  console.log(
    row
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd(),
  );

writeFileSync(
  outFile,
  JSON.stringify(
    { at: new Date().toISOString(), node: process.version, results: rows, failures },
    null,
    2,
  ) + '\n',
);
console.log(`\nwrote ${outFile}`);
if (failures.length > 0) process.exitCode = 1;
