import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { ServerType } from '@hono/node-server';
import { serve } from '@hono/node-server';
import type { ResponsesClient } from '@atelier/nodes';
import { BlobStore } from '../blobs/blob-store';
import type { Config } from '../config';
import type { Db } from '../db';
import { createDb, SqliteCacheStore, WorkflowRepo } from '../db';
import type { Provider } from '../provider';
import { createProvider } from '../provider';
import { runSettings } from '../models/run-settings';
import { RunService } from '../runs/run-service';
import { createApp } from './app';
import { createAccounts } from '../auth/accounts';
import { dataDirSecret } from '../auth/secret';
import { createBatchService } from '../batches/create-batch-service';
import type { BatchService } from '../batches/batch-service';

export interface StartOptions {
  config: Config;
  version: string;
  webDist?: string;
  log?: (line: string) => void;
  /** How long shutdown lets running runs finish before interrupting them (3 s). */
  shutdownGraceMs?: number;
  /** Wraps the provider's client (benchmarks time the events it receives). */
  wrapResponses?: (responses: ResponsesClient) => ResponsesClient;
  /** Test knobs passed to the app. */
  maxUploadBytes?: number;
  heartbeatMs?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  db: Db;
  runs: RunService;
  batches: BatchService;
  provider: Provider;
  /** How many runs a previous process left unfinished (now `interrupted`). */
  interrupted: number;
  close(): Promise<void>;
}

const listen = (server: ServerType) =>
  new Promise<AddressInfo>((resolve, reject) => {
    server.once('error', reject);
    server.once('listening', () => resolve(server.address() as AddressInfo));
  });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());

/** Database, provider, RunService and the HTTP server, wired together (used by main.ts and tests). */
export const startServer = async (options: StartOptions): Promise<RunningServer> => {
  const { config } = options;
  const log = options.log ?? (() => {});
  const db = createDb(join(config.dataDir, 'atelier.db'));
  let provider: Provider | undefined;
  try {
    provider = await createProvider(config);
    const settings = runSettings(config, provider, log);
    // The API's model list before the first request; a failure leaves the shipped catalogue.
    await settings.models.start();
    const blobs = new BlobStore(db);
    const cache = new SqliteCacheStore(db);
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
      log,
    });
    // Runs a crashed process left queued/running can never finish: say so in their records.
    const interrupted = runs.markInterrupted();
    // Batches resume by themselves: rows the dead process held go back to the queue.
    const batches = createBatchService({
      db,
      runs,
      blobs,
      cache,
      models: config.models,
      identity: responses.identity,
      catalogue: settings.service.catalogue,
      slots: config.batchSlots,
      log,
    });
    const recovered = await batches.start();
    if (recovered > 0) log(`${recovered} batch row(s) from a previous process are queued again`);
    const app = createApp({
      db,
      blobs,
      workflows: new WorkflowRepo(db),
      runs,
      batches,
      provider: { kind: provider.kind },
      models: settings.models,
      version: options.version,
      token: config.token,
      ...(config.auth === 'accounts'
        ? {
            accounts: createAccounts({
              db,
              secret: config.authSecret ?? dataDirSecret(config.dataDir),
              baseURL: config.publicUrl ?? `http://localhost:${config.port}`,
              ...(config.teamName ? { teamName: config.teamName } : {}),
              // No mail server: the operator reads reset links in the server log.
              onResetLink: (email, url) => log(`password reset link for ${email}: ${url}`),
              log,
            }),
          }
        : {}),
      webDist: options.webDist,
      log,
      maxUploadBytes: options.maxUploadBytes,
      heartbeatMs: options.heartbeatMs,
    });
    const server = serve({ fetch: app.fetch, hostname: config.host, port: config.port });
    const address = await listen(server);
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    const opened = provider;

    let closing: Promise<void> | undefined;
    const close = () =>
      (closing ??= (async () => {
        server.close();
        batches.stop();
        // Let runs in flight finish briefly; then stop them as `interrupted`, not `cancelled`:
        // nobody cancelled them, and a rerun pays only for unfinished nodes, as after a crash.
        const settled = await Promise.race([
          runs.close().then(() => true),
          sleep(options.shutdownGraceMs ?? 3000).then(() => false),
        ]);
        if (!settled) {
          runs.interruptAll();
          await Promise.race([runs.close(), sleep(2000)]);
        }
        // Open event streams would keep the server alive.
        if ('closeAllConnections' in server) server.closeAllConnections();
        settings.models.stop();
        await opened.close();
        db.close();
      })());

    return {
      url: `http://${host}:${address.port}`,
      port: address.port,
      db,
      runs,
      batches,
      provider: opened,
      interrupted,
      close,
    };
  } catch (error) {
    await provider?.close();
    db.close();
    throw error;
  }
};
