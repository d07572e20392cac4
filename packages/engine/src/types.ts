import type { ImageValue, NodePorts, PortValue, Workflow } from '@atelier/graph';
import type {
  ApiSettings,
  BlobAccess,
  ModelDefaults,
  NodeRegistry,
  NodeUsage,
  ResponsesClient,
} from '@atelier/nodes';
import type { ApiGate, ApiPriority } from './api-gate';
import type { RetryPolicy } from './guarded-responses';
import type { ImageRateLimiter } from './image-rate-limiter';
import type { Pricing } from './pricing';

export interface CacheEntry {
  outputs: Record<string, PortValue>;
  usage?: NodeUsage;
  /** Estimated cost in USD of producing these outputs (what a cache hit saves). */
  cost: number;
  /** Epoch ms when the outputs were produced (for `max_age`). */
  createdAt: number;
  /**
   * The node type that produced the outputs (set by the engine; informational, for stores
   * and their inspection: the type is already part of the key).
   */
  nodeType?: string;
}

/** Persisted node outputs by cache key (SQLite in the server, a Map in tests). */
export interface CacheStore {
  get(key: string): Promise<CacheEntry | undefined>;
  put(key: string, entry: CacheEntry): Promise<void>;
}

/**
 * A spending cap shared by runs (a batch's `maxCost`): each node that calls the API reserves
 * its estimated cost before the call and settles it with the actual cost after, so callers
 * in flight together can never pass the cap by more than their estimates fell short.
 */
export interface CostBudget {
  /** Reserves `usd` before a call; false = the cap would be passed, so the call is not made. */
  reserve(usd: number): boolean;
  /** Replaces a reservation of `reserved` with what the call cost (0 when it failed). */
  settle(reserved: number, actual: number): void;
  /** What the node's error says when `reserve(usd)` refused (default: raise the cap). */
  refusal?(usd: number): string;
}

export type RunStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted';
export type NodeStatus = 'pending' | 'running' | 'succeeded' | 'failed' | 'skipped' | 'cancelled';

export interface NodeErrorInfo {
  code: string;
  message: string;
}

export interface RunOptions {
  /** A workflow that already passed validation, with named inputs applied. */
  workflow: Workflow;
  registry: NodeRegistry;
  responses: ResponsesClient;
  blobs: BlobAccess;
  cache: CacheStore;
  models: ModelDefaults;
  /** Most API calls in flight at once (default 8); ignored when `gate` is given. */
  concurrency?: number;
  /**
   * API slots and rate-limit pause shared with other runs (a server's, so that all runs and
   * batches together stay within its slots and a 429 slows them all). Default: the run's own.
   */
  gate?: ApiGate;
  /** This run's place in the shared gate's line (default interactive). */
  priority?: ApiPriority;
  signal?: AbortSignal;
  /**
   * The ports of the recipe nodes of an expanded workflow (expandRecipes' `ports`): the run
   * is given the expanded workflow, whose inner nodes run like any other.
   */
  recipePorts?: ReadonlyMap<string, NodePorts>;
  /** Run only this node and its ancestors. */
  target?: string;
  /** Ignore the cache for these nodes. */
  force?: string[];
  /** A stream with no event for this long is aborted as `stream_stalled` (default 120 s). */
  idleTimeoutMs?: number;
  now?: () => number;
  /** Prices from the model catalogue (default DEFAULT_PRICING). */
  pricing?: Pricing;
  /** Request settings of the server (`store`, the web search location). */
  api?: ApiSettings;
  /**
   * Images per minute per image model, shared by every run of the process: a wide graph
   * queues for it instead of collecting 429s. Absent = no limit.
   */
  imageRate?: ImageRateLimiter;
  /**
   * Rate-limit retries (default 4 attempts, 1 s backoff base, 60 s bound). Only
   * `rate_limit_exceeded` is retried by the engine; the SDK retries 5xx itself.
   */
  retry?: Partial<RetryPolicy>;
  /**
   * A cap on what the run may spend: a node whose estimated cost it cannot reserve fails
   * with `budget_reached` before any call (its cached ancestors stay cached).
   */
  budget?: CostBudget;
  /**
   * Told when the `onEvent` listener throws (the run goes on: a broken listener must not leave
   * it half-done). Default: `console.error`, so the failure is never silent.
   */
  onListenerError?: (error: unknown, event: RunEvent) => void;
}

export type RunEvent =
  | { type: 'run.started'; at: number; nodes: string[] }
  | { type: 'node.started'; at: number; nodeId: string }
  | { type: 'node.partial_image'; at: number; nodeId: string; index: number; image: ImageValue }
  | { type: 'node.log'; at: number; nodeId: string; message: string }
  | {
      type: 'node.completed';
      at: number;
      nodeId: string;
      cached: boolean;
      outputs: Record<string, PortValue>;
      usage?: NodeUsage;
      cost: number;
      durationMs: number;
    }
  | {
      type: 'node.failed';
      at: number;
      nodeId: string;
      status: 'failed' | 'skipped' | 'cancelled';
      error: NodeErrorInfo;
    }
  | { type: 'run.completed'; at: number; summary: RunSummary };

export interface NodeRunRecord {
  status: NodeStatus;
  cached: boolean;
  outputs?: Record<string, PortValue>;
  error?: NodeErrorInfo;
  usage?: NodeUsage;
  cost: number;
  startedAt?: number;
  finishedAt?: number;
  log: string[];
}

export interface RunSummary {
  status: Extract<RunStatus, 'succeeded' | 'failed' | 'cancelled'>;
  nodes: Record<string, NodeRunRecord>;
  /** Sums over nodes that ran (cache hits excluded). */
  usage: {
    inputTokens: number;
    outputTokens: number;
    imageCalls: number;
    webSearchCalls: number;
    requests: number;
    /** Some of `cost` is an estimate (a node without the API's exact counts). */
    costEstimated?: boolean;
  };
  cost: number;
  /** What cache hits avoided paying for. */
  saved: { nodes: number; cost: number };
  startedAt: number;
  finishedAt: number;
}
