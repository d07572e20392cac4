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
}

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
   * the claim to one batch (the CLI works only on its own).
   */
  claim(worker: string, leaseMs: number, batchId?: string): Promise<QueueJob | undefined>;
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
