import { join } from 'node:path';
import type { ResponsesClient } from '@atelier/nodes';
import { BlobStore } from '../blobs/blob-store';
import type { Config } from '../config';
import type { Db } from '../db';
import { createDb, SqliteCacheStore, WorkflowRepo } from '../db';
import type { ModelService } from '../models/model-service';
import { runSettings } from '../models/run-settings';
import type { Provider } from '../provider';
import { createProvider } from '../provider';
import { RunService } from '../runs/run-service';
import type { BatchService } from '../batches/batch-service';
import { createBatchService } from '../batches/create-batch-service';
import { WebhookService } from '../webhooks/webhook-service';
import { webhookSecret } from '../webhooks/webhook-secret';

export interface RuntimeOptions {
  config: Config;
  /** What this process is (recorded with its boot, see runs/boot.ts). */
  kind: 'server' | 'cli';
  /** Progress lines (runs started and finished, batches): the server's log; the CLI's is quiet. */
  log?: (line: string) => void;
  /** Problems that lose nothing yet must be seen: a failed database write, a failed listener. */
  warn?: (line: string) => void;
  /**
   * Keep the model list fresh (read at start and once a day): the server. The CLI reads it once.
   */
  watchModels?: boolean;
  /** Wraps the provider's client (benchmarks time the events it receives). */
  wrapResponses?: (responses: ResponsesClient) => ResponsesClient;
  /** The database opened already (openStorage): the CLI checks inputs before any provider starts. */
  storage?: Storage;
}

/** The database and what lives in it alone: enough to check a run's inputs and store images. */
export interface Storage {
  db: Db;
  dbPath: string;
  blobs: BlobStore;
  cache: SqliteCacheStore;
  workflows: WorkflowRepo;
}

/** Opens (creating and migrating) `<dataDir>/atelier.db`; throws DatabaseOpenError. */
export const openStorage = (dataDir: string): Storage => {
  const dbPath = join(dataDir, 'atelier.db');
  const db = createDb(dbPath);
  return {
    db,
    dbPath,
    blobs: new BlobStore(db),
    cache: new SqliteCacheStore(db),
    workflows: new WorkflowRepo(db),
  };
};

/** Everything a process that runs workflows needs, wired once (server and CLI alike). */
export interface Runtime extends Storage {
  config: Config;
  provider: Provider;
  models: ModelService;
  runs: RunService;
  /** Not started: the server starts it for every batch, the CLI for its own (`only`). */
  batches: BatchService;
  /** Webhooks of runs and batches (signed, retried, logged). */
  webhooks: WebhookService;
  /** How many runs a previous process left unfinished (now `interrupted`). */
  interrupted: number;
  /**
   * Stops everything: no row is claimed, runs in flight get `graceMs` to finish and are then
   * interrupted (as after a crash: a rerun pays only for what was unfinished), then the
   * provider and the database close. `afterRuns` is called once no run is left (the server
   * closes its open event streams there).
   */
  close(graceMs?: number, afterRuns?: () => void): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());

/**
 * The one composition root (server/src/http/start.ts and the CLI): database, blob store,
 * cache, provider, model list, RunService and BatchService, and the runs a dead process left
 * unfinished marked `interrupted`. `DatabaseOpenError` is thrown as it is for callers to word.
 */
export const createRuntime = async (options: RuntimeOptions): Promise<Runtime> => {
  const { config } = options;
  const log = options.log;
  const warn = options.warn ?? log;
  const storage = options.storage ?? openStorage(config.dataDir);
  const { db, blobs, cache } = storage;
  let provider: Provider | undefined;
  try {
    provider = await createProvider(config);
    // The model list's own notes (a dying default model) are worth seeing in the CLI too.
    const settings = runSettings(config, provider, log ?? warn);
    // The API's model list before the first request; a failure leaves the shipped catalogue.
    if (options.watchModels) await settings.models.start();
    else await settings.models.refresh();
    const responses = options.wrapResponses?.(provider.responses) ?? provider.responses;
    const runs = new RunService({
      db,
      responses,
      providerKind: provider.kind,
      blobs,
      cache,
      models: config.models,
      concurrency: config.concurrency,
      idleTimeoutMs: config.idleTimeoutMs,
      ...settings.service,
      processKind: options.kind,
      ...(log ? { log } : {}),
      ...(warn ? { warn } : {}),
    });
    // Runs a crashed process left queued/running can never finish: say so in their records.
    const interrupted = runs.markInterrupted();
    const batches = createBatchService({
      db,
      runs,
      blobs,
      cache,
      models: config.models,
      identity: responses.identity,
      catalogue: settings.service.catalogue,
      slots: config.batchSlots,
      ...(log ? { log } : {}),
      ...(warn ? { warn } : {}),
    });
    const webhooks = new WebhookService(
      db,
      config.webhookSecret ?? webhookSecret(config.dataDir),
      {},
      warn,
    );
    const opened = provider;
    let closing: Promise<void> | undefined;
    const close = (graceMs = 3000, afterRuns?: () => void) =>
      (closing ??= (async () => {
        batches.stop();
        await webhooks.close();
        // Let runs in flight finish briefly; then stop them as `interrupted`, not `cancelled`:
        // nobody cancelled them, and a rerun pays only for unfinished nodes, as after a crash.
        const settled = await Promise.race([
          runs.close().then(() => true),
          sleep(graceMs).then(() => false),
        ]);
        if (!settled) {
          runs.interruptAll();
          await Promise.race([runs.close(), sleep(2000)]);
        }
        await Promise.race([batches.idle(), sleep(2000)]);
        afterRuns?.();
        settings.models.stop();
        await opened.close();
        db.close();
      })());
    return {
      ...storage,
      config,
      provider: opened,
      models: settings.models,
      runs,
      batches,
      webhooks,
      interrupted,
      close,
    };
  } catch (error) {
    await provider?.close();
    db.close();
    throw error;
  }
};
