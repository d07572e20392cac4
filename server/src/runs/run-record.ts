import type { NodeRunRecord, RunEvent, RunStatus, RunSummary } from '@atelier/engine';
import type {
  ImageValue,
  Issue,
  MaskValue,
  PortValue,
  ResolvedRecipeNode,
  Workflow,
} from '@atelier/graph';

export type RunInputs = Record<string, string | ImageValue | MaskValue>;

/** A run as stored and served (GET /api/runs/:id). Times are epoch ms. */
export interface RunRecord {
  id: string;
  workflowId?: string;
  workflowVersion?: number;
  status: RunStatus;
  provider: 'simulator' | 'openai';
  inputs: RunInputs;
  target?: string;
  force: string[];
  nodes: Record<string, NodeRunRecord>;
  /** The values of the document's named outputs (DESIGN.md §13) among the nodes that succeeded. */
  outputs: Record<string, PortValue>;
  usage: RunSummary['usage'];
  /** Estimated USD spent by this run (cache hits excluded). */
  cost: number;
  /** What cache hits avoided paying for. */
  saved: RunSummary['saved'];
  /** Why the run failed: the first node failure, or what stopped the run. */
  error?: { code: string; message: string; nodeId?: string };
  createdAt: number;
  startedAt?: number;
  finishedAt?: number;
  durationMs?: number;
  /**
   * What each recipe node resolved to, by node id (inner recipe nodes as `r1/r2`): the
   * recipe's id, pinned version and name. Inner nodes of recipes are in `nodes` as `r1/g1`.
   */
  recipes?: Record<string, ResolvedRecipeNode>;
  /** The document as run (named inputs applied, defaults filled). */
  workflow: Workflow;
  /** Set when not started by the owner: `share:<id>` (through an app link). */
  via?: string;
  /** Who started it (solo: `{ id: 'local', name: 'You' }`); absent on runs recorded before. */
  startedBy?: RunStarter;
}

/** The person who started a run, as they were named then. */
export interface RunStarter {
  id: string;
  name: string;
}

export type RunEventRecord = { seq: number; runId: string; event: RunEvent };

export const emptyUsage = (): RunSummary['usage'] => ({
  inputTokens: 0,
  outputTokens: 0,
  imageCalls: 0,
  webSearchCalls: 0,
  requests: 0,
});

export const FINISHED_STATUSES: ReadonlySet<RunStatus> = new Set([
  'succeeded',
  'failed',
  'cancelled',
  'interrupted',
]);

/** A run request that cannot start; `issues` name each problem by path (→ HTTP 422). */
export class RunValidationError extends Error {
  override readonly name = 'RunValidationError';
  readonly code = 'invalid_run';
  constructor(readonly issues: Issue[]) {
    const first = issues[0];
    super(
      first
        ? `${first.message}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}`
        : 'The run request is not valid.',
    );
  }
}
