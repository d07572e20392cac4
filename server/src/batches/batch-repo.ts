import type { Workflow } from '@atelier/graph';
import type { Db } from '../db';
import { newId } from '../db/ids';
import { roundUsd } from '@atelier/engine';
import type { RunStarter } from '../runs/run-record';
import type { BatchRecord, BatchRowRecord, BatchStatus, NewBatch, RowStatus } from './batch-record';

interface BatchRow {
  id: string;
  workflow_id: string | null;
  workflow_version: number | null;
  document: string;
  status: BatchStatus;
  max_cost: number | null;
  priority: number;
  position: number;
  estimated_cost: number;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
  started_by_id: string | null;
  started_by_name: string | null;
}

const starterOf = (row: BatchRow): { startedBy?: RunStarter } =>
  row.started_by_id === null
    ? {}
    : { startedBy: { id: row.started_by_id, name: row.started_by_name ?? row.started_by_id } };

interface Counts {
  total: number;
  succeeded: number;
  failed: number;
  running: number;
  queued: number;
  cancelled: number;
  cost: number;
  unfinishedEstimate: number;
}

const COUNTS = `SELECT count(*) AS total,
    coalesce(sum(status = 'succeeded'), 0) AS succeeded, coalesce(sum(status = 'failed'), 0) AS failed,
    coalesce(sum(status = 'running'), 0) AS running, coalesce(sum(status = 'queued'), 0) AS queued,
    coalesce(sum(status = 'cancelled'), 0) AS cancelled, coalesce(sum(cost), 0) AS cost,
    coalesce(sum(CASE WHEN status IN ('queued', 'running') THEN estimated_cost ELSE 0 END), 0)
      AS unfinishedEstimate
  FROM batch_rows WHERE batch_id = ?`;

