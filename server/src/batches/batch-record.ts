import type { Workflow } from '@atelier/graph';
import type { RunInputs, RunStarter } from '../runs/run-record';

export type BatchStatus =
  'queued' | 'running' | 'paused' | 'budget_reached' | 'succeeded' | 'failed' | 'cancelled';

export type RowStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export const FINISHED_BATCH: ReadonlySet<BatchStatus> = new Set([
  'succeeded',
  'failed',
  'cancelled',
]);

/** A batch as served (GET /api/batches/:id). Costs in USD. */
export interface BatchRecord {
  id: string;
  workflowId?: string;
  workflowVersion?: number;
  name: string;
  status: BatchStatus;
  total: number;
  succeeded: number;
  failed: number;
  running: number;
  queued: number;
  cancelled: number;
  cost: number;
  estimatedCost: number;
  maxCost: number | null;
  /**
   * When `budget_reached`: about how much more (USD) the cap must allow for the unfinished
   * rows to finish (their preflight estimates, minus what the cap still leaves).
   */
  needed?: number;
  priority: number;
  position: number;
  createdAt: number;
  updatedAt: number;
  finishedAt?: number;
  startedBy?: RunStarter;
}

export interface BatchRowRecord {
  index: number;
  inputs: RunInputs;
  status: RowStatus;
  runId?: string;
  cost: number;
  estimatedCost: number;
  attempts: number;
  error?: { code: string; message: string; nodeId?: string };
}

export interface NewBatch {
  /** Who started it (the person, or the solo owner); its rows' runs say so too. */
  startedBy?: RunStarter;
  workflowId?: string;
  workflowVersion?: number;
  document: Workflow;
  rows: { inputs: RunInputs; estimatedCost: number }[];
  maxCost?: number;
  priority?: number;
  estimatedCost: number;
}
