import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClock } from './clock';
import { createResponse } from './create-response';
import { ApiError } from './errors';
import { authorize, decodePathSegment, parseJsonBody, readBody } from './http-input';
import { FaultPlanner } from './faults';
import { newRequestId } from './ids';
import { ImageRateLimiter } from './image-rate';
import { ModelTable } from './models';
import { listModels, retrieveModel } from './models-route';
import {
  DEFAULTS,
  type FakeOpenAIOptions,
  type FaultOptions,
  type LatencyOptions,
  type RuntimeOptions,
} from './options';
import type { ResponseObject } from './response-object';
import { emptyStats, type FakeStats, type RequestLogEntry } from './stats';
import { LruStore } from './store';

export interface FakeOpenAI {
  /** "http://127.0.0.1:PORT/v1": pass it to the SDK as baseURL. */
  readonly baseURL: string;
  readonly port: number;
  /** Every request, oldest first, bounded by requestLogLimit. */
  readonly requestLog: RequestLogEntry[];
  readonly stats: FakeStats;
  /**
   * Changes options at runtime. `faults` and `models` replace the earlier setting, `latency` and
   * `limits` are merged; setting `imagesPerMinute` or its window empties the window.
   */
  configure(options: RuntimeOptions): void;
  /** The fake's clock now (ms since the epoch): what shutdowns are judged against. */
  now(): number;
  /** Drops every stored response: previous_response_id then answers 400 previous_response_not_found. */
  forgetResponses(): void;
  /** Zeroes the counters, clears the request log and restarts the fault sequence. */
  resetStats(): void;
  close(): Promise<void>;
}

