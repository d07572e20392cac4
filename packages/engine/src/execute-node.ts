import type { PortValue } from '@atelier/graph';
import type { NodeContext, NodeInputs, NodeUsage } from '@atelier/nodes';
import type { ApiGate } from './api-gate';
import type { ImageRateLimiter } from './image-rate-limiter';
import { cacheKeyFor } from './cache-key';
import { estimateNodeCost } from './estimate-node-cost';
import { GuardedResponses, type RetryPolicy } from './guarded-responses';
import type { PlannedNode } from './plan';
import { costOf, type Pricing } from './pricing';
import type { CacheEntry, NodeErrorInfo, RunEvent, RunOptions } from './types';

export type NodeOutcome =
  | {
      status: 'succeeded';
      cached: boolean;
      outputs: Record<string, PortValue>;
      usage?: NodeUsage;
      cost: number;
      startedAt: number;
      finishedAt: number;
    }
  | {
      status: 'failed' | 'cancelled';
      error: NodeErrorInfo;
      /** API requests the node sent before it failed (they count in the run's usage). */
      requests?: number;
    };

/**
 * What every node of one run shares, built once per run (per-node objects and closures were
 * a measurable share of the engine's time in wide graphs).
 */
export interface RunScope {
  options: RunOptions;
  now: () => number;
  pricing: Pricing;
  retry: RetryPolicy;
  idleTimeoutMs: number;
  imageRate?: ImageRateLimiter;
  gate: ApiGate;
  /** The run's signal, aborted when the run is cancelled (becomes ctx.signal). */
  signal: AbortSignal;
  /** A line in a node's log (ignored once the node's record is final). */
  log(nodeId: string, message: string): void;
  /** Called once the node really runs (after its cache lookup missed and it got a slot). */
  started(nodeId: string, at: number): void;
  /** Nodes of this run under way, by cache key: a second with the same key waits for the first. */
  inflight: Map<string, Promise<NodeOutcome>>;
  /** Whether anyone listens to events: when not, none are built. */
  readonly listening: boolean;
  emit(event: RunEvent): void;
}

export const CANCELLED: NodeErrorInfo = { code: 'cancelled', message: 'The run was cancelled.' };

/** The code and message of anything a node may throw (NodeError carries the API's code). */
export const errorInfo = (error: unknown): NodeErrorInfo => {
  if (typeof error === 'object' && error !== null) {
    const { code, message } = error as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && typeof message === 'string') return { code, message };
    if (typeof message === 'string') return { code: 'internal_error', message };
  }
  return { code: 'internal_error', message: String(error) };
};

/**
 * Cache lookup, then (on a miss or when forced) the node's own `run`, then cache write.
 * Cancellation is the run's business: it marks unfinished nodes cancelled at once, so a
 * node whose code ignores its signal does not hold the run; what such code returns after
 * the signal aborted is dropped here (not cached).
 */
export const executeNode = async (
  planned: PlannedNode,
  inputs: NodeInputs,
  scope: RunScope,
  data: Record<string, unknown> = planned.node.data,
): Promise<NodeOutcome> => {
  const { definition } = planned;
  const { options, now, signal } = scope;
  let key: string;
  try {
    key = cacheKeyFor({
      type: definition.type,
      version: definition.version,
      data,
      ports: planned.ports,
      inputs,
      provider: options.responses.identity,
    });
  } catch (error) {
    return {
      status: 'failed',
      error: { code: 'invalid_input', message: errorInfo(error).message },
    };
  }

  if (!planned.forced) {
    const hit = await lookup(key, planned, scope);
    if (hit) {
      const at = now();
      const { outputs, usage, cost } = hit;
      return {
        status: 'succeeded',
        cached: true,
        outputs,
        usage,
        cost,
        startedAt: at,
        finishedAt: at,
      };
    }
  }
  if (signal.aborted) return { status: 'cancelled', error: CANCELLED };
  // The same node with the same inputs already under way in this run (a recipe used twice):
  // wait for it and take its outputs, as a cache hit, instead of paying twice.
  if (!planned.forced) {
    const twin = scope.inflight.get(key);
    if (twin) {
      const outcome = await twin;
      if (outcome.status === 'succeeded') {
        const at = now();
        return { ...outcome, cached: true, startedAt: at, finishedAt: at };
      }
      if (signal.aborted) return { status: 'cancelled', error: CANCELLED };
    }
  }
  const running = runNode(planned, inputs, scope, data, key);
  if (!planned.forced && !scope.inflight.has(key)) {
    scope.inflight.set(key, running);
    void running.then(() => scope.inflight.delete(key));
  }
  return running;
};

