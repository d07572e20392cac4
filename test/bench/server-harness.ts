/** A server over a real port with the fake in its own process: shared by the server benchmarks. */
import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ResponsesClient } from '@atelier/nodes';
import { loadConfig } from '../../server/src/config';
import { startServer, type RunningServer } from '../../server/src/http/start';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
};
export const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

export const start = async (
  baseURL: string,
  dataDir: string,
  concurrency: number,
  wrapResponses?: (r: ResponsesClient) => ResponsesClient,
  env: Record<string, string> = {},
) =>
  startServer({
    config: loadConfig({
      PORT: '0',
      ATELIER_DATA_DIR: dataDir,
      ATELIER_PROVIDER: 'openai',
      OPENAI_API_KEY: 'bench',
      OPENAI_BASE_URL: baseURL,
      ATELIER_CONCURRENCY: String(concurrency),
      ...env,
    }),
    version: 'bench',
    wrapResponses,
  });

export const startRun = async (server: RunningServer, body: unknown): Promise<string> => {
  const res = await fetch(`${server.url}/api/runs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status !== 202) throw new Error(`POST /api/runs: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
};

/** `pnpm fake-openai` as a child process; resolves with its base URL. */
export const spawnFake = async (flags: string[]) => {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(REPO_ROOT, 'packages/fake-openai/src/cli.ts'),
      '--port',
      '0',
      ...flags,
    ],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const baseURL = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/v1)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`fake-openai exited with ${code}: ${out}`)));
  });
  return {
    baseURL,
    close: async () => {
      child.kill('SIGTERM');
      if (child.exitCode === null) await new Promise((r) => child.once('exit', r));
    },
  };
};
