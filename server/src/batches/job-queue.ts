import type { RunInputs } from '../runs/run-record';

/** A claimed row of a batch: the queue's unit of work. */
export interface QueueJob {
  batchId: string;
  index: number;
  inputs: RunInputs;
  /** Times the row was claimed before (a retry, or a restart after a crash). */
  attempts: number;
  /** The run of the previous attempt, if any (its finished nodes are cached). */
  previousRunId?: string;
  /** The row's preflight estimate (USD): what it holds of its batch's cap while in flight. */
  estimatedCost: number;
}

/**
 * Asked (synchronously, inside the claim) whether a batch's next row may start now; false
 * leaves that batch's rows queued for this claim and moves on to the next batch.
 */
export type Admit = (batchId: string, estimatedCost: number) => boolean;

export interface JobResult {
  status: 'succeeded' | 'failed' | 'cancelled';
  runId?: string;
  /** What this attempt spent (added to the row's cost). */
  cost: number;
  error?: { code: string; message: string; nodeId?: string };
}

/**
 * The durable queue of batch rows. The server talks to it only through this interface, so a
 * second implementation can sit on a distributed job queue (PostgreSQL with pg-boss, see the
 * server README): every method is async, a claim holds a lease the worker renews, and a row
 * whose worker died or whose lease ran out is claimed again. Idempotency comes from the
 * engine's cache keys: a row claimed twice pays only for nodes not cached yet.
 */
export interface JobQueue {
  /**
   * The next queued row of a runnable batch (status queued or running), highest priority
   * first, then by position, then by row; leased to `worker` for `leaseMs`. `batchId` limits
   * the claim to one batch (the CLI works only on its own). `admit` may hold a batch back
   * (its cap has no room for the row yet): the claim then serves the next batch.
   */
  claim(
    worker: string,
    leaseMs: number,
    batchId?: string,
    admit?: Admit,
  ): Promise<QueueJob | undefined>;
  /** Extends the lease of a row the worker still holds; false when it lost it. */
  renew(job: QueueJob, worker: string, leaseMs: number): Promise<boolean>;
  /** Records the run that works on the claimed row. */
  attach(job: QueueJob, worker: string, runId: string): Promise<void>;
  /** The row finished (or failed) for good. */
  complete(job: QueueJob, worker: string, result: JobResult): Promise<void>;
  /** Gives the row back to the queue (paused, over budget, shutting down), keeping its cost. */
  release(job: QueueJob, worker: string, cost: number): Promise<void>;
  /**
   * Puts back rows whose lease ran out or whose worker is gone (`alive` says whether a
   * worker id still runs). Returns how many.
   */
  recover(alive: (worker: string) => boolean): Promise<number>;
}
