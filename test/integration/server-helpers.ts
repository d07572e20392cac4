/** Shared by the integration tests: a real server on a real port over a real SQLite file. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createFakeOpenAI, type FakeOpenAI, type FakeOpenAIOptions } from '@atelier/fake-openai';
import { afterAll, beforeAll, expect } from 'vitest';
import { loadConfig } from '../../server/src/config';
import type { SseMessage } from '../../server/src/http/sse-reader';
import { readSse } from '../../server/src/http/sse-reader';
import type { RunningServer, StartOptions } from '../../server/src/http/start';
import { startServer } from '../../server/src/http/start';

/** The key given to servers under test: it must never appear in a response or a log line. */
export const SECRET_KEY = 'sk-integration-secret-never-shown';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface InProcessServer extends RunningServer {
  dataDir: string;
  lines: string[];
  stop(): Promise<void>;
}

/** startServer (as main.ts does) in this process, provider openai pointed at the fake. */
export const startInProcess = async (
  fake: FakeOpenAI,
  options: Partial<StartOptions> & { dataDir?: string } = {},
): Promise<InProcessServer> => {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'atelier-server-'));
  const lines: string[] = [];
  const server = await startServer({
    config: loadConfig({
      PORT: '0',
      ATELIER_DATA_DIR: dataDir,
      ATELIER_PROVIDER: 'openai',
      OPENAI_API_KEY: SECRET_KEY,
      OPENAI_BASE_URL: fake.baseURL,
    }),
    version: 'test',
    log: (line) => lines.push(line),
    ...options,
  });
  return {
    ...server,
    dataDir,
    lines,
    stop: async () => {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};

export interface ChildServer {
  url: string;
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

/** `node --import tsx server/src/main.ts` as a real process; resolves once /api/health answers. */
export const spawnServer = async (env: Record<string, string>): Promise<ChildServer> => {
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['ATELIER_TOKEN', 'OPENAI_API_KEY', 'OPENAI_BASE_URL', 'ATELIER_PROVIDER'])
    delete childEnv[name];
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(REPO_ROOT, 'server/src/main.ts')],
    {
      cwd: REPO_ROOT,
      env: { ...childEnv, HOST: '127.0.0.1', PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  // Generous: tsx compiles the server on start, and CI's two cores are often busy.
  const deadline = Date.now() + 120_000;
  for (;;) {
    const match = /Atelier on (http:\/\/\S+)/.exec(output);
    if (match) return { url: match[1]!, child, output: () => output, exited };
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`The server exited (${child.exitCode}):\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The server did not start within 120 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
};

export interface ServerProcesses {
  /** The fake Responses API the servers call (not there with `simulator: true`). */
  readonly fake: FakeOpenAI;
  /** A fresh temporary folder, removed after the file's tests. */
  tempDir(): string;
  /** One data folder for the whole file (made on first use): restarts over the same database. */
  readonly dataDir: string;
  /**
   * spawnServer with provider `openai` pointed at the fake (or the built-in simulator) on a
   * fresh tempDir unless `env` names an ATELIER_DATA_DIR; killed after the file's tests.
   */
  start(env?: Record<string, string>): Promise<ChildServer>;
}

/**
 * Real server processes for one test file: starts the fake before its tests; afterwards kills
 * the servers still running, closes the fake and removes the temporary folders.
 */
export const useServerProcesses = (
  options: { prefix?: string; fake?: FakeOpenAIOptions; simulator?: boolean } = {},
): ServerProcesses => {
  const { prefix = 'atelier-server-', simulator = false } = options;
  let fake: FakeOpenAI | undefined;
  const dirs: string[] = [];
  let dataDir: string | undefined;
  const servers: ChildServer[] = [];
  beforeAll(async () => {
    if (!simulator) fake = await createFakeOpenAI(options.fake);
  });
  afterAll(async () => {
    for (const { child, exited } of servers)
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
    await fake?.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  const processes: ServerProcesses = {
    get fake() {
      if (!fake)
        throw new Error(
          simulator ? 'no fake: these servers use the simulator' : 'fake not started',
        );
      return fake;
    },
    get dataDir() {
      return (dataDir ??= processes.tempDir());
    },
    tempDir: () => {
      const dir = mkdtempSync(join(tmpdir(), prefix));
      dirs.push(dir);
      return dir;
    },
    start: async (env = {}) => {
      const provider: Record<string, string> = simulator
        ? { ATELIER_PROVIDER: 'simulator' }
        : {
            ATELIER_PROVIDER: 'openai',
            OPENAI_BASE_URL: processes.fake.baseURL,
            OPENAI_API_KEY: SECRET_KEY,
          };
      const server = await spawnServer({
        ATELIER_DATA_DIR: env.ATELIER_DATA_DIR ?? processes.tempDir(),
        ...provider,
        ...env,
      });
      servers.push(server);
      return server;
    },
  };
  return processes;
};

/** Starts a run (POST /api/runs), follows its events to the end and answers its record. */
export const runToEnd = async <T = RunView>(url: string, body: unknown): Promise<T> => {
  const started = await postJson<{ id: string }>(`${url}/api/runs`, body);
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  await watch(`${url}/api/runs/${started.body.id}/events`);
  return getJson<T>(`${url}/api/runs/${started.body.id}`);
};

export const postJson = async <T>(
  url: string,
  body: unknown,
): Promise<{ status: number; body: T }> => {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
};

export const getJson = async <T>(url: string): Promise<T> => (await (await fetch(url)).json()) as T;

/** Reads a run's event stream to its end (or until `stopWhen` says so, then disconnects). */
export const watch = async (
  url: string,
  options: { lastEventId?: string; stopWhen?: (message: SseMessage) => boolean } = {},
): Promise<SseMessage[]> => {
  const controller = new AbortController();
  const res = await fetch(url, {
    signal: controller.signal,
    headers: options.lastEventId ? { 'last-event-id': options.lastEventId } : {},
  });
  if (res.status !== 200) throw new Error(`events: ${res.status} ${await res.text()}`);
  const messages: SseMessage[] = [];
  try {
    for await (const message of readSse(res)) {
      messages.push(message);
      if (options.stopWhen?.(message)) {
        controller.abort();
        break;
      }
    }
  } catch (error) {
    if (!controller.signal.aborted) throw error;
  }
  return messages;
};

export interface RunView {
  id: string;
  status: string;
  nodes: Record<string, { status: string; cached: boolean; outputs?: Record<string, unknown> }>;
  usage: { requests: number };
  cost: number;
}

/** prompt → generate → edit: a chain whose last step can be caught in flight. */
export const chainWorkflow = (subject = 'A lighthouse at dusk') => ({
  format: 'atelier.workflow',
  version: 1,
  name: 'Chain',
  nodes: [
    { id: 'p1', type: 'prompt', data: { text: subject } },
    { id: 'p2', type: 'prompt', data: { text: 'Make it snow' } },
    { id: 'g1', type: 'generate', data: { size: '1024x1024', quality: 'low', partial_images: 2 } },
    { id: 'e1', type: 'edit', data: { size: '1024x1024', quality: 'low', partial_images: 1 } },
  ],
  edges: [
    { id: 'a', source: 'p1', sourceHandle: 'text', target: 'g1', targetHandle: 'prompt' },
    { id: 'b', source: 'g1', sourceHandle: 'image', target: 'e1', targetHandle: 'image' },
    { id: 'c', source: 'p2', sourceHandle: 'text', target: 'e1', targetHandle: 'instruction' },
  ],
  inputs: [{ name: 'subject', node: 'p1', field: 'text' }],
});

/** prompt → generate, one call: named input `subject` (the prompt), named output `poster`. */
export const posterWorkflow = (name = 'Poster', text = 'A lighthouse') => ({
  format: 'atelier.workflow',
  version: 1,
  name,
  nodes: [
    { id: 'p1', type: 'prompt', data: { text } },
    { id: 'g1', type: 'generate', data: { size: '1024x1024', quality: 'low' } },
  ],
  edges: [{ id: 'e', source: 'p1', sourceHandle: 'text', target: 'g1', targetHandle: 'prompt' }],
  inputs: [{ name: 'subject', node: 'p1', field: 'text' }],
  outputs: [{ name: 'poster', node: 'g1', port: 'image' }],
});
