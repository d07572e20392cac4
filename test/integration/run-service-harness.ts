import type { RetryPolicy } from '@atelier/engine';
import { createFakeOpenAI, type FakeOpenAI } from '@atelier/fake-openai';
import type { Workflow } from '@atelier/graph';
import { DEFAULT_MODELS } from '@atelier/nodes';
import { BlobStore } from '../../server/src/blobs/blob-store';
import { createDb, type Db } from '../../server/src/db/create-db';
import { SqliteCacheStore } from '../../server/src/db/sqlite-cache-store';
import { createOpenAIResponses } from '../../server/src/provider/openai-responses';
import { RunService } from '../../server/src/runs/run-service';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const example = (name: string): Workflow =>
  JSON.parse(readFileSync(join(ROOT, 'examples', name), 'utf8')) as Workflow;
export const asset = (name: string) => readFileSync(join(ROOT, 'examples', 'assets', name));

export const tempDir = (prefix = 'atelier-it-') => mkdtempSync(join(tmpdir(), prefix));
export const removeDir = (dir: string) => rmSync(dir, { recursive: true, force: true });

/** Fast retries: the fake asks for 20 ms, the tests should not wait seconds. */
export const FAST_RETRY: Partial<RetryPolicy> = { baseDelayMs: 5, maxDelayMs: 50 };

export interface Stack {
  db: Db;
  blobs: BlobStore;
  service: RunService;
  close(): Promise<void>;
}

/** The server core as main.ts wires it: a SQLite file, the SDK provider, the real fake. */
export const openStack = (
  fake: FakeOpenAI,
  dbPath: string,
  options: { identity?: string; idleTimeoutMs?: number; maxRetries?: number } = {},
): Stack => {
  const db = createDb(dbPath);
  const blobs = new BlobStore(db);
  const service = new RunService({
    db,
    responses: createOpenAIResponses({
      apiKey: 'sk-integration',
      baseURL: fake.baseURL,
      identity: options.identity ?? 'simulator',
      maxRetries: options.maxRetries ?? 2,
    }),
    providerKind: 'simulator',
    blobs,
    cache: new SqliteCacheStore(db),
    models: DEFAULT_MODELS,
    concurrency: 4,
    idleTimeoutMs: options.idleTimeoutMs ?? 10_000,
    retry: FAST_RETRY,
  });
  return {
    db,
    blobs,
    service,
    close: async () => {
      await service.close();
      db.close();
    },
  };
};

export const startFake = () => createFakeOpenAI({ port: 0 });

/** POST /v1/responses bodies the fake received since the last resetStats(). */
export const responseBodies = (fake: FakeOpenAI) =>
  fake.requestLog
    .filter((entry) => entry.method === 'POST' && entry.path === '/v1/responses')
    .map((entry) => entry.body as Record<string, unknown>);
