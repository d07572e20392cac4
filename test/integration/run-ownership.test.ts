/**
 * A run belongs to the process that started it by boot id (server/src/runs/boot.ts), never by
 * pid: restarted right after `kill -9`, the next server always sees the dead process's run as
 * interrupted. With pid liveness a killed process not yet reaped counted as alive, and 4 of 9
 * restarts within 0.5 s left the run `running` for ever. Here each server's parent never reaps
 * it (it sits blocked), so every killed server stays a zombie while the next one starts: the
 * worst case for a pid check, every time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunView } from './server-helpers';
import { chainWorkflow, getJson, postJson, REPO_ROOT } from './server-helpers';

const TRIES = 20;
const dataDir = mkdtempSync(join(tmpdir(), 'atelier-kill9-'));
const parents: ChildProcess[] = [];
const serverPids: number[] = [];
afterAll(() => {
  // The last server is alive (only the earlier ones were killed): stop it, or it outlives
  // the suite. Killing the blocked parents then lets init reap the zombie servers.
  for (const pid of serverPids)
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  for (const parent of parents) if (parent.exitCode === null) parent.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

interface Server {
  url: string;
  pid: number;
  output(): string;
}

/** The real server (`node --import tsx server/src/main.ts`) under a parent that never reaps it. */
const spawnAtelier = async (): Promise<Server> => {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['ATELIER_TOKEN', 'OPENAI_API_KEY', 'OPENAI_BASE_URL']) delete env[name];
  const parent = spawn(
    process.execPath,
    [
      '-e',
      `const c = require('node:child_process').spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], { stdio: 'inherit' });
       process.stdout.write('server pid ' + c.pid + '\\n');
       Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0); // blocked: never reaps`,
    ],
    {
      cwd: REPO_ROOT,
      env: {
        ...env,
        HOST: '127.0.0.1',
        PORT: '0',
        ATELIER_DATA_DIR: dataDir,
        ATELIER_PROVIDER: 'simulator',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  parents.push(parent);
  let output = '';
  parent.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  parent.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  // Generous: a server start under a loaded CI machine can take tens of seconds.
  const deadline = Date.now() + 120_000;
  for (;;) {
    const url = /Atelier on (http:\/\/\S+)/.exec(output)?.[1];
    const pid = Number(/server pid (\d+)/.exec(output)?.[1]);
    if (url && pid) {
      serverPids.push(pid);
      return { url, pid, output: () => output };
    }
    if (Date.now() > deadline) throw new Error(`The server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

const isZombie = async (pid: number) => {
  const { readFile } = await import('node:fs/promises');
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  return / Z /.test(stat);
};

/** Starts a run whose generate call never answers, and waits until that call is in flight. */
const startStalledRun = async (url: string, n: number): Promise<string> => {
  const { status, body } = await postJson<{ id: string }>(`${url}/api/runs`, {
    workflow: chainWorkflow(`[sim:stall] A lighthouse, try ${n}`),
  });
  expect(status).toBe(202);
  for (;;) {
    const run = await getJson<RunView>(`${url}/api/runs/${body.id}`);
    if (run.nodes.g1?.status === 'running') return body.id;
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('kill -9, then an immediate restart', { timeout: 240_000 }, () => {
  it(`marks the dead process's run interrupted in ${TRIES} of ${TRIES} tries`, async () => {
    let server = await spawnAtelier();
    const outcomes: string[] = [];
    let zombies = 0;
    for (let i = 0; i < TRIES; i++) {
      const runId = await startStalledRun(server.url, i);
      const killed = server.pid;
      process.kill(killed, 'SIGKILL');
      // The next server starts at once, while the killed one is not reaped (a zombie: its pid
      // still answers kill(pid, 0)).
      server = await spawnAtelier();
      if (await isZombie(killed)) zombies++;
      const run = await getJson<RunView>(`${server.url}/api/runs/${runId}`);
      outcomes.push(run.status);
      expect(server.output()).toContain('1 run(s) from a previous process were marked interrupted');
      expect(run.nodes.p1?.status).toBe('succeeded');
      expect(run.nodes.g1?.status).toBe('cancelled');
      const cancel = await postJson<{ error: { code: string } }>(
        `${server.url}/api/runs/${runId}/cancel`,
        {},
      );
      expect(cancel.status).toBe(409);
    }
    expect(outcomes).toEqual(Array(TRIES).fill('interrupted'));
    expect(zombies).toBe(TRIES); // on Linux: each restart met the unreaped pid
  });
});
