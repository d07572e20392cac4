import type {
  CreateOptions,
  ResponseObject,
  ResponsesClient,
  ResponsesRequest,
} from '@atelier/nodes';
import type { ApiGate } from './api-gate';
import type { ImageRateLimiter } from './image-rate-limiter';
import { createWithWatchdog } from './watchdog';

export interface RetryPolicy {
  /** Attempts per call, the first included (default 4). */
  maxAttempts: number;
  /** Backoff without a server hint: base · 2^(attempt−1), capped, minus up to 25 % jitter. */
  baseDelayMs: number;
  /** Longest wait, also for a server-sent retry time (like SDK 7.x's 60 s bound). */
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
};

const errorDetails = (error: unknown): { code?: unknown; retryAfterMs?: number } => {
  if (typeof error !== 'object' || error === null) return {};
  const { code, details } = error as {
    code?: unknown;
    details?: { retryAfterMs?: unknown };
  };
  const after = details?.retryAfterMs;
  return { code, retryAfterMs: typeof after === 'number' && after >= 0 ? after : undefined };
};

const formatDelay = (ms: number): string =>
  ms < 1000 ? `${Math.round(ms)} ms` : `${Math.round(ms / 100) / 10} s`;

/** How long the run pauses after the `attempt`-th call was rate limited. */
export const retryDelayMs = (error: unknown, attempt: number, policy: RetryPolicy): number => {
  const hinted = errorDetails(error).retryAfterMs;
  if (hinted !== undefined) return Math.min(hinted, policy.maxDelayMs);
  const backoff = Math.min(policy.baseDelayMs * 2 ** (attempt - 1), policy.maxDelayMs);
  return Math.round(backoff * (1 - Math.random() * 0.25));
};

/**
 * The ResponsesClient a node sees: every call waits while the run is paused by a rate limit,
 * runs under the idle watchdog, and is retried when it fails with `rate_limit_exceeded` —
 * after pausing every API call of the run. Only rate limits are retried here: the SDK
 * already retries 5xx, timeouts and connection errors, and quota, moderation and other 4xx
 * errors would fail the same way again. (A class: one is made per node, closures were not free.)
 */
/** The image model a request's image_generation tool names, if it has one. */
const imageModelOf = (request: ResponsesRequest): string | undefined => {
  for (const tool of request.tools ?? [])
    if (tool.type === 'image_generation') return tool.model ?? 'default';
  return undefined;
};

export class GuardedResponses implements ResponsesClient {
  readonly identity: string;
  /** Requests sent, retries and refused or stalled ones included: what the API saw. */
  attempts = 0;

  constructor(
    private readonly inner: ResponsesClient,
    private readonly gate: ApiGate,
    private readonly policy: {
      readonly idleTimeoutMs: number;
      readonly retry: RetryPolicy;
      readonly imageRate?: ImageRateLimiter;
    },
    private readonly log: (message: string) => void,
  ) {
    this.identity = inner.identity;
  }

  async create(request: ResponsesRequest, options: CreateOptions): Promise<ResponseObject> {
    const { retry, idleTimeoutMs, imageRate } = this.policy;
    const imageModel = imageModelOf(request);
    for (let attempt = 1; ; attempt++) {
      await this.gate.whenOpen(options.signal);
      const ticket =
        imageRate && imageModel
          ? await imageRate.acquire(imageModel, options.signal, (ms) =>
              this.log(
                `Waiting ${formatDelay(ms)} for the images-per-minute limit of ${imageModel} (${imageRate.perWindow} per ${formatDelay(imageRate.windowMs)}, ATELIER_IMAGES_PER_MINUTE).`,
              ),
            )
          : undefined;
      // Every HTTP request the client reports counts (the SDK's own retries too); a client
      // that reports none counts as one request per call.
      let sent = 0;
      const counted: CreateOptions = {
        ...options,
        onEvent: ticket
          ? (event) => {
              ticket.received();
              options.onEvent?.(event);
            }
          : options.onEvent,
        onRequest: () => {
          sent++;
          this.attempts++;
        },
        log: options.log ?? this.log,
      };
      try {
        return await createWithWatchdog(this.inner, request, counted, idleTimeoutMs);
      } catch (error) {
        const rateLimited = errorDetails(error).code === 'rate_limit_exceeded';
        if (!rateLimited || options.signal.aborted || attempt >= retry.maxAttempts) throw error;
        const delay = retryDelayMs(error, attempt, retry);
        this.gate.pause(delay);
        this.log(
          `Rate limited by the API: all calls of this run wait ${formatDelay(delay)}, ` +
            `then this call is retried (attempt ${attempt + 1} of ${retry.maxAttempts}).`,
        );
      } finally {
        if (sent === 0) this.attempts++;
        // An answer of any kind means the API received the request.
        ticket?.received();
      }
    }
  }
}
