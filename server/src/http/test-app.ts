/** Builds the app over ':memory:' SQLite and the real fake Responses API, for tests. */
import { WebhookService, type WebhookPolicy } from '../webhooks/webhook-service';
import type { Workflow } from '@atelier/graph';
import type { FakeOpenAI, FakeOpenAIOptions } from '@atelier/fake-openai';
import { createFakeOpenAI } from '@atelier/fake-openai';
import type { ModelDefaults } from '@atelier/nodes';
import { DEFAULT_MODELS } from '@atelier/nodes';
import sharp from 'sharp';
import { BlobStore } from '../blobs/blob-store';
import { createDb, SqliteCacheStore, WorkflowRepo } from '../db';
import { createOpenAIResponses } from '../provider';
import { ModelService } from '../models/model-service';
import type { RunServiceDeps } from '../runs/run-service';
import { RunService } from '../runs/run-service';
import { createBatchService } from '../batches/create-batch-service';
import type { CreateAppDeps } from './app';
import { createApp } from './app';
import { createAccounts } from '../auth/accounts';

export interface TestApp {
  app: ReturnType<typeof createApp>;
  deps: CreateAppDeps;
  fake: FakeOpenAI;
  lines: string[];
  close(): Promise<void>;
}

export const createTestApp = async (
  options: Partial<Pick<CreateAppDeps, 'token' | 'maxUploadBytes' | 'heartbeatMs' | 'webDist'>> & {
    fake?: FakeOpenAIOptions;
    /** Configured default models (default: the catalogue's live ones). */
    models?: ModelDefaults;
    /** Batch rows at once (default 4). */
    batchSlots?: number;
    /** API calls in flight per run (default 4). */
    concurrency?: number;
    /** The server's clock (model lifecycle checks). */
    now?: () => number;
    /** Engine settings of the RunService. */
    engine?: Pick<RunServiceDeps, 'imageRate' | 'idleTimeoutMs' | 'retry' | 'api'>;
    /** Webhooks signed with `secret` (default: none; a `webhook` in a request is refused). */
    webhooks?: Partial<WebhookPolicy> & { secret: string };
    /** Team mode (ATELIER_AUTH=accounts), at this base URL (default http://localhost). */
    accounts?: boolean | { baseURL: string; trustedOrigins?: () => string[] };
    /** A database file instead of ':memory:'. */
    dbPath?: string;
  } = {},
): Promise<TestApp> => {
  const {
    models: _defaults,
    fake: _fake,
    webhooks: hooks,
    now,
    engine,
    batchSlots,
    concurrency,
    accounts: team,
    dbPath,
    ...rest
  } = options;
  const fake = await createFakeOpenAI(options.fake);
  const db = createDb(dbPath ?? ':memory:');
  const blobs = new BlobStore(db);
  const lines: string[] = [];
  const log = (line: string) => lines.push(line);
  const responses = createOpenAIResponses({
    apiKey: 'test',
    baseURL: fake.baseURL,
    identity: 'simulator',
  });
  const defaults = options.models ?? DEFAULT_MODELS;
  const models = new ModelService({
    listModels: responses.listModels,
    defaults,
    log,
    ...(now ? { now } : {}),
  });
  await models.refresh();
  const cache = new SqliteCacheStore(db);
  const runs = new RunService({
    db,
    responses,
    providerKind: 'simulator',
    blobs,
    cache,
    models: defaults,
    catalogue: () => models.catalogue,
    concurrency: concurrency ?? 4,
    log,
    ...(now ? { now } : {}),
    ...engine,
  });
  const batches = createBatchService({
    db,
    runs,
    blobs,
    cache,
    models: defaults,
    identity: responses.identity,
    catalogue: () => models.catalogue,
    slots: batchSlots ?? 4,
    pollMs: 50,
    log,
  });
  await batches.start();
  const webhooks = hooks ? new WebhookService(db, hooks.secret, hooks, log) : undefined;
  const deps: CreateAppDeps = {
    ...(webhooks ? { webhooks } : {}),
    db,
    blobs,
    workflows: new WorkflowRepo(db),
    runs,
    batches,
    provider: { kind: 'simulator' },
    models,
    version: '0.0.0-test',
    log,
    ...(team
      ? {
          accounts: createAccounts({
            db,
            secret: 'test-secret-of-at-least-thirty-two-characters',
            baseURL: typeof team === 'object' ? team.baseURL : 'http://localhost',
            ...(typeof team === 'object' && team.trustedOrigins
              ? { trustedOrigins: team.trustedOrigins }
              : {}),
            log,
          }),
        }
      : {}),
    ...rest,
  };
  return {
    app: createApp(deps),
    deps,
    fake,
    lines,
    close: async () => {
      batches.stop();
      for (const run of runs.list({ limit: 1000 }))
        if (run.status === 'running' || run.status === 'queued') runs.cancel(run.id);
      await runs.close();
      await batches.idle();
      await webhooks?.close();
      await fake.close();
      db.close();
    },
  };
};

/** A real PNG of the given size. */
export const pngBytes = async (width = 32, height = 32, alpha = false): Promise<Uint8Array> =>
  new Uint8Array(
    await sharp({
      create: {
        width,
        height,
        channels: alpha ? 4 : 3,
        background: alpha ? { r: 0, g: 0, b: 0, alpha: 0 } : { r: 200, g: 80, b: 40 },
      },
    })
      .png()
      .toBuffer(),
  );

/** prompt → generate, with the prompt text exposed as the named input `subject`. */
export const posterWorkflow = (
  text = 'A poster of a lighthouse',
  extra: Record<string, unknown> = {},
) =>
  ({
    format: 'atelier.workflow',
    version: 1,
    name: 'Poster',
    nodes: [
      { id: 'p1', type: 'prompt', position: { x: 0, y: 0 }, data: { text } },
      {
        id: 'g1',
        type: 'generate',
        position: { x: 300, y: 0 },
        data: { size: '1024x1024', quality: 'low', partial_images: 2, ...extra },
      },
    ],
    edges: [{ id: 'e1', source: 'p1', sourceHandle: 'text', target: 'g1', targetHandle: 'prompt' }],
    inputs: [{ name: 'subject', node: 'p1', field: 'text' }],
  }) satisfies Workflow;

export const json = (body: unknown, method = 'POST'): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});
