/**
 * The README's "Recipes used as nodes" example on a fresh data directory, as a user types it:
 * import the bundle (the recipe comes with it), run the workflow that uses it twice by name,
 * list its inputs, batch it; and the committed bundle is what its readable sources make.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleBundle } from '../../examples/recipes/make-bundle';
import { runCli } from './cli-harness';
import { removeDir, ROOT, tempDir } from './run-service-harness';

let dir: string;
beforeAll(() => {
  dir = tempDir('atelier-recipe-example-');
});
afterAll(() => removeDir(dir));
const data = () => join(dir, 'data');
const BUNDLE = 'examples/poster-pair.atelier.zip';

describe('the recipe example', { timeout: 120_000 }, () => {
  it('is the bundle its sources make (run examples/recipes/make-bundle.ts after editing them)', () => {
    expect(Buffer.from(readFileSync(join(ROOT, BUNDLE))).equals(Buffer.from(exampleBundle()))).toBe(
      true,
    );
  });

  it('imports once, runs by name with outputs by name, and batches', async () => {
    const first = await runCli(['import', BUNDLE, '--json'], data());
    expect(first.code, first.stderr).toBe(0);
    const report = JSON.parse(first.stdout) as {
      id: string;
      recipes: { name: string; reused: boolean }[];
    };
    expect(report.recipes.map((r) => [r.name, r.reused])).toEqual([['Poster', false]]);
    const again = await runCli(['import', BUNDLE], data());
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout.trim()).toBe(`${report.id} 1 Poster pair`);
    expect(again.stderr).toMatch(/in the library already/);

    const inputs = await runCli(['inputs', 'Poster pair'], data());
    expect(inputs.code, inputs.stderr).toBe(0);
    expect(inputs.stdout).toMatch(/night\s+text/);

    const out = join(dir, 'pair');
    const run = await runCli(
      ['run', 'Poster pair', '--set', 'night=A lighthouse in snow', '--out', out, '--json'],
      data(),
    );
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout) as { outputs: Record<string, { mime: string }> };
    expect(Object.keys(summary.outputs).sort()).toEqual(['day', 'night']);
    expect(readdirSync(out)).toEqual(expect.arrayContaining(['day.png', 'night.png']));

    const batchOut = join(dir, 'batch');
    const batch = await runCli(
      [
        'batch',
        'Poster pair',
        '--product',
        'night=A lighthouse in rain,A lighthouse at dawn',
        '--out',
        batchOut,
      ],
      data(),
    );
    expect(batch.code, batch.stderr).toBe(0);
    const manifest = readFileSync(join(batchOut, 'manifest.csv'), 'utf8');
    expect(manifest).toMatch(/1\/day\.png 1\/night\.png/);
    expect(manifest).toMatch(/2\/day\.png 2\/night\.png/);
  });
});
