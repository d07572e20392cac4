import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, spawnCli } from './cli-harness';
import { ROOT, removeDir, tempDir } from './run-service-harness';

let dir: string;
beforeAll(() => {
  dir = tempDir('atelier-examples-');
});
afterAll(() => removeDir(dir));

const data = () => join(dir, 'data');
const PHOTO = 'examples/assets/product.png';
const MASK = 'examples/assets/product-mask.png';

interface Summary {
  runId: string;
  status: string;
  provider: string;
  nodes: Record<
    string,
    { status: string; cached: boolean; outputs: Record<string, unknown>; error?: { code: string } }
  >;
  usage: { requests: number };
  cost: number;
  saved: { nodes: number; cost: number };
  files: string[];
}

const runExample = async (name: string, sets: string[] = []) => {
  const out = join(dir, name.replace('.json', ''));
  const argv = [
    'run',
    `examples/${name}`,
    ...sets.flatMap((s) => ['--set', s]),
    '--out',
    out,
    '--json',
  ];
  const result = await runCli(argv, data());
  return {
    ...result,
    out,
    summary: result.stdout ? (JSON.parse(result.stdout) as Summary) : undefined,
  };
};

const size = async (path: string) => {
  const meta = await sharp(path).metadata();
  return `${meta.width}x${meta.height}`;
};

describe('every example runs through the CLI on the simulator', () => {
  it('weather-poster: a web search grounds the poster', async () => {
    const { code, summary, out, stderr } = await runExample('weather-poster.json');
    expect(code, stderr).toBe(0);
    expect(summary?.provider).toBe('simulator');
    expect(await size(join(out, 'poster.png'))).toBe('1024x1536');
    expect(readdirSync(out)).toContain('search.txt');
    expect(stderr).toMatch(/simulator/);
  });

  it('product-variants: three formats from one product photo', async () => {
    const { code, summary, out, stderr } = await runExample('product-variants.json', [
      `product_photo=@${PHOTO}`,
    ]);
    expect(code, stderr).toBe(0);
    expect(summary?.usage.requests).toBe(3);
    expect(await size(join(out, 'square.png'))).toBe('1024x1024');
    expect(await size(join(out, 'banner.png'))).toBe('1536x1024');
    expect(await size(join(out, 'story.png'))).toBe('1024x1536');
  });

  it('masked-background-swap: pixels under the opaque mask stay identical', async () => {
    const { code, out, stderr } = await runExample('masked-background-swap.json', [
      `photo=@${PHOTO}`,
      `mask=@${MASK}`,
    ]);
    expect(code, stderr).toBe(0);
    const raw = (path: string) => sharp(join(ROOT, path)).ensureAlpha().raw().toBuffer();
    const [before, mask, after] = await Promise.all([
      raw(PHOTO),
      raw(MASK),
      sharp(join(out, 'swap.png')).ensureAlpha().raw().toBuffer(),
    ]);
    expect(after.length).toBe(before.length);
    let kept = 0;
    let keptButDifferent = 0;
    let changed = 0;
    for (let i = 0; i < mask.length; i += 4) {
      const same = before.readUInt32BE(i) === after.readUInt32BE(i);
      if (mask[i + 3] === 255) {
        kept++;
        if (!same) keptButDifferent++;
      } else if (!same) changed++;
    }
    expect(keptButDifferent).toBe(0);
    expect(kept).toBeGreaterThan(100_000);
    expect(changed).toBeGreaterThan(100_000);
  });

  it('masked-background-swap: a mask that marks nothing fails before the edit pays', async () => {
    // The photo itself as the mask: a real (libpng-filtered) RGBA PNG, opaque everywhere.
    const { code, summary } = await runExample('masked-background-swap.json', [
      `photo=@${PHOTO}`,
      `mask=@${PHOTO}`,
    ]);
    expect(code).toBe(1);
    expect(summary?.nodes.mask).toMatchObject({ status: 'failed', error: { code: 'empty_mask' } });
    expect(summary?.nodes.swap?.status).toBe('skipped');
    expect(summary?.usage.requests).toBe(0);
  });

  it('edit-chain: generate then two edits', async () => {
    const { code, out, stderr, summary } = await runExample('edit-chain.json');
    expect(code, stderr).toBe(0);
    expect(summary?.usage.requests).toBe(3);
    for (const name of ['draft.png', 'with_cat.png', 'night.png'])
      expect(existsSync(join(out, name))).toBe(true);
  });

  it('an unchanged rerun is served entirely from the cache', async () => {
    const { code, summary, stderr } = await runExample('edit-chain.json');
    expect(code).toBe(0);
    expect(summary?.usage.requests).toBe(0);
    expect(summary?.cost).toBe(0);
    expect(Object.values(summary?.nodes ?? {}).every((node) => node.cached)).toBe(true);
    expect(summary?.saved.nodes).toBe(6);
    expect(stderr).toMatch(/0 API calls.*cache saved \$0\.\d+ \(6 nodes\)/);
  });
});

describe('the CLI as a process', () => {
  it('exits 0 and prints the JSON summary on stdout', async () => {
    const out = join(dir, 'spawned');
    const result = await spawnCli(
      [
        'run',
        'examples/edit-chain.json',
        '--set',
        'subject=A red tram in Lisbon',
        '--out',
        out,
        '--json',
      ],
      data(),
    );
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout) as Summary;
    expect(summary).toMatchObject({ status: 'succeeded', provider: 'simulator' });
    expect(summary.files.map((f) => f.slice(out.length + 1)).sort()).toEqual([
      'draft.png',
      'draft.revised_prompt.txt',
      'night.png',
      'night.revised_prompt.txt',
      'with_cat.png',
      'with_cat.revised_prompt.txt',
    ]);
    expect(result.stderr).toMatch(/✓ draft \(generate\) done/);
  });

  it('exits 2 with missing_image before any call when a recipe lacks its image', async () => {
    const result = await spawnCli(['run', 'examples/product-variants.json'], data());
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /nodes\[0\]\.data\.image: .*--set product_photo=@.*\[missing_image\]/,
    );
  });

  it('exits 1 when a node fails and names its code', async () => {
    const result = await spawnCli(
      [
        'run',
        'examples/edit-chain.json',
        '--set',
        'subject=a cat [sim:quota]',
        '--out',
        join(dir, 'failed'),
        '--json',
      ],
      data(),
    );
    expect(result.code).toBe(1);
    const summary = JSON.parse(result.stdout) as Summary;
    expect(summary.status).toBe('failed');
    expect(summary.nodes.draft?.error?.code).toBe('insufficient_quota');
    expect(summary.nodes.night?.status).toBe('skipped');
    expect(result.stderr).toMatch(/✗ draft \(generate\) failed: insufficient_quota: .*billing/);
  });
});
