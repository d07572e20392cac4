/**
 * The CLI and the server share one SQLite file. A server starting next to a live CLI run
 * leaves that run alone; once the CLI process is gone, the next start marks it interrupted.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunView } from './server-helpers';
import { chainWorkflow, getJson, REPO_ROOT, useServerProcesses } from './server-helpers';

const servers = useServerProcesses({ prefix: 'atelier-owner-', simulator: true });
let cli: ReturnType<typeof spawn> | undefined;

afterAll(() => {
  if (cli && cli.exitCode === null) cli.kill('SIGKILL');
});

const spawnAtelier = () => servers.start({ ATELIER_DATA_DIR: servers.dataDir });

/** `atelier run` in the background on a workflow whose first call never answers. */
const startStalledCliRun = async (): Promise<{ runId: string; exited: Promise<unknown> }> => {
  const file = join(servers.dataDir, 'stall.json');
  writeFileSync(file, JSON.stringify(chainWorkflow('[sim:stall] A lighthouse at dusk')));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ATELIER_DATA_DIR: servers.dataDir,
    ATELIER_PROVIDER: 'simulator',
  };
  delete env.OPENAI_API_KEY;
  delete env.INIT_CWD;
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'server/src/cli/main.ts',
      'run',
      file,
      '--out',
      join(servers.dataDir, 'out'),
    ],
    { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  cli = child;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let stderr = '';
  // The run is recorded before the CLI names it; wait until g1's call is in flight.
  const runId = await new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const id = /run (run_\S+) on the simulator/.exec(stderr)?.[1];
      if (id && stderr.includes('g1 (generate) started')) resolve(id);
    });
    child.once('exit', (code) => reject(new Error(`the CLI exited (${code}):\n${stderr}`)));
  });
  return { runId, exited };
};

describe('runs owned by another process', { timeout: 240_000 }, () => {
  it('a server start leaves a live CLI run alone, and interrupts it once the CLI is gone', async () => {
    const { runId, exited } = await startStalledCliRun();

    const first = await spawnAtelier();
    expect(first.output()).not.toContain('marked interrupted');
    const live = await getJson<RunView>(`${first.url}/api/runs/${runId}`);
    expect(live.status).toBe('running');

    // Stopping the server does not touch a run it does not own.
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(cli!.exitCode).toBeNull();

    cli!.kill('SIGKILL');
    await exited;
    const second = await spawnAtelier();
    expect(second.output()).toContain('1 run(s) from a previous process were marked interrupted');
    const killed = await getJson<RunView>(`${second.url}/api/runs/${runId}`);
    expect(killed.status).toBe('interrupted');
    expect(killed.nodes.p1!.status).toBe('succeeded');
    expect(killed.nodes.g1!.status).toBe('cancelled');
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });
});