/** Batches and their rows in SQLite (the rows are also the SqliteJobQueue's jobs). */
export class BatchRepo {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  create(batch: NewBatch): string {
    const { sqlite } = this.db;
    const id = newId('batch');
    const at = this.now();
    const insertRow = sqlite.prepare(
      `INSERT INTO batch_rows (batch_id, "index", inputs, status, estimated_cost, updated_at)
       VALUES (?, ?, ?, 'queued', ?, ?)`,
    );
    sqlite.transaction(() => {
      const { next } = sqlite
        .prepare<[], { next: number }>(`SELECT coalesce(max(position), 0) + 1 AS next FROM batches`)
        .get()!;
      sqlite
        .prepare(
          `INSERT INTO batches (id, workflow_id, workflow_version, document, status, max_cost,
             priority, position, estimated_cost, created_at, updated_at, started_by_id, started_by_name)
           VALUES (?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          id,
          batch.workflowId ?? null,
          batch.workflowVersion ?? null,
          JSON.stringify(batch.document),
          batch.maxCost ?? null,
          batch.priority ?? 0,
          next,
          batch.estimatedCost,
          at,
          at,
          batch.startedBy?.id ?? null,
          batch.startedBy?.name ?? null,
        );
      batch.rows.forEach((row, index) =>
        insertRow.run(id, index, JSON.stringify(row.inputs), row.estimatedCost, at),
      );
    })();
    return id;
  }

  document(id: string): {
    document: Workflow;
    workflowId?: string;
    workflowVersion?: number;
    startedBy?: RunStarter;
  } {
    const row = this.row(id);
    if (!row) throw new Error(`No batch with id "${id}".`);
    return {
      document: JSON.parse(row.document) as Workflow,
      ...starterOf(row),
      ...(row.workflow_id ? { workflowId: row.workflow_id } : {}),
      ...(row.workflow_version ? { workflowVersion: row.workflow_version } : {}),
    };
  }

  get(id: string): BatchRecord | undefined {
    const row = this.row(id);
    return row && this.record(row);
  }

  list(limit = 50): BatchRecord[] {
    return this.db.sqlite
      .prepare<[number], BatchRow>(`SELECT * FROM batches ORDER BY created_at DESC LIMIT ?`)
      .all(limit)
      .map((row) => this.record(row));
  }

  /** Unfinished batches in the order the queue serves them. */
  queue(): BatchRecord[] {
    return this.db.sqlite
      .prepare<[], BatchRow>(
        `SELECT * FROM batches WHERE status IN ('queued', 'running', 'paused', 'budget_reached')
         ORDER BY priority DESC, position ASC`,
      )
      .all()
      .map((row) => this.record(row));
  }

  rows(id: string, status?: RowStatus): BatchRowRecord[] {
    const rows = this.db.sqlite
      .prepare<
        unknown[],
        {
          index: number;
          inputs: string;
          status: RowStatus;
          run_id: string | null;
          cost: number;
          estimated_cost: number;
          attempts: number;
          error: string | null;
        }
      >(
        `SELECT "index", inputs, status, run_id, cost, estimated_cost, attempts, error
         FROM batch_rows WHERE batch_id = ? ${status ? 'AND status = ?' : ''} ORDER BY "index"`,
      )
      .all(...(status ? [id, status] : [id]));
    return rows.map((r) => ({
      index: r.index,
      inputs: JSON.parse(r.inputs) as BatchRowRecord['inputs'],
      status: r.status,
      ...(r.run_id ? { runId: r.run_id } : {}),
      cost: roundUsd(r.cost),
      estimatedCost: r.estimated_cost,
      attempts: r.attempts,
      ...(r.error ? { error: JSON.parse(r.error) as BatchRowRecord['error'] } : {}),
    }));
  }

  /** What the batch's rows have spent so far (for its budget). */
  spent(id: string): number {
    return roundUsd(this.counts(id).cost);
  }

  setStatus(id: string, status: BatchStatus, from?: readonly BatchStatus[]): boolean {
    const at = this.now();
    const finished = status === 'succeeded' || status === 'failed' || status === 'cancelled';
    const result = this.db.sqlite
      .prepare(
        `UPDATE batches SET status = ?, updated_at = ?, finished_at = ? WHERE id = ?
         ${from ? `AND status IN (${from.map(() => '?').join(', ')})` : ''}`,
      )
      .run(status, at, finished ? at : null, id, ...(from ?? []));
    return result.changes === 1;
  }

  update(id: string, changes: { maxCost?: number | null; priority?: number; position?: number }) {
    const sets: string[] = [];
    const values: unknown[] = [];
    const columns = { maxCost: 'max_cost', priority: 'priority', position: 'position' } as const;
    for (const [key, column] of Object.entries(columns)) {
      const value = changes[key as keyof typeof columns];
      if (value === undefined) continue;
      sets.push(`${column} = ?`);
      values.push(value);
    }
    if (sets.length === 0) return;
    this.db.sqlite
      .prepare(`UPDATE batches SET ${sets.join(', ')}, updated_at = ? WHERE id = ?`)
      .run(...values, this.now(), id);
  }

  /** Moves queued rows to `to` (cancel: cancelled). Returns how many. */
  setQueuedRows(id: string, to: RowStatus): number {
    return this.db.sqlite
      .prepare(
        `UPDATE batch_rows SET status = ?, updated_at = ? WHERE batch_id = ? AND status = 'queued'`,
      )
      .run(to, this.now(), id).changes;
  }

  /** Failed (and cancelled) rows back to the queue; returns how many. */
  requeueFailed(id: string): number {
    return this.db.sqlite
      .prepare(
        `UPDATE batch_rows SET status = 'queued', error = NULL, updated_at = ?
         WHERE batch_id = ? AND status IN ('failed', 'cancelled')`,
      )
      .run(this.now(), id).changes;
  }

  /** Run ids of the rows that are running now. */
  runningRuns(id: string): string[] {
    return this.db.sqlite
      .prepare<[string], { run_id: string }>(
        `SELECT run_id FROM batch_rows WHERE batch_id = ? AND status = 'running' AND run_id IS NOT NULL`,
      )
      .all(id)
      .map((r) => r.run_id);
  }

  /** Moves a batch to the front (position before every other) or behind `after`. */
  moveToFront(id: string): void {
    const { first } = this.db.sqlite
      .prepare<[], { first: number }>(`SELECT coalesce(min(position), 1) AS first FROM batches`)
      .get()!;
    this.update(id, { position: first - 1 });
  }

  counts(id: string): Counts {
    return this.db.sqlite.prepare<[string], Counts>(COUNTS).get(id)!;
  }

  private row(id: string): BatchRow | undefined {
    return this.db.sqlite.prepare<[string], BatchRow>(`SELECT * FROM batches WHERE id = ?`).get(id);
  }

  private record(row: BatchRow): BatchRecord {
    const counts = this.counts(row.id);
    const cost = roundUsd(counts.cost);
    const name = (JSON.parse(row.document) as { name?: string }).name ?? '';
    const record: BatchRecord = {
      id: row.id,
      ...(row.workflow_id ? { workflowId: row.workflow_id } : {}),
      ...(row.workflow_version ? { workflowVersion: row.workflow_version } : {}),
      name,
      status: row.status,
      total: counts.total,
      succeeded: counts.succeeded,
      failed: counts.failed,
      running: counts.running,
      queued: counts.queued,
      cancelled: counts.cancelled,
      cost,
      estimatedCost: row.estimated_cost,
      maxCost: row.max_cost,
      priority: row.priority,
      position: row.position,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      ...(row.finished_at ? { finishedAt: row.finished_at } : {}),
      ...starterOf(row),
    };
    if (row.status === 'budget_reached' && row.max_cost !== null)
      record.needed = roundUsd(Math.max(0, cost + counts.unfinishedEstimate - row.max_cost));
    return record;
  }
}
