import { resumeWebhooks } from '../webhooks/watch-finish';
import type { AddressInfo } from 'node:net';
import type { ServerType } from '@hono/node-server';
import { serve } from '@hono/node-server';
import type { ResponsesClient } from '@atelier/nodes';
import type { Config } from '../config';
import type { Db } from '../db';
import type { Provider } from '../provider';
import type { RunService } from '../runs/run-service';
import { createAccounts } from '../auth/accounts';
import { loopbackOrigins } from '../auth/loopback-origins';
import { dataDirSecret } from '../auth/secret';
import type { BatchService } from '../batches/batch-service';
import { createRuntime } from '../runtime/create-runtime';
import { createApp } from './app';

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

/** The runtime (runtime/create-runtime.ts) behind the HTTP server (used by main.ts and tests). */
export const startServer = async (options: StartOptions): Promise<RunningServer> => {
  const { config } = options;
  const log = options.log ?? (() => {});
  const runtime = await createRuntime({
    config,
    kind: 'server',
    log,
    watchModels: true,
    ...(options.wrapResponses ? { wrapResponses: options.wrapResponses } : {}),
  });
  const { db, runs, batches, provider } = runtime;
  let server: ServerType | undefined;
  // The port listened on (PORT=0 picks one), for the origins sign-in trusts.
  let boundPort = config.port;
  try {
    // Batches resume by themselves: rows the dead process held go back to the queue.
    const recovered = await batches.start();
    if (recovered > 0) log(`${recovered} batch row(s) from a previous process are queued again`);
    resumeWebhooks(runtime.webhooks, runs, batches);
    const app = createApp({
      db,
      blobs: runtime.blobs,
      workflows: runtime.workflows,
      runs,
      batches,
      webhooks: runtime.webhooks,
      provider: { kind: provider.kind },
      models: runtime.models,
      version: options.version,
      token: config.token,
      ...(config.auth === 'accounts'
        ? {
            accounts: createAccounts({
              db,
              secret: config.authSecret ?? dataDirSecret(config.dataDir),
              baseURL: config.publicUrl ?? `http://localhost:${config.port}`,
              // Without a public URL, the app opened at 127.0.0.1 (as printed) signs in too.
              ...(config.publicUrl
                ? {}
                : { trustedOrigins: () => loopbackOrigins(config.host, boundPort) }),
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
    server = serve({ fetch: app.fetch, hostname: config.host, port: config.port });
    const address = await listen(server);
    boundPort = address.port;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    const listening = server;

    let closing: Promise<void> | undefined;
    const close = () =>
      (closing ??= (async () => {
        listening.close();
        // Open event streams would keep the server alive once the runs have ended.
        await runtime.close(options.shutdownGraceMs ?? 3000, () => {
          if ('closeAllConnections' in listening) listening.closeAllConnections();
        });
      })());

    return {
      url: `http://${host}:${address.port}`,
      port: address.port,
      db,
      runs,
      batches,
      provider,
      interrupted: runtime.interrupted,
      close,
    };
  } catch (error) {
    server?.close();
    await runtime.close(0);
    throw error;
  }
};
