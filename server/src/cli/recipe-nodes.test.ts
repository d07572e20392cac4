import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStorage } from '../runtime/create-runtime';
import { main } from './main';

/**
 * `atelier run` and `atelier batch` on workflows whose nodes are recipes of the local library:
 * outputs by name in --json, files and manifests named after the outputs.
 */
let dir: string;
let dataDir: string;
let posterId: string;
let pairId: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'atelier-cli-recipes-'));
  dataDir = join(dir, 'data');
  const storage = openStorage(dataDir);
  try {
    posterId = storage.workflows.create(poster).id;
    pairId = storage.workflows.create(pair(posterId)).id;
  } finally {
    storage.db.close();
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const poster = {
  format: 'atelier.workflow' as const,
  version: 1 as const,
  name: 'Poster',
  nodes: [
    { id: 'p1', type: 'prompt', position: { x: 0, y: 0 }, data: { text: 'a lighthouse' } },
    {
      id: 'g1',
      type: 'generate',
      position: { x: 300, y: 0 },
      data: { size: '1024x1024', quality: 'low' },
    },
  ],
  edges: [{ id: 'e1', source: 'p1', sourceHandle: 'text', target: 'g1', targetHandle: 'prompt' }],
  inputs: [{ name: 'subject', node: 'p1', field: 'text' }],
  outputs: [{ name: 'poster', node: 'g1', port: 'image' }],
};

/** Poster used twice: once with its subject set on the node, once wired from a named input. */
const pair = (recipe: string) => ({
  format: 'atelier.workflow' as const,
  version: 1 as const,
  name: 'Poster pair',
  nodes: [
    {
      id: 'day',
      type: 'recipe',
      position: { x: 0, y: 0 },
      data: { workflowId: recipe, version: 1, inputs: { subject: 'a lighthouse at noon' } },
    },
    {
      id: 's',
      type: 'prompt',
      position: { x: 0, y: 200 },
      data: { text: 'a lighthouse at night' },
    },
    {
      id: 'night',
      type: 'recipe',
      position: { x: 300, y: 200 },
      data: { workflowId: recipe, version: 1, inputs: {} },
    },
  ],
  edges: [
    { id: 'e1', source: 's', sourceHandle: 'text', target: 'night', targetHandle: 'subject' },
  ],
  inputs: [{ name: 'night_subject', node: 's', field: 'text' }],
  outputs: [
    { name: 'day', node: 'day', port: 'poster' },
    { name: 'night', node: 'night', port: 'poster' },
  ],
});

const cli = async (args: string[]) => {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (text) => (stdout += `${text}\n`),
    stderr: (text) => (stderr += `${text}\n`),
    env: { ATELIER_DATA_DIR: dataDir, ATELIER_PROVIDER: 'simulator' },
    cwd: dir,
    userCwd: dir,
  });
  return { code, stdout, stderr };
};

type RunJson = {
  status: string;
  outputs: Record<string, { blob: string; mime: string }>;
  files: string[];
  nodes: Record<string, { cached: boolean }>;
};

describe('the CLI with recipe nodes', { timeout: 60_000 }, () => {
  it('runs a library workflow made of recipes: --json has outputs by name, files are named after them', async () => {
    const run = await cli(['run', 'Poster pair', '--out', 'out-lib', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as RunJson;
    expect(result.status).toBe('succeeded');
    expect(Object.keys(result.outputs).sort()).toEqual(['day', 'night']);
    // Progress names inner nodes with their type; no empty "cannot run" warning.
    expect(run.stderr).toMatch(/day\/g1 \(generate\)/);
    expect(run.stderr).not.toMatch(/cannot run/);
    expect(result.outputs.day!.blob).not.toBe(result.outputs.night!.blob);
    // Inner nodes run inside the recipe nodes.
    expect(Object.keys(result.nodes)).toEqual(expect.arrayContaining(['day/g1', 'night/g1']));
    const files = readdirSync(join(dir, 'out-lib'));
    expect(files).toEqual(expect.arrayContaining(['day.png', 'night.png']));
    expect(result.files).toContain(join(dir, 'out-lib', 'night.png'));
    expect(
      readFileSync(join(dir, 'out-lib', 'day.png'))
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
  });

  it('runs a workflow file whose recipe nodes pin library recipes, setting its named input', async () => {
    writeFileSync(join(dir, 'pair.json'), JSON.stringify(pair(posterId)));
    const run = await cli([
      'run',
      'pair.json',
      '--set',
      'night_subject=a lighthouse in fog',
      '--out',
      'out-file',
      '--json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as RunJson;
    expect(Object.keys(result.outputs).sort()).toEqual(['day', 'night']);
    // `day` is what the library run made already: it comes from the cache.
    expect(result.nodes['day/g1']!.cached).toBe(true);
    expect(result.nodes['night/g1']!.cached).toBe(false);
    expect(readdirSync(join(dir, 'out-file'))).toEqual(
      expect.arrayContaining(['day.png', 'night.png']),
    );
  });

  it('refuses a file whose recipe is not in the library, naming the node, before any run', async () => {
    writeFileSync(join(dir, 'stray.json'), JSON.stringify(pair('wf_not_here')));
    const run = await cli(['run', 'stray.json', '--out', 'out-stray']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/nodes\[0\]\.data\.version.*no workflow "wf_not_here"/);
  });

  it('batches a workflow made of recipes with manifest rows by output name', async () => {
    writeFileSync(
      join(dir, 'rows.csv'),
      'night_subject\na lighthouse in snow\na lighthouse in rain\n',
    );
    const run = await cli(['batch', pairId, '--csv', 'rows.csv', '--out', 'out-batch', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { status: string; rows: { files: string[] }[] };
    expect(result.status).toBe('succeeded');
    const out = join(dir, 'out-batch');
    for (const [i, row] of result.rows.entries())
      expect(row.files).toEqual(
        expect.arrayContaining([
          join(out, String(i + 1), 'day.png'),
          join(out, String(i + 1), 'night.png'),
        ]),
      );
    const manifest = readFileSync(join(out, 'manifest.csv'), 'utf8').trim().split(/\r?\n/);
    expect(manifest[0]).toBe('row,night_subject,outputs,status,cost,run,error');
    expect(manifest[1]).toMatch(/^1,a lighthouse in snow,.*1\/day\.png.*1\/night\.png/);
    expect(manifest[2]).toMatch(/^2,a lighthouse in rain,.*2\/day\.png.*2\/night\.png/);
  });
});
