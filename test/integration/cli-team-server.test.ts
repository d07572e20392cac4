/**
 * `atelier run|batch --server URL` against a real team server process (ATELIER_AUTH=accounts)
 * with a personal API token (`ATELIER_API_TOKEN=atl_…`): the run is filed as its owner's, and a
 * token whose role cannot run is refused with the server's words, nothing run.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCliIn } from './cli-harness';
import type { ChildServer } from './server-helpers';
import { useServerProcesses } from './server-helpers';
import { kitePoster, runKitePoster, runKitePosterInto } from './kite-poster';

const servers = useServerProcesses({ prefix: 'atelier-cli-team-', simulator: true });
let dir: string;
let server: ChildServer;
let cookie = '';
const tokens = { editor: '', viewer: '' };

const api = async <T>(path: string, body?: unknown): Promise<{ status: number; body: T }> => {
  const res = await fetch(`${server.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const setCookie = /better-auth\.session_token=[^;]+/.exec(res.headers.get('set-cookie') ?? '');
  if (setCookie) cookie = setCookie[0];
  return { status: res.status, body: (await res.json()) as T };
};

beforeAll(async () => {
  dir = servers.tempDir();
  server = await servers.start({
    ATELIER_DATA_DIR: join(dir, 'server-data'),
    ATELIER_AUTH: 'accounts',
  });
  // The first account is the owner; a session makes the tokens (as the Team panel does).
  expect(
    (
      await api('/api/auth/sign-up/email', {
        email: 'olive@studio.test',
        password: 'a long enough password',
        name: 'Olive',
      })
    ).status,
  ).toBe(200);
  for (const role of ['editor', 'viewer'] as const)
    tokens[role] = (
      await api<{ token: string }>('/api/tokens', { name: `cli ${role}`, role })
    ).body.token;
  const saved = await api<{ id: string }>('/api/workflows', kitePoster());
  expect(saved.status).toBe(201);
}, 180_000);
const cli = (argv: string[], token: string) => runCliIn(dir, argv, token);

describe('the CLI against a team server with a personal API token', { timeout: 120_000 }, () => {
  it('runs a library recipe by name as the token’s owner, with progress and files', async () => {
    const { code, stdout, stderr } = await cli(runKitePosterInto(server.url, 'out'), tokens.editor);
    expect(code, stderr).toBe(0);
    expect(stderr).toMatch(/✓ g1 \(generate\) done/);
    expect(existsSync(join(dir, 'out', 'poster.png'))).toBe(true);
    const { runId } = JSON.parse(stdout) as { runId: string };
    const run = await api<{ startedBy?: { name: string } }>(`/api/runs/${runId}`);
    expect(run.body.startedBy?.name).toBe('Olive');
  });

  it('refuses a viewer token with the server’s reason, and runs nothing', async () => {
    const before = (await api<unknown[]>('/api/runs')).body.length;
    const { code, stderr } = await cli(
      runKitePoster(server.url, '--out', 'out-viewer'),
      tokens.viewer,
    );
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/viewer.*cannot run/);
    expect((await api<unknown[]>('/api/runs')).body.length).toBe(before);
    expect(existsSync(join(dir, 'out-viewer', 'poster.png'))).toBe(false);
  });

  it('lists a recipe’s inputs with a viewer token (reading needs no more)', async () => {
    const { code, stdout, stderr } = await cli(
      ['inputs', 'Kite poster', '--server', server.url, '--json'],
      tokens.viewer,
    );
    expect(code, stderr).toBe(0);
    expect((JSON.parse(stdout) as { name: string }[]).map((i) => i.name)).toEqual(['subject']);
  });

  it('says a revoked or unknown token is refused (401), running nothing', async () => {
    const { code, stderr } = await cli(runKitePoster(server.url), 'atl_' + 'x'.repeat(43));
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/refused the token: .*unknown or revoked/);
    // A token was set: the message does not tell the person to set one.
    expect(stderr).not.toMatch(/wants a token/);
  });
});
