import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, MESSAGES, rateLimitMessage } from './errors';
import type { FaultPlanner } from './faults';
import { newIds } from './ids';
import type { FaultKind, FaultOptions, LatencyOptions } from './options';
import { DEFAULTS } from './options';
import { prepareResponse, type StoredResponses } from './prepare';
import { produceResponse, type EventSink } from './produce';
import { parseRequest } from './request';
import type { ResponseObject } from './response-object';
import { SseSink, StreamStopped } from './sse';
import type { FakeStats, RequestLogEntry } from './stats';

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
  save(response: ResponseObject): void;
  sendJson(status: number, body: unknown, headers?: Record<string, string>): Promise<void>;
  delay(ms: number | undefined): Promise<void>;
}

const retryAfter = (faults: FaultOptions): Record<string, string> => ({
  'retry-after-ms': String(faults.retryAfterMs ?? DEFAULTS.retryAfterMs),
});

function rateLimited(model: string, faults: FaultOptions): ApiError {
  const ms = faults.retryAfterMs ?? DEFAULTS.retryAfterMs;
  return new ApiError(
    429,
    {
      message: rateLimitMessage(model, ms),
      type: 'requests',
      param: null,
      code: 'rate_limit_exceeded',
    },
    {
      ...retryAfter(faults),
      'x-ratelimit-limit-requests': '500',
      'x-ratelimit-remaining-requests': '0',
      'x-ratelimit-reset-requests': `${ms}ms`,
    },
  );
}

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
  const countFault = (kind: FaultKind | 'moderation', label: string): void => {
    stats.faults[kind] += 1;
    entry.fault = label;
  };
  const model =
    typeof (body as { model?: unknown } | null)?.model === 'string'
      ? (body as { model: string }).model
      : 'gpt-5';
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
  const { markers } = request;
  if (markers.has('rate_limit')) {
    countFault('rateLimit', 'marker:rate_limit');
    throw rateLimited(model, faults);
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

  const prepared = await prepareResponse(request, ctx.stored);
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
  });
  try {
    const response = await produceResponse({ prepared, ids, sink, counters, quota, moderation });
    finish(ctx, response);
    ctx.res.end();
  } catch (error) {
    if (!(error instanceof StreamStopped)) throw error;
    stats[error.reason] += 1;
    entry.outcome = error.reason;
    if (!ctx.res.destroyed) ctx.res.destroy();
  }
}

function finish(ctx: CreateContext, response: ResponseObject): void {
  if (response.status === 'completed') ctx.stats.completed += 1;
  else ctx.stats.failed += 1;
  ctx.entry.outcome = response.status === 'completed' ? 'completed' : 'failed';
  if (response.store) ctx.save(response);
}
