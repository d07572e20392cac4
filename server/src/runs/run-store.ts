import type { NodeRunRecord, RunEvent, RunStatus, RunSummary } from '@atelier/engine';
import type { Workflow } from '@atelier/graph';
import { and, asc, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/create-db';
import { runEvents, runNodes, runs } from '../db/schema';
import type { RunEventRecord, RunInputs, RunRecord } from './run-record';
import { emptyUsage } from './run-record';

export interface NewRun {
  id: string;
  workflowId?: string;
  workflowVersion?: number;
  workflow: Workflow;
  inputs: RunInputs;
  target?: string;
  force: string[];
  provider: 'simulator' | 'openai';
  nodeIds: string[];
  createdAt: number;
}

type RunRow = typeof runs.$inferSelect;
type NodeRow = typeof runNodes.$inferSelect;

const nodeValues = (runId: string, nodeId: string, node: NodeRunRecord) => ({
  runId,
  nodeId,
  status: node.status,
  cached: node.cached,
  outputs: node.outputs ?? null,
  error: node.error ?? null,
  usage: node.usage ?? null,
  cost: node.cost,
  startedAt: node.startedAt ?? null,
  finishedAt: node.finishedAt ?? null,
  log: node.log,
});

const toNode = (row: NodeRow): NodeRunRecord => {
  const node: NodeRunRecord = {
    status: row.status as NodeRunRecord['status'],
    cached: row.cached,
    cost: row.cost,
    log: row.log as string[],
  };
  if (row.outputs) node.outputs = row.outputs as NodeRunRecord['outputs'];
  if (row.error) node.error = row.error as NodeRunRecord['error'];
  if (row.usage) node.usage = row.usage as NodeRunRecord['usage'];
  if (row.startedAt !== null) node.startedAt = row.startedAt;
  if (row.finishedAt !== null) node.finishedAt = row.finishedAt;
  return node;
};

const toRecord = (row: RunRow, nodes: Record<string, NodeRunRecord>): RunRecord => {
  const record: RunRecord = {
    id: row.id,
    status: row.status as RunStatus,
    provider: row.provider as RunRecord['provider'],
    inputs: row.inputs as RunInputs,
    force: row.force as string[],
    nodes,
    usage: (row.usage as RunSummary['usage'] | null) ?? emptyUsage(),
    cost: row.cost,
    saved: (row.saved as RunSummary['saved'] | null) ?? { nodes: 0, cost: 0 },
    createdAt: row.createdAt,
    workflow: row.document as Workflow,
  };
  if (row.workflowId !== null) record.workflowId = row.workflowId;
  if (row.workflowVersion !== null) record.workflowVersion = row.workflowVersion;
  if (row.target !== null) record.target = row.target;
  if (row.error) record.error = row.error as RunRecord['error'];
  if (row.startedAt !== null) record.startedAt = row.startedAt;
  if (row.finishedAt !== null) record.finishedAt = row.finishedAt;
  if (row.startedAt !== null && row.finishedAt !== null)
    record.durationMs = row.finishedAt - row.startedAt;
  return record;
};

/** Reads and writes runs, their nodes and their events; every multi-row write is one transaction. */
export class RunStore {
  private readonly selectEvents;

  constructor(private readonly db: Db) {
    this.selectEvents = db.orm
      .select({ seq: runEvents.seq, payload: runEvents.payload })
      .from(runEvents)
      .where(
        and(
          eq(runEvents.runId, sql.placeholder('runId')),
          gt(runEvents.seq, sql.placeholder('after')),
        ),
      )
      .orderBy(asc(runEvents.seq))
      .prepare();
  }

  /** The run and one pending row per planned node, together or not at all. */
  insert(run: NewRun): void {
    this.db.orm.transaction((tx) => {
      tx.insert(runs)
        .values({
          id: run.id,
          workflowId: run.workflowId ?? null,
          workflowVersion: run.workflowVersion ?? null,
          document: run.workflow,
          inputs: run.inputs,
          target: run.target ?? null,
          force: run.force,
          status: 'queued',
          provider: run.provider,
          usage: emptyUsage(),
          cost: 0,
          saved: { nodes: 0, cost: 0 },
          createdAt: run.createdAt,
        })
        .run();
      for (const nodeId of run.nodeIds)
        tx.insert(runNodes)
          .values(
            nodeValues(run.id, nodeId, { status: 'pending', cached: false, cost: 0, log: [] }),
          )
          .run();
    });
  }

  /**
   * Persists one event with its seq and the state it changes (the run's status and
   * totals, a node's record), atomically: a watcher never sees an event without its effect.
   */
  record(
    runId: string,
    seq: number,
    event: RunEvent,
    node?: { id: string; record: NodeRunRecord },
    run?: Partial<typeof runs.$inferInsert>,
  ): void {
    this.db.orm.transaction((tx) => {
      tx.insert(runEvents)
        .values({ runId, seq, type: event.type, payload: event, at: event.at })
        .run();
      if (node) {
        const values = nodeValues(runId, node.id, node.record);
        tx.insert(runNodes)
          .values(values)
          .onConflictDoUpdate({ target: [runNodes.runId, runNodes.nodeId], set: values })
          .run();
      }
      if (run) tx.update(runs).set(run).where(eq(runs.id, runId)).run();
    });
  }

  /** The final state of a run: its row and every node record of the summary. */
  finish(runId: string, run: Partial<typeof runs.$inferInsert>, nodes?: RunSummary['nodes']): void {
    this.db.orm.transaction((tx) => {
      for (const [nodeId, record] of Object.entries(nodes ?? {})) {
        const values = nodeValues(runId, nodeId, record);
        tx.insert(runNodes)
          .values(values)
          .onConflictDoUpdate({ target: [runNodes.runId, runNodes.nodeId], set: values })
          .run();
      }
      tx.update(runs).set(run).where(eq(runs.id, runId)).run();
    });
  }

  get(id: string): RunRecord | undefined {
    const row = this.db.orm.select().from(runs).where(eq(runs.id, id)).get();
    if (!row) return undefined;
    return toRecord(row, this.nodesOf([id]).get(id) ?? {});
  }

  /** Newest first. */
  list(opts: { workflowId?: string; limit?: number } = {}): RunRecord[] {
    const rows = this.db.orm
      .select()
      .from(runs)
      .where(opts.workflowId === undefined ? undefined : eq(runs.workflowId, opts.workflowId))
      .orderBy(desc(runs.createdAt), desc(sql`rowid`))
      .limit(opts.limit ?? 50)
      .all();
    const nodes = this.nodesOf(rows.map((row) => row.id));
    return rows.map((row) => toRecord(row, nodes.get(row.id) ?? {}));
  }

  events(runId: string, afterSeq: number): RunEventRecord[] {
    return this.selectEvents
      .all({ runId, after: afterSeq })
      .map((row) => ({ seq: row.seq, runId, event: row.payload as RunEvent }));
  }

  lastSeq(runId: string): number {
    const row = this.db.sqlite
      .prepare('select max(seq) as seq from run_events where run_id = ?')
      .get(runId) as { seq: number | null };
    return row.seq ?? 0;
  }

  /** Runs left queued or running (by a process that stopped), excluding `live` ones. */
  unfinished(live: ReadonlySet<string>): string[] {
    return this.db.orm
      .select({ id: runs.id })
      .from(runs)
      .where(inArray(runs.status, ['queued', 'running']))
      .all()
      .map((row) => row.id)
      .filter((id) => !live.has(id));
  }

  /** Marks a run interrupted and its unfinished nodes cancelled, in one transaction. */
  interrupt(runId: string, at: number): void {
    this.db.orm.transaction((tx) => {
      tx.update(runNodes)
        .set({
          status: 'cancelled',
          finishedAt: at,
          error: {
            code: 'interrupted',
            message: 'The server stopped before this node finished; run the workflow again.',
          },
        })
        .where(and(eq(runNodes.runId, runId), inArray(runNodes.status, ['pending', 'running'])))
        .run();
      tx.update(runs)
        .set({
          status: 'interrupted',
          finishedAt: at,
          error: {
            code: 'interrupted',
            message: 'The server stopped while this run was in progress; run it again.',
          },
        })
        .where(eq(runs.id, runId))
        .run();
    });
  }

  private nodesOf(runIds: string[]): Map<string, Record<string, NodeRunRecord>> {
    const byRun = new Map<string, Record<string, NodeRunRecord>>();
    if (runIds.length === 0) return byRun;
    const rows = this.db.orm
      .select()
      .from(runNodes)
      .where(inArray(runNodes.runId, runIds))
      .orderBy(sql`rowid`)
      .all();
    for (const row of rows) {
      let nodes = byRun.get(row.runId);
      if (!nodes) byRun.set(row.runId, (nodes = {}));
      nodes[row.nodeId] = toNode(row);
    }
    return byRun;
  }
}
