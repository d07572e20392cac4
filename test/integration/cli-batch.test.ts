/**
 * `atelier batch` and `atelier run <library name>` as a user's shell runs them: real processes
 * on a SQLite file, the real SDK against the fake Responses API.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createFakeOpenAI, type FakeOpenAI } from '@atelier/fake-openai';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../server/src/batches/batch-rows';
import { createDb } from '../../server/src/db/create-db';
import { WorkflowRepo } from '../../server/src/db/workflow-repo';
import type { Workflow } from '@atelier/graph';
import { main } from '../../server/src/cli/main';
import type { CliResult } from './cli-harness';
import { startCli } from './cli-process';
import { removeDir, tempDir } from './run-service-harness';

let fake: FakeOpenAI;
let dir: string;

/** prompt → generate, `subject` in, the image out as `poster`: one API call per row. */
const poster = (name = 'Poster'): Workflow =>
  ({
    format: 'atelier.workflow',
    version: 1,
    name,
    nodes: [
      { id: 'p1', type: 'prompt', position: { x: 0, y: 0 }, data: { text: 'A lighthouse' } },
      {
        id: 'g1',
        type: 'generate',
        position: { x: 300, y: 0 },
        data: { size: '1024x1024', quality: 'low', partial_images: 0 },
      },
    ],
    edges: [{ id: 'e', source: 'p1', sourceHandle: 'text', target: 'g1', targetHandle: 'prompt' }],
    inputs: [{ name: 'subject', node: 'p1', field: 'text' }],
    outputs: [{ name: 'poster', node: 'g1', port: 'image' }],
  }) as Workflow;

beforeAll(async () => {
  fake = await createFakeOpenAI({ latency: { firstByteMs: 300 } });
  dir = tempDir('atelier-cli-batch-');
  writeFileSync(join(dir, 'poster.json'), JSON.stringify(poster()));
});
afterAll(async () => {
  await fake?.close();
  removeDir(dir);
});

const env = (data: string, extra: Record<string, string> = {}) => ({
  ATELIER_DATA_DIR: data,
  ATELIER_PROVIDER: 'openai',
  OPENAI_API_KEY: 'sk-cli-batch',
  OPENAI_BASE_URL: fake.baseURL,
  ...extra,
});

/** manifest.csv as records (empty cells left out). */
/** main() in this process (no signal involved: cheaper than a process on two busy cores). */
const cli = async (argv: string[], data: string): Promise<CliResult> => {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (text) => (stdout += `${text}\n`),
    stderr: (line) => (stderr += `${line}\n`),
    env: env(data),
    cwd: dir,
    userCwd: dir,
  });
  return { code, stdout, stderr };
};

const manifestOf = (out: string) =>
  parseCsv(readFileSync(join(out, 'manifest.csv'), 'utf8')) as Record<string, string>[];

