/** Options of createFakeOpenAI and the CLI. Every field is optional; defaults below. */
import type { ClockSetting } from './clock';
import type { ModelOverrides } from './models';

export interface LatencyOptions {
  /** Delay before the response headers (and so before the first byte), in ms. */
  firstByteMs?: number;
  /** Delay before every stream event after the first, in ms. */
  perEventMs?: number;
  /** Extra delay before each partial image and before the final image of a stream, in ms. */
  perPartialImageMs?: number;
}

/**
 * When a fault fires: with probability `rate` (drawn from the seeded PRNG), on every `everyNth`
 * request (the Nth, 2Nth, …), and/or on the `first` N requests. Requests are the
 * POST /v1/responses calls counted since the faults were last set or the stats reset.
 */
export interface FaultTrigger {
  rate?: number;
  everyNth?: number;
  first?: number;
}

export const FAULT_KINDS = [
  'rateLimit',
  'overloaded',
  'serverError',
  'quota',
  'cut',
  'stall',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultOptions {
  /** HTTP 429 rate_limit_exceeded with `retry-after-ms`. */
  rateLimit?: FaultTrigger;
  /** HTTP 503 (overloaded) with `retry-after-ms`. */
  overloaded?: FaultTrigger;
  /** HTTP 500 server_error. */
  serverError?: FaultTrigger;
  /** insufficient_quota: error event + response.failed when streaming, HTTP 429 otherwise. */
  quota?: FaultTrigger;
  /** The stream is cut (socket destroyed) after `cutAfterEvents` events. */
  cut?: FaultTrigger;
  /** The stream goes silent after `stallAfterEvents` events and stays open. */
  stall?: FaultTrigger;
  /** `retry-after-ms` sent with 429 and 503 answers (default 20). */
  retryAfterMs?: number;
  /** When set, every error answer carries `x-should-retry: true|false`. */
  shouldRetry?: boolean;
  /** Events sent before a cut (default 5: inside the first tool call). */
  cutAfterEvents?: number;
  /** Events sent before a stall (default 2: response.created and response.in_progress). */
  stallAfterEvents?: number;
  /**
   * false: 429s carry no `retry-after`, `retry-after-ms` or `x-ratelimit-*` header and give the
   * wait only in the message ("Please try again in 11.75s."), as real 429s often do. Default true.
   */
  rateLimitHints?: boolean;
  /**
   * Streaming is refused for these mainline models (true: every model) as for an unverified
   * organization: 400 `param:"stream"`, `code:"unsupported_value"`. Requests without
   * `stream:true` to the same models succeed.
   */
  unverifiedStreaming?: readonly string[] | boolean;
}

/** Limits of one request that the real API enforces. */
export interface LimitOptions {
  /** Sum of the decoded bytes of the images in one request (default 50 MB = 52,428,800). */
  maxImageBytes?: number;
}

export interface FakeOpenAIOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  latency?: LatencyOptions;
  faults?: FaultOptions;
  /** Seed of the PRNG that draws fault rates (default 1). */
  seed?: number;
  /** Stored responses kept for previous_response_id and GET (least recently used go first; default 100). */
  storeLimit?: number;
  /** Entries kept in requestLog (oldest go first; default 200). Bodies are kept whole, images included. */
  requestLogLimit?: number;
  /** When set, only this bearer key is accepted; otherwise any non-empty key is. */
  apiKey?: string;
  /**
   * The fake's clock (default: real time): a date the clock starts from, or a function asked
   * every time. Model shutdowns and created_at follow it.
   */
  now?: ClockSetting;
  /** Changes to the fake's own model table (src/models.ts): add, remove or re-date models. */
  models?: ModelOverrides;
  /**
   * true: shut-down and unknown models are refused as the real API refuses them. false: any
   * model name is accepted (an unknown one works like the default model of its family).
   */
  lifecycle?: boolean;
  /**
   * A `keepalive` event is sent when a stream has been silent this long (default 15000; 0 never),
   * as the real API does during long generations. Never during a stall.
   */
  keepaliveMs?: number;
  /**
   * false: responses carry no `tool_usage` ("can be omitted when tool usage is unavailable"),
   * so a client must fall back to an estimate. Default true.
   */
  toolUsage?: boolean;
  /**
   * Images per minute each image model may make (a number for every model, or by model id with
   * `"*"` for the rest); beyond it the request is a 429 rate_limit_exceeded. Unlimited by default.
   */
  imagesPerMinute?: number | Readonly<Record<string, number>>;
  /** The window of imagesPerMinute in ms (default 60000; shorter in tests). */
  imageRateWindowMs?: number;
  limits?: LimitOptions;
}

/** Options that configure() may change at runtime. */
export type RuntimeOptions = Pick<
  FakeOpenAIOptions,
  | 'latency'
  | 'faults'
  | 'seed'
  | 'storeLimit'
  | 'requestLogLimit'
  | 'apiKey'
  | 'now'
  | 'models'
  | 'lifecycle'
  | 'keepaliveMs'
  | 'toolUsage'
  | 'imagesPerMinute'
  | 'imageRateWindowMs'
  | 'limits'
>;

export const DEFAULTS = {
  host: '127.0.0.1',
  seed: 1,
  storeLimit: 100,
  requestLogLimit: 200,
  retryAfterMs: 20,
  cutAfterEvents: 5,
  stallAfterEvents: 2,
  keepaliveMs: 15_000,
  lifecycle: false,
  imageRateWindowMs: 60_000,
  maxImageBytes: 50 * 1024 * 1024,
} as const;
