import type { Db } from '../db';
import type { Admit, JobQueue, JobResult, QueueJob } from './job-queue';

interface RowRecord {
  batch_id: string;
  index: number;
  inputs: string;
  attempts: number;
  run_id: string | null;
  estimated_cost: number;
}

/**
 * The JobQueue on the server's SQLite file: rows of `batch_rows`. better-sqlite3 runs each
 * claim as one immediate transaction, so two processes on the same file (the server and the
 * CLI) never claim the same row.
 */
export class SqliteJobQueue implements JobQueue {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  claim(
    worker: string,
    leaseMs: number,
    batchId?: string,
    admit?: Admit,
  ): Promise<QueueJob | undefined> {
    const { sqlite } = this.db;
    // Each runnable batch's first queued row, in the order the queue serves batches.
    const firsts = sqlite.prepare<unknown[], { batch_id: string; index: number | null }>(
      `SELECT b.id AS batch_id,
              (SELECT min(r."index") FROM batch_rows r
                WHERE r.batch_id = b.id AND r.status = 'queued') AS "index"
         FROM batches b
        WHERE b.status IN ('queued', 'running') ${batchId === undefined ? '' : 'AND b.id = ?'}
        ORDER BY b.priority DESC, b.position ASC`,
    );
    const load = sqlite.prepare<[string, number], RowRecord>(
      `SELECT batch_id, "index", inputs, attempts, run_id, estimated_cost
         FROM batch_rows WHERE batch_id = ? AND "index" = ?`,
    );
    const take = sqlite.transaction((): QueueJob | undefined => {
      const candidates = batchId === undefined ? firsts.all() : firsts.all(batchId);
      let row: RowRecord | undefined;
      for (const candidate of candidates) {
        if (candidate.index === null) continue;
        const found = load.get(candidate.batch_id, candidate.index);
        if (found && (!admit || admit(found.batch_id, found.estimated_cost))) {
          row = found;
          break;
        }
      }
      if (!row) return undefined;
      const at = this.now();
      sqlite
        .prepare(
          `UPDATE batch_rows SET status = 'running', lease_owner = ?, lease_until = ?,
             attempts = attempts + 1, updated_at = ? WHERE batch_id = ? AND "index" = ?`,
        )
        .run(worker, at + leaseMs, at, row.batch_id, row.index);
      sqlite
        .prepare(
          `UPDATE batches SET status = 'running', updated_at = ? WHERE id = ? AND status = 'queued'`,
        )
        .run(at, row.batch_id);
      return {
        batchId: row.batch_id,
        index: row.index,
        inputs: JSON.parse(row.inputs) as QueueJob['inputs'],
        attempts: row.attempts,
        estimatedCost: row.estimated_cost,
        ...(row.run_id ? { previousRunId: row.run_id } : {}),
      };
    });
    return Promise.resolve(take.immediate());
  }

  renew(job: QueueJob, worker: string, leaseMs: number): Promise<boolean> {
    const at = this.now();
    const result = this.db.sqlite
      .prepare(
        `UPDATE batch_rows SET lease_until = ? WHERE batch_id = ? AND "index" = ?
           AND status = 'running' AND lease_owner = ?`,
      )
      .run(at + leaseMs, job.batchId, job.index, worker);
    return Promise.resolve(result.changes === 1);
  }

  attach(job: QueueJob, worker: string, runId: string): Promise<void> {
    this.db.sqlite
      .prepare(
        `UPDATE batch_rows SET run_id = ?, updated_at = ? WHERE batch_id = ? AND "index" = ?
           AND lease_owner = ?`,
      )
      .run(runId, this.now(), job.batchId, job.index, worker);
    return Promise.resolve();
  }

  complete(job: QueueJob, worker: string, result: JobResult): Promise<void> {
    this.db.sqlite
      .prepare(
        `UPDATE batch_rows SET status = ?, run_id = coalesce(?, run_id), cost = cost + ?,
           error = ?, lease_owner = NULL, lease_until = NULL, updated_at = ?
         WHERE batch_id = ? AND "index" = ? AND lease_owner = ?`,
      )
      .run(
        result.status,
        result.runId ?? null,
        result.cost,
        result.error ? JSON.stringify(result.error) : null,
        this.now(),
        job.batchId,
        job.index,
        worker,
      );
    return Promise.resolve();
  }

  release(job: QueueJob, worker: string, cost: number): Promise<void> {
    this.db.sqlite
      .prepare(
        `UPDATE batch_rows SET status = 'queued', cost = cost + ?, lease_owner = NULL,
           lease_until = NULL, updated_at = ?
         WHERE batch_id = ? AND "index" = ? AND lease_owner = ? AND status = 'running'`,
      )
      .run(cost, this.now(), job.batchId, job.index, worker);
    return Promise.resolve();
  }

  recover(alive: (worker: string) => boolean): Promise<number> {
    const { sqlite } = this.db;
    const at = this.now();
    const held = sqlite
      .prepare<
        [],
        { batch_id: string; index: number; lease_owner: string | null; lease_until: number | null }
      >(
        `SELECT batch_id, "index", lease_owner, lease_until FROM batch_rows WHERE status = 'running'`,
      )
      .all();
    const put = sqlite.prepare(
      `UPDATE batch_rows SET status = 'queued', lease_owner = NULL, lease_until = NULL,
         updated_at = ? WHERE batch_id = ? AND "index" = ? AND status = 'running'`,
    );
    let count = 0;
    sqlite.transaction(() => {
      for (const row of held) {
        const expired = row.lease_until === null || row.lease_until < at;
        if (expired || row.lease_owner === null || !alive(row.lease_owner)) {
          put.run(at, row.batch_id, row.index);
          count++;
        }
      }
    })();
    return Promise.resolve(count);
  }
}