export async function createFakeOpenAI(options: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  let latency: LatencyOptions = { ...options.latency };
  let faults: FaultOptions = { ...options.faults };
  let seed = options.seed ?? DEFAULTS.seed;
  let logLimit = options.requestLogLimit ?? DEFAULTS.requestLogLimit;
  let apiKey = options.apiKey;
  let now = createClock(options.now);
  let models = new ModelTable(options.models);
  let lifecycle: boolean = options.lifecycle ?? DEFAULTS.lifecycle;
  let keepaliveMs = options.keepaliveMs ?? DEFAULTS.keepaliveMs;
  let toolUsage = options.toolUsage ?? true;
  let limits = { ...options.limits };
  let ipm = {
    setting: options.imagesPerMinute,
    windowMs: options.imageRateWindowMs ?? DEFAULTS.imageRateWindowMs,
  };
  const imageRate = new ImageRateLimiter(ipm.setting, ipm.windowMs);
  const planner = new FaultPlanner(faults, seed);
  const store = new LruStore<ResponseObject>(options.storeLimit ?? DEFAULTS.storeLimit);
  const stats = emptyStats();
  const requestLog: RequestLogEntry[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const delay = (ms: number | undefined): Promise<void> =>
    !ms || ms <= 0
      ? Promise.resolve()
      : new Promise((resolve) => {
          const timer = setTimeout(() => {
            timers.delete(timer);
            resolve();
          }, ms);
          timers.add(timer);
        });

  const stored = {
    response: (id: string) => store.get(id),
    item: (id: string) => {
      for (const response of store.values()) {
        const item = response.output.find((o) => o.id === id);
        if (item) return item;
      }
      return undefined;
    },
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    stats.requests += 1;
    stats.inFlight += 1;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    const requestId = newRequestId();
    const path = (req.url ?? '/').split('?')[0]!;
    const entry: RequestLogEntry = {
      method: req.method ?? 'GET',
      path,
      body: undefined,
      status: 0,
      at: Date.now(),
      requestId,
    };
    requestLog.push(entry);
    if (requestLog.length > logLimit) requestLog.splice(0, requestLog.length - logLimit);
    res.setHeader('x-request-id', requestId);
    res.setHeader('openai-version', '2020-10-01');
    res.setHeader('openai-organization', 'org-simulated');
    const started = Date.now();

    const sendJson = async (
      status: number,
      body: unknown,
      headers: Record<string, string> = {},
    ): Promise<void> => {
      if (res.headersSent || res.destroyed) return;
      const text = JSON.stringify(body);
      res.writeHead(status, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(text),
        'openai-processing-ms': String(Date.now() - started),
        ...headers,
      });
      res.end(text);
      entry.status = status;
      stats.statuses[String(status)] = (stats.statuses[String(status)] ?? 0) + 1;
    };
    const sendError = async (error: ApiError): Promise<void> => {
      await delay(latency.firstByteMs);
      const retry: Record<string, string> =
        faults.shouldRetry === undefined ? {} : { 'x-should-retry': String(faults.shouldRetry) };
      entry.outcome = 'error';
      await sendJson(error.status, { error: error.body }, { ...error.headers, ...retry });
    };

    try {
      const raw = await readBody(req);
      authorize(req.headers.authorization, apiKey);
      const body = parseJsonBody(raw);
      entry.body = body;
      const retrieve = /^\/v1\/responses\/([^/]+)$/.exec(path);
      if (req.method === 'POST' && path === '/v1/responses') {
        await createResponse({
          req,
          res,
          body,
          entry,
          stats,
          planner,
          latency,
          faults,
          stored,
          resolveModel: (id: string) => models.resolve(id, now(), lifecycle),
          now,
          imageRate,
          keepaliveMs,
          toolUsage,
          maxImageBytes: limits.maxImageBytes ?? DEFAULTS.maxImageBytes,
          save: (r) => store.set(r.id, r),
          sendJson,
          delay,
        });
      } else if (
        req.method === 'GET' &&
        (path === '/v1/models' || path.startsWith('/v1/models/'))
      ) {
        stats.modelRequests += 1;
        const id =
          path === '/v1/models' ? null : decodePathSegment(path.slice('/v1/models/'.length));
        const answer = id === null ? listModels(models, now()) : retrieveModel(models, id, now());
        await delay(latency.firstByteMs);
        entry.outcome = 'retrieved';
        await sendJson(200, answer);
      } else if (req.method === 'GET' && retrieve) {
        stats.retrieves += 1;
        // A malformed escape ("a%") names no response: the same 404 as any unknown id.
        const id = decodePathSegment(retrieve[1]!);
        const found = store.get(id);
        if (!found) {
          throw new ApiError(404, {
            message: `Response with id '${id}' not found.`,
            type: 'invalid_request_error',
            param: null,
            code: null,
          });
        }
        await delay(latency.firstByteMs);
        entry.outcome = 'retrieved';
        await sendJson(200, found);
      } else {
        throw new ApiError(404, {
          message: `Invalid URL (${req.method} ${path})`,
          type: 'invalid_request_error',
          param: null,
          code: null,
        });
      }
    } catch (error) {
      if (error instanceof ApiError) {
        await sendError(error);
      } else if (!res.headersSent) {
        console.error('[fake-openai] internal error:', error);
        await sendError(
          new ApiError(500, {
            message: `The fake Responses API failed: ${String(error)}`,
            type: 'server_error',
            param: null,
            code: null,
          }),
        );
      } else {
        console.error('[fake-openai] internal error mid-stream:', error);
        res.destroy();
      }
    } finally {
      stats.inFlight -= 1;
    }
  }

  const server = createServer((req, res) => {
    void handle(req, res);
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? DEFAULTS.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    baseURL: `http://${host}:${address.port}/v1`,
    port: address.port,
    requestLog,
    stats,
    configure(next) {
      if (next.latency) latency = { ...latency, ...next.latency };
      if (next.faults) faults = { ...next.faults };
      if (next.seed !== undefined) seed = next.seed;
      if (next.faults || next.seed !== undefined) planner.reset(faults, seed);
      if (next.storeLimit !== undefined) store.setLimit(next.storeLimit);
      if (next.requestLogLimit !== undefined) logLimit = next.requestLogLimit;
      if (next.apiKey !== undefined) apiKey = next.apiKey;
      if (next.now !== undefined) now = createClock(next.now);
      if (next.models !== undefined) models = new ModelTable(next.models);
      if (next.lifecycle !== undefined) lifecycle = next.lifecycle;
      if (next.keepaliveMs !== undefined) keepaliveMs = next.keepaliveMs;
      if (next.toolUsage !== undefined) toolUsage = next.toolUsage;
      if (next.limits !== undefined) limits = { ...limits, ...next.limits };
      if (next.imagesPerMinute !== undefined || next.imageRateWindowMs !== undefined) {
        ipm = {
          setting: next.imagesPerMinute ?? ipm.setting,
          windowMs: next.imageRateWindowMs ?? ipm.windowMs,
        };
        imageRate.configure(ipm.setting, ipm.windowMs);
      }
    },
    now: () => now(),
    forgetResponses: () => store.clear(),
    resetStats() {
      const inFlight = stats.inFlight;
      Object.assign(stats, emptyStats(), { inFlight, maxInFlight: inFlight });
      requestLog.length = 0;
      planner.reset(faults, seed);
      imageRate.reset();
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      // Stalled streams never end on their own: drop every connection.
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
