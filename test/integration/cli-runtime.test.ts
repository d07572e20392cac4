/**
 * The CLI is built by the server's own composition root (server/src/runtime): it marks the
 * runs a dead process left unfinished as interrupted, and it says when a database write fails
 * instead of losing it (issue 10, review items 5 and 6).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createFakeOpenAI, type FakeOpenAI } from '@atelier/fake-openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../server/src/db/create-db';
import { startCli } from './cli-process';
import { removeDir, tempDir } from './run-service-harness';
import { chainWorkflow } from './server-helpers';

let fake: FakeOpenAI;
let dir: string;
beforeAll(async () => {
  // Slow enough that the CLI can be killed while its first call is in flight.
  fake = await createFakeOpenAI({ latency: { firstByteMs: 1500 } });
  dir = tempDir('atelier-cli-runtime-');
  writeFileSync(join(dir, 'chain.json'), JSON.stringify(chainWorkflow()));
});
afterAll(async () => {
  await fake?.close();
  removeDir(dir);
});

const env = (data: string) => ({
  ATELIER_DATA_DIR: data,
  ATELIER_PROVIDER: 'openai',
  OPENAI_API_KEY: 'sk-cli-runtime',
  OPENAI_BASE_URL: fake.baseURL,
});

const runStatus = (dbPath: string, id: string) => {
  const db = createDb(dbPath);
  try {
    return (db.sqlite.prepare('select status from runs where id = ?').get(id) as { status: string })
      .status;
  } finally {
    db.close();
  }
};

describe('the CLI on the shared composition root', { timeout: 120_000 }, () => {
  it('marks the run of a CLI killed with -9 as interrupted when it next starts', async () => {
    const data = join(dir, 'data-killed');
    const first = startCli(['run', 'chain.json', '--out', join(dir, 'out-1')], env(data), dir);
    await first.waitFor(/g1 \(generate\) started/);
    const id = /run (run_\S+) on/.exec(first.stderr())![1]!;
    first.child.kill('SIGKILL');
    await first.done;
    // Left unfinished (its last write may have been the start or the first node's).
    expect(['queued', 'running']).toContain(runStatus(join(data, 'atelier.db'), id));

    // A run that makes no API call: over in well under the sweep's heartbeat.
    const second = startCli(['run', 'chain.json', '--target', 'p1'], env(data), dir);
    const result = await second.done;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(
      '1 run(s) left unfinished by a process that stopped were marked interrupted',
    );
    expect(runStatus(join(data, 'atelier.db'), id)).toBe('interrupted');
  });

  it('prints a warning when a database write fails instead of losing it silently', async () => {
    const data = join(dir, 'data-refusing');
    const db = createDb(join(data, 'atelier.db'));
    db.sqlite.exec(
      `CREATE TRIGGER refuse_events BEFORE INSERT ON run_events
       BEGIN SELECT RAISE(ABORT, 'the disk refused this write'); END`,
    );
    db.close();
    const cli = startCli(['run', 'chain.json', '--target', 'p1'], env(data), dir);
    const result = await cli.done;
    expect(result.stderr).toMatch(
      /warning: run run_\S+: could not record: the disk refused this write/,
    );
  });
});