describe('atelier batch', { timeout: 180_000 }, () => {
  it('runs a CSV into <row>/<node and output>.<ext> files and a manifest, exit 0', async () => {
    writeFileSync(join(dir, 'rows.csv'), 'subject\nA fox\nAn owl\n"A lynx, in snow"\n');
    const out = join(dir, 'out-csv');
    const calls = fake.stats.responses;
    const cli = startCli(
      [
        'batch',
        'poster.json',
        '--csv',
        'rows.csv',
        '--out',
        'out-csv',
        '--max-cost',
        '5',
        '--json',
      ],
      env(join(dir, 'data-csv')),
      dir,
    );
    const { code, stdout, stderr } = await cli.done;
    expect(code, stderr).toBe(0);
    expect(fake.stats.responses - calls).toBe(3);
    expect(stderr).toMatch(/batch batch_\S+ on OpenAI .*3 rows, 3 API calls \(0 cached\)/);
    expect(stderr).toMatch(/row \d\/3 succeeded/);
    for (const row of ['1', '2', '3']) {
      expect(readdirSync(join(out, row)).sort()).toEqual([
        'g1.png',
        'g1.revised_prompt.txt',
        'poster.png',
      ]);
      const meta = await sharp(join(out, row, 'poster.png')).metadata();
      expect(meta.width).toBe(1024);
    }
    const manifest = manifestOf(out);
    expect(manifest.map((line) => [line.row, line.subject, line.status])).toEqual([
      ['1', 'A fox', 'succeeded'],
      ['2', 'An owl', 'succeeded'],
      ['3', 'A lynx, in snow', 'succeeded'],
    ]);
    expect(manifest[2]!.outputs).toBe('3/g1.png 3/g1.revised_prompt.txt 3/poster.png');
    const summary = JSON.parse(stdout) as { status: string; rows: { files: string[] }[] };
    expect(summary.status).toBe('succeeded');
    expect(summary.rows[0]!.files).toContain(join(out, '1', 'poster.png'));
  });

  it('names the CSV row, line and column of every problem and exits 2 before anything runs', async () => {
    writeFileSync(join(dir, 'bad.csv'), 'subject,colour\nA fox,\nAn owl,red\n');
    const data = join(dir, 'data-bad');
    const { code, stderr } = await cli(['batch', 'poster.json', '--csv', 'bad.csv'], data);
    expect(code).toBe(2);
    expect(stderr).toContain(
      'bad.csv row 2 (line 3), column "colour": this workflow has no input named "colour"',
    );
    const db = createDb(join(data, 'atelier.db'));
    expect(db.sqlite.prepare('select count(*) as n from batches').get()).toEqual({ n: 0 });
    db.close();
  });

  it('pauses on Ctrl-C, and the same command resumes that batch without paying a row twice', async () => {
    const rows = Array.from({ length: 6 }, (_, i) => `A lighthouse number ${i + 1}`);
    writeFileSync(join(dir, 'six.csv'), `subject\n${rows.join('\n')}\n`);
    const data = join(dir, 'data-pause');
    const argv = ['batch', 'poster.json', '--csv', 'six.csv', '--out', 'out-pause'];
    // One row at a time: the pause catches at most one call in flight.
    const slow = env(data, { ATELIER_BATCH_SLOTS: '1' });
    const before = fake.stats.responses;
    const first = startCli(argv, slow, dir);
    await first.waitFor(/row \d\/6 succeeded/);
    first.child.kill('SIGINT');
    const paused = await first.done;
    expect(paused.code, paused.stderr).toBe(130);
    expect(paused.stderr).toMatch(/Batch (batch_\S+) paused: run the same command again/);
    const id = /Batch (batch_\S+) paused/.exec(paused.stderr)![1];
    const pausedManifest = manifestOf(join(dir, 'out-pause'));
    const donePaused = pausedManifest.filter((l) => l.status === 'succeeded').length;
    expect(donePaused).toBeGreaterThanOrEqual(1);
    expect(donePaused).toBeLessThan(6);

    const second = startCli(argv, slow, dir);
    const resumed = await second.done;
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain(`batch ${id} on OpenAI`);
    expect(resumed.stderr).toMatch(/\(paused, \d\/6 rows done, .*\): resuming/);
    expect(resumed.stderr).toContain(`Batch ${id} succeeded · 6/6 rows`);
    const manifest = manifestOf(join(dir, 'out-pause'));
    expect(manifest.map((l) => l.status)).toEqual(Array(6).fill('succeeded'));
    for (let row = 1; row <= 6; row++)
      expect(existsSync(join(dir, 'out-pause', String(row), 'poster.png'))).toBe(true);
    // Six rows, one call each, plus at most the one call the pause cut short.
    expect(fake.stats.responses - before).toBeLessThanOrEqual(7);
    const db = createDb(join(data, 'atelier.db'));
    const attempts = db.sqlite
      .prepare(`select count(*) as n from runs where via = ? and status = 'succeeded'`)
      .get(`batch:${id}`) as { n: number };
    db.close();
    expect(attempts.n).toBe(6);
  });
});

describe('atelier run and batch with a library workflow', { timeout: 120_000 }, () => {
  it('opens it by name, and files its runs under it', async () => {
    const data = join(dir, 'data-library');
    const db = createDb(join(data, 'atelier.db'));
    const repo = new WorkflowRepo(db);
    const saved = repo.create(poster('Teapot posters'));
    db.close();

    const run = await cli(
      ['run', 'teapot posters', '--set', 'subject=A teapot', '--json', '--out', 'out-library'],
      data,
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`Teapot posters (library ${saved.id}, version 1): run`);
    const summary = JSON.parse(run.stdout) as { runId: string; workflowId: string };
    expect(summary.workflowId).toBe(saved.id);
    expect(existsSync(join(dir, 'out-library', 'poster.png'))).toBe(true);

    const batch = await cli(
      ['batch', saved.id, '--product', 'subject=A red teapot,A blue teapot', '--out', 'out-lb'],
      data,
    );
    expect(batch.code, batch.stderr).toBe(0);

    const check = createDb(join(data, 'atelier.db'));
    const runs = check.sqlite
      .prepare('select id, workflow_id, workflow_version, via from runs order by created_at')
      .all() as { id: string; workflow_id: string; workflow_version: number; via: string }[];
    check.close();
    expect(runs).toHaveLength(3);
    expect(runs[0]).toMatchObject({ id: summary.runId, workflow_id: saved.id, via: 'cli' });
    for (const r of runs) expect(r).toMatchObject({ workflow_id: saved.id, workflow_version: 1 });

    const unknown = await cli(['run', 'No such recipe'], data);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      'No workflow file "No such recipe" and no library workflow with that id or name (the library has: "Teapot posters")',
    );
  });
});
