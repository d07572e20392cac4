import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  ApiError,
  MESSAGES,
  modelNotFound,
  rateLimitMessage,
  UNVERIFIED_STREAM_MESSAGE,
} from './errors';
import type { FaultPlanner } from './faults';
import { newIds } from './ids';
import type { ImageRateLimiter } from './image-rate';
import { DEFAULT_MODEL, type ModelEntry } from './models';
import type { FaultOptions, LatencyOptions } from './options';
import { DEFAULTS } from './options';
import { prepareResponse, type StoredResponses } from './prepare';
import { produceResponse, type EventSink } from './produce';
import { parseRequest } from './request';
import type { ResponseObject } from './response-object';
import { SseSink, StreamStopped } from './sse';
import type { FakeStats, FaultCounter, RequestLogEntry } from './stats';

export interface CreateContext {
  req: IncomingMessage;
  res: ServerResponse;
  body: unknown;
  entry: RequestLogEntry;
  stats: FakeStats;
  planner: FaultPlanner;
  latency: LatencyOptions;
  faults: FaultOptions;
  stored: StoredResponses;
  /** The model table's entry for a model name now, or undefined when the API would refuse it. */
  resolveModel(id: string): ModelEntry | undefined;
  /** The fake's clock, ms since the epoch. */
  now(): number;
  imageRate: ImageRateLimiter;
  keepaliveMs: number;
  /** Report `tool_usage` on responses that used a tool (the API may omit it). */
  toolUsage: boolean;
  maxImageBytes: number;
  save(response: ResponseObject): void;
  sendJson(status: number, body: unknown, headers?: Record<string, string>): Promise<void>;
  delay(ms: number | undefined): Promise<void>;
}

const retryAfter = (faults: FaultOptions): Record<string, string> =>
  faults.rateLimitHints === false
    ? {}
    : { 'retry-after-ms': String(faults.retryAfterMs ?? DEFAULTS.retryAfterMs) };

/**
 * A 429 rate_limit_exceeded. With hints (the default) it carries `retry-after-ms` and
 * `x-ratelimit-*`; without (`rateLimitHints: false` or `bare`), only the message says how long
 * to wait, as many real 429s do (openai-node#1477).
 */
function rateLimited(
  model: string,
  faults: FaultOptions,
  options: { bare?: boolean; waitMs?: number; what?: string; type?: string } = {},
): ApiError {
  const ms = options.waitMs ?? faults.retryAfterMs ?? DEFAULTS.retryAfterMs;
  const hints = faults.rateLimitHints !== false && options.bare !== true;
  return new ApiError(
    429,
    {
      message: rateLimitMessage(model, ms, options.what),
      type: options.type ?? 'requests',
      param: null,
      code: 'rate_limit_exceeded',
    },
    hints
      ? {
          'retry-after-ms': String(ms),
          'x-ratelimit-limit-requests': '500',
          'x-ratelimit-remaining-requests': '0',
          'x-ratelimit-reset-requests': `${ms}ms`,
        }
      : {},
  );
}

/** The stream refusal an unverified organization gets (400 on `stream`). */
const unverified = (): ApiError =>
  new ApiError(400, {
    message: UNVERIFIED_STREAM_MESSAGE,
    type: 'invalid_request_error',
    param: 'stream',
    code: 'unsupported_value',
  });

const streamRefused = (faults: FaultOptions, model: string): boolean => {
  const list = faults.unverifiedStreaming;
  return list === true || (Array.isArray(list) && list.includes(model));
};

const quotaError = (): ApiError =>
  new ApiError(429, {
    message: MESSAGES.quota,
    type: 'insufficient_quota',
    param: null,
    code: 'insufficient_quota',
  });

