/**
 * `atelier run|batch --server URL` against a real server process with a token: the same
 * progress, files and manifest as locally, and the runs filed under the server's workflow.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../server/src/batches/batch-rows';
import { runCliIn } from './cli-harness';
import type { ChildServer } from './server-helpers';
import { useServerProcesses } from './server-helpers';
import { kitePoster, runKitePoster, runKitePosterInto } from './kite-poster';

const TOKEN = 'cli-server-test-token-0123456789abcdef';
const servers = useServerProcesses({ prefix: 'atelier-cli-server-', simulator: true });
let dir: string;
let server: ChildServer;
let workflowId: string;

const api = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
  const res = await fetch(`${server.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
  });
  return (await res.json()) as T;
};

beforeAll(async () => {
  dir = servers.tempDir();
  server = await servers.start({
    ATELIER_DATA_DIR: join(dir, 'server-data'),
    ATELIER_TOKEN: TOKEN,
  });
  const saved = await api<{ id: string }>('/api/workflows', {
    method: 'POST',
    body: JSON.stringify(kitePoster()),
  });
  workflowId = saved.id;
}, 180_000);

/** Everything goes to the server. */
const cli = (argv: string[], token: string | undefined = TOKEN) => runCliIn(dir, argv, token);

describe('the CLI against a server', { timeout: 120_000 }, () => {
  it('runs a library workflow by name on the server, with progress and files', async () => {
    const { code, stdout, stderr } = await cli(runKitePosterInto(server.url, 'out-run'));
    expect(code, stderr).toBe(0);
    expect(stderr).toContain(`Kite poster (library ${workflowId}, version 1): run`);
    expect(stderr).toContain(`on ${server.url} (the simulator)`);
    expect(stderr).toMatch(/✓ g1 \(generate\) done/);
    expect(existsSync(join(dir, 'out-run', 'poster.png'))).toBe(true);
    const summary = JSON.parse(stdout) as { runId: string; status: string };
    expect(summary.status).toBe('succeeded');
    const history = await api<{ id: string }[]>(`/api/runs?workflowId=${workflowId}`);
    expect(history.map((r) => r.id)).toContain(summary.runId);
    // Nothing ran locally.
    expect(existsSync(join(dir, 'cli-data', 'atelier.db'))).toBe(false);
  });

  it('runs a batch on the server into the same files and manifest as locally', async () => {
    const { code, stderr } = await cli([
      'batch',
      workflowId,
      '--server',
      server.url,
      '--product',
      'subject=A blue kite,A green kite',
      '--out',
      'out-batch',
      '--max-cost',
      '2',
    ]);
    expect(code, stderr).toBe(0);
    expect(stderr).toMatch(/batch batch_\S+ on http:\/\/127\.0\.0\.1:\d+: 2 rows/);
    const manifest = parseCsv(readFileSync(join(dir, 'out-batch', 'manifest.csv'), 'utf8'));
    expect(manifest.map((l) => [l.subject, l.status])).toEqual([
      ['A blue kite', 'succeeded'],
      ['A green kite', 'succeeded'],
    ]);
    for (const row of ['1', '2'])
      expect(existsSync(join(dir, 'out-batch', row, 'poster.png'))).toBe(true);
  });

  it('lists the inputs of the server’s library workflow, with no local data folder', async () => {
    // A folder of its own: the data folder it must not make is `here/cli-data`.
    const here = servers.tempDir();
    const inputs = (argv: string[]) => runCliIn(here, argv, TOKEN);
    const { code, stdout, stderr } = await inputs([
      'inputs',
      'Kite poster',
      '--server',
      server.url,
    ]);
    expect(code, stderr).toBe(0);
    expect(stdout).toContain('Kite poster: 1 input');
    expect(stdout).toMatch(/subject {2}text {2}\(p1\.text, "Text"\) {2}default "A kite"/);
    const json = await inputs(['inputs', workflowId, '--server', server.url, '--json']);
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual(await api(`/api/workflows/${workflowId}/inputs`));
    // A name the server's library lacks is named as the server's, exit 2.
    const missing = await inputs(['inputs', 'No such recipe', '--server', server.url]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`the library of ${server.url}`);
    // Nothing was looked up or made locally: not even the data folder.
    expect(existsSync(join(here, 'cli-data'))).toBe(false);
  });

  it('says the server wants a token when none is set, and runs nothing', async () => {
    const { code, stderr } = await cli(runKitePoster(server.url), '');
    expect(code).toBe(2);
    expect(stderr).toContain(`${server.url} wants a token: set ATELIER_API_TOKEN`);
  });
});