/** The node's own `run` (after a cache miss), with its API slot, budget and cache write. */
const runNode = async (
  planned: PlannedNode,
  inputs: NodeInputs,
  scope: RunScope,
  data: Record<string, unknown>,
  key: string,
): Promise<NodeOutcome> => {
  const { definition, node } = planned;
  const { options, now, signal } = scope;
  const nodeId = node.id;
  let release: (() => void) | undefined;
  if (definition.callsApi) {
    try {
      release = await scope.gate.acquire(signal, options.priority);
    } catch {
      return { status: 'cancelled', error: CANCELLED };
    }
  }
  let reserved: number | undefined;
  if (definition.callsApi && options.budget) {
    const estimate = estimateNodeCost(definition, data, inputs, options.models, scope.pricing);
    if (!options.budget.reserve(estimate)) {
      release?.();
      return {
        status: 'failed',
        error: {
          code: 'budget_reached',
          message:
            options.budget.refusal?.(estimate) ??
            `The budget cannot cover this call (about $${estimate}): raise the cap to continue.`,
        },
      };
    }
    reserved = estimate;
  }
  let spent = 0;
  let settled = false;
  const log = (message: string) => scope.log(nodeId, message);
  const responses = new GuardedResponses(options.responses, scope.gate, scope, log);
  try {
    const startedAt = now();
    scope.started(nodeId, startedAt);
    const ctx: NodeContext<unknown> = {
      nodeId,
      data,
      inputs,
      signal,
      responses,
      blobs: options.blobs,
      models: options.models,
      ...(options.api ? { api: options.api } : {}),
      log,
      progress: (event) => {
        // Previews that arrive after the node ended (or was cancelled) are dropped.
        if (settled || signal.aborted || !scope.listening) return;
        scope.emit({
          type: 'node.partial_image',
          at: now(),
          nodeId,
          index: event.index,
          image: event.image,
        });
      },
    };
    const result = await definition.run(ctx);
    if (signal.aborted)
      return { status: 'cancelled', error: CANCELLED, requests: responses.attempts };
    const finishedAt = now();
    const { outputs } = result;
    const priced = costOf(result.usage, scope.pricing);
    const cost = priced.usd;
    spent = cost;
    // Rate-limited attempts and the SDK's retries were requests too, though the node saw
    // only the one that worked.
    const usage = result.usage && {
      ...result.usage,
      requests: Math.max(result.usage.requests, responses.attempts),
      ...(priced.estimated ? { costEstimated: true } : {}),
    };
    const entry: CacheEntry = { outputs, cost, createdAt: finishedAt, nodeType: definition.type };
    if (usage) entry.usage = usage;
    try {
      await options.cache.put(key, entry);
    } catch (error) {
      log(`Could not save the result to the cache: ${errorInfo(error).message}`);
    }
    return { status: 'succeeded', cached: false, outputs, usage, cost, startedAt, finishedAt };
  } catch (error) {
    const requests = responses.attempts;
    if (signal.aborted) return { status: 'cancelled', error: CANCELLED, requests };
    return { status: 'failed', error: errorInfo(error), requests };
  } finally {
    settled = true;
    if (reserved !== undefined) options.budget!.settle(reserved, spent);
    release?.();
  }
};

/** A fresh cache entry, or undefined (miss, stale, or a store that failed: then it runs). */
const lookup = async (
  key: string,
  planned: PlannedNode,
  scope: RunScope,
): Promise<CacheEntry | undefined> => {
  let entry: CacheEntry | undefined;
  try {
    entry = await scope.options.cache.get(key);
  } catch (error) {
    scope.log(
      planned.node.id,
      `Cache lookup failed, running the node instead: ${errorInfo(error).message}`,
    );
    return undefined;
  }
  if (!entry) return undefined;
  const maxAge = planned.definition.maxAgeSeconds?.(planned.node.data);
  if (maxAge !== undefined) {
    const ageSeconds = (scope.now() - entry.createdAt) / 1000;
    if (ageSeconds > maxAge) {
      scope.log(
        planned.node.id,
        `The cached result is ${Math.round(ageSeconds)} s old, older than max_age ${maxAge} s: running again.`,
      );
      return undefined;
    }
  }
  return entry;
};