/** POST /v1/responses: faults, validation, then a JSON answer or an SSE stream. */
export async function createResponse(ctx: CreateContext): Promise<void> {
  const { body, entry, stats, faults } = ctx;
  stats.responses += 1;
  const fault = ctx.planner.next();
  const countFault = (kind: FaultCounter, label: string): void => {
    stats.faults[kind] += 1;
    entry.fault = label;
  };
  const model =
    typeof (body as { model?: unknown } | null)?.model === 'string'
      ? (body as { model: string }).model
      : DEFAULT_MODEL;
  switch (fault) {
    case 'rateLimit':
      countFault('rateLimit', 'fault:rateLimit');
      throw rateLimited(model, faults);
    case 'overloaded':
      countFault('overloaded', 'fault:overloaded');
      throw new ApiError(
        503,
        { message: MESSAGES.overloaded, type: 'server_error', param: null, code: null },
        retryAfter(faults),
      );
    case 'serverError':
      countFault('serverError', 'fault:serverError');
      throw new ApiError(500, {
        message: MESSAGES.serverError,
        type: 'server_error',
        param: null,
        code: null,
      });
    default:
      break;
  }

  const request = parseRequest(body);
  entry.stream = request.stream;
  if (request.stream) stats.streams += 1;
  // A shut-down or unknown mainline model is refused before anything else is looked at.
  const mainline = ctx.resolveModel(request.model);
  if (mainline?.family !== 'mainline') throw modelNotFound(request.model);
  const { markers } = request;
  if (request.stream && (markers.has('unverified') || streamRefused(faults, request.model))) {
    countFault('unverified', markers.has('unverified') ? 'marker:unverified' : 'fault:unverified');
    throw unverified();
  }
  if (markers.has('rate_limit') || markers.has('rate_limit_bare')) {
    const bare = markers.has('rate_limit_bare');
    countFault('rateLimit', bare ? 'marker:rate_limit_bare' : 'marker:rate_limit');
    throw rateLimited(model, faults, { bare });
  }
  if (markers.has('server_error')) {
    countFault('serverError', 'marker:server_error');
    throw new ApiError(500, {
      message: MESSAGES.serverError,
      type: 'server_error',
      param: null,
      code: null,
    });
  }
  const quota = fault === 'quota' || markers.has('quota');
  if (quota) countFault('quota', fault === 'quota' ? 'fault:quota' : 'marker:quota');
  if (quota && !request.stream) throw quotaError();

  const prepared = await prepareResponse(request, ctx.stored, {
    liveModel: ctx.resolveModel,
    maxImageBytes: ctx.maxImageBytes,
  });
  if (prepared.image) {
    // Images per minute, per image model: checked once the request is known to be valid.
    const imageModel = prepared.image.input.tool.model;
    const admitted = markers.has('ipm')
      ? { ok: false as const, limit: ctx.imageRate.limitFor(imageModel) ?? 5, retryAfterMs: 12_000 }
      : ctx.imageRate.take(imageModel);
    if (!admitted.ok) {
      countFault('imagesPerMinute', markers.has('ipm') ? 'marker:ipm' : 'limit:imagesPerMinute');
      throw rateLimited(imageModel, faults, {
        waitMs: admitted.retryAfterMs,
        what: `images per min (IPM): Limit ${admitted.limit}, Used ${admitted.limit}, Requested 1`,
        type: 'images',
      });
    }
  }
  const moderation = markers.has('moderation') && prepared.image !== null;
  if (moderation) countFault('moderation', 'marker:moderation');
  const cut = fault === 'cut' || markers.has('cut');
  const stall = !cut && (fault === 'stall' || markers.has('stall'));
  if (cut) countFault('cut', fault === 'cut' ? 'fault:cut' : 'marker:cut');
  if (stall) countFault('stall', fault === 'stall' ? 'fault:stall' : 'marker:stall');

  const ids = newIds();
  entry.responseId = ids.response;
  const counters = stats;

  if (!request.stream) {
    await ctx.delay(ctx.latency.firstByteMs);
    if (cut) {
      // No answer at all: the connection drops, which the SDK reports as a connection error.
      ctx.res.socket?.destroy();
      stats.cut += 1;
      entry.outcome = 'cut';
      return;
    }
    if (stall) {
      await new Promise<void>((resolve) => ctx.res.on('close', () => resolve()));
      stats.stalled += 1;
      entry.outcome = 'stalled';
      return;
    }
    const silent: EventSink = {
      streaming: false,
      emit: async () => {},
      imageDelay: async () => {},
    };
    const response = await produceResponse({
      prepared,
      ids,
      sink: silent,
      counters,
      quota: false,
      moderation,
      now: ctx.now,
      reasoning: mainline.reasoning,
      toolUsage: ctx.toolUsage,
    });
    finish(ctx, response);
    await ctx.sendJson(200, response);
    return;
  }

  await ctx.delay(ctx.latency.firstByteMs);
  ctx.res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  ctx.res.flushHeaders();
  entry.status = 200;
  stats.statuses['200'] = (stats.statuses['200'] ?? 0) + 1;
  const sink = new SseSink(ctx.res, {
    perEventMs: ctx.latency.perEventMs ?? 0,
    perPartialImageMs: ctx.latency.perPartialImageMs ?? 0,
    cutAfter: cut ? (faults.cutAfterEvents ?? DEFAULTS.cutAfterEvents) : null,
    stallAfter: stall ? (faults.stallAfterEvents ?? DEFAULTS.stallAfterEvents) : null,
    keepaliveMs: ctx.keepaliveMs,
    onKeepalive: () => (stats.keepalives += 1),
  });
  try {
    const response = await produceResponse({
      prepared,
      ids,
      sink,
      counters,
      quota,
      moderation,
      now: ctx.now,
      reasoning: mainline.reasoning,
      toolUsage: ctx.toolUsage,
    });
    finish(ctx, response);
    ctx.res.end();
  } catch (error) {
    if (!(error instanceof StreamStopped)) throw error;
    stats[error.reason] += 1;
    entry.outcome = error.reason;
    if (!ctx.res.destroyed) ctx.res.destroy();
  } finally {
    sink.close();
  }
}

function finish(ctx: CreateContext, response: ResponseObject): void {
  if (response.status === 'completed') ctx.stats.completed += 1;
  else ctx.stats.failed += 1;
  ctx.entry.outcome = response.status === 'completed' ? 'completed' : 'failed';
  if (response.store) ctx.save(response);
}
