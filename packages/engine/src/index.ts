export * from './types';
export { runWorkflow, DEFAULT_CONCURRENCY, DEFAULT_IDLE_TIMEOUT_MS } from './run-workflow';
export { runWorkflowEvents } from './run-workflow-events';
export { RunInputError, planRun, gatherInputs, boundData } from './plan';
export type { PlannedNode, RunPlan } from './plan';
export { cacheKeyFor, digestValue, sha256Hex } from './cache-key';
export type { CacheKeyParts } from './cache-key';
export { canonicalJson } from './canonical-json';
export { MemoryCacheStore } from './memory-cache-store';
export {
  DEFAULT_PRICING,
  costOf,
  estimateCost,
  estimatedImageCallCost,
  estimatedOutputTokens,
  imageTokensCost,
  roundUsd,
} from './pricing';
export type { Cost, Pricing } from './pricing';
export { ImageRateLimiter } from './image-rate-limiter';
export { DEFAULT_RETRY, retryDelayMs } from './guarded-responses';
export type { RetryPolicy } from './guarded-responses';
export { streamStalledError } from './watchdog';
export { estimateNodeCost } from './estimate-node-cost';
export { SpendingCap } from './spending-cap';
export { ApiGate } from './api-gate';
export type { ApiPriority } from './api-gate';
export { allBudgets } from './all-budgets';
