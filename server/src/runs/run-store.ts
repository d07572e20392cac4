import type { NodeRunRecord, RunEvent, RunStatus, RunSummary } from '@atelier/engine';
import type { ResolvedRecipeNode, Workflow } from '@atelier/graph';
import { namedOutputValues } from '@atelier/graph';
import { and, asc, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/create-db';
import { runEvents, runNodes, runs } from '../db/schema';
import { readStoredWorkflow } from '../db/stored-workflow';
import { ProvenanceRecorder } from './provenance-recorder';
import type { RunEventRecord, RunInputs, RunRecord, RunStarter } from './run-record';
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
  /** The boot id of the process that runs it (runs/boot.ts); none for a run recorded finished. */
  bootId?: string;
  /** `share:<id>` for a run started through an app link. */
  via?: string;
  /** Who started it (the request's actor). */
  startedBy?: RunStarter;
  /** What each recipe node resolved to. */
  recipes?: Record<string, ResolvedRecipeNode>;
}

type RunRow = typeof runs.$inferSelect;
const json = (value: unknown) =>
  value === null || value === undefined ? null : JSON.stringify(value);
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
  const workflow = readStoredWorkflow(row.document, `the document of run ${row.id}`);
  const record: RunRecord = {
    id: row.id,
    status: row.status as RunStatus,
    provider: row.provider as RunRecord['provider'],
    inputs: row.inputs as RunInputs,
    force: row.force as string[],
    nodes,
    outputs: namedOutputValues(workflow, nodes),
    usage: (row.usage as RunSummary['usage'] | null) ?? emptyUsage(),
    cost: row.cost,
    saved: (row.saved as RunSummary['saved'] | null) ?? { nodes: 0, cost: 0 },
    createdAt: row.createdAt,
    workflow,
  };
  if (row.workflowId !== null) record.workflowId = row.workflowId;
  if (row.workflowVersion !== null) record.workflowVersion = row.workflowVersion;
  if (row.target !== null) record.target = row.target;
  if (row.via !== null) record.via = row.via;
  if (row.startedById !== null)
    record.startedBy = { id: row.startedById, name: row.startedByName ?? row.startedById };
  if (row.error) record.error = row.error as RunRecord['error'];
  if (row.recipes) record.recipes = row.recipes as RunRecord['recipes'];
  if (row.startedAt !== null) record.startedAt = row.startedAt;
  if (row.finishedAt !== null) record.finishedAt = row.finishedAt;
  if (row.startedAt !== null && row.finishedAt !== null)
    record.durationMs = row.finishedAt - row.startedAt;
  return record;
};

/** Reads and writes runs, their nodes and their events; every multi-row write is one transaction. */
export class RunStore {
  private readonly selectEvents;

  // The two statements of every event, hand-written and prepared once: they are the
  // hot path of a large cached rerun (columns as in schema.ts).
  private readonly insertEvent;
  private readonly upsertNode;
  private readonly provenance: ProvenanceRecorder;

  constructor(private readonly db: Db) {
    this.provenance = new ProvenanceRecorder(db);
    this.insertEvent = db.sqlite.prepare(
      'insert into run_events (run_id, seq, type, payload, at) values (?, ?, ?, ?, ?)',
    );
    this.upsertNode = db.sqlite.prepare(
      `insert into run_nodes (run_id, node_id, status, cached, outputs, error, usage, cost, started_at, finished_at, log)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (run_id, node_id) do update set status = excluded.status, cached = excluded.cached,
         outputs = excluded.outputs, error = excluded.error, usage = excluded.usage, cost = excluded.cost,
         started_at = excluded.started_at, finished_at = excluded.finished_at, log = excluded.log`,
    );
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
          owner: process.pid, // for people reading the table; bootId decides
          bootId: run.bootId ?? null,
          via: run.via ?? null,
          startedById: run.startedBy?.id ?? null,
          startedByName: run.startedBy?.name ?? null,
          // A plain object: drizzle cannot take one without a prototype.
          recipes: run.recipes && Object.keys(run.recipes).length > 0 ? { ...run.recipes } : null,
        })
        .run();
      const pending = JSON.stringify([]);
      for (const nodeId of run.nodeIds)
        this.upsertNode.run(run.id, nodeId, 'pending', 0, null, null, null, 0, null, null, pending);
    });
  }

  /**
   * Persists a batch of a run's events with the state they changed (node records, the
   * run's row) in one transaction: a reader never sees an event without its effect.
   */
  write(
    runId: string,
    events: readonly { seq: number; event: RunEvent }[],
    nodes: readonly [string, NodeRunRecord][],
    run?: Partial<typeof runs.$inferInsert>,
  ): void {
    this.db.sqlite.transaction(() => {
      for (const { seq, event } of events)
        this.insertEvent.run(runId, seq, event.type, JSON.stringify(event), event.at);
      for (const [nodeId, node] of nodes) {
        const v = nodeValues(runId, nodeId, node);
        this.upsertNode.run(
          v.runId,
          v.nodeId,
          v.status,
          v.cached ? 1 : 0,
          json(v.outputs),
          json(v.error),
          json(v.usage),
          v.cost,
          v.startedAt,
          v.finishedAt,
          JSON.stringify(v.log),
        );
        this.provenance.record(runId, nodeId, node);
      }
      if (run && Object.keys(run).length > 0)
        this.db.orm.update(runs).set(run).where(eq(runs.id, runId)).run();
    })();
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
        this.provenance.record(runId, nodeId, record);
      }
      tx.update(runs).set(run).where(eq(runs.id, runId)).run();
    });
  }

  get(id: string): RunRecord | undefined {
    const row = this.db.orm.select().from(runs).where(eq(runs.id, id)).get();
    if (!row) return undefined;
    return toRecord(row, this.nodesOf([id]).get(id) ?? Object.create(null));
  }

  /** Newest first. */
  list(opts: { workflowId?: string; limit?: number; starred?: boolean } = {}): RunRecord[] {
    const rows = this.db.orm
      .select()
      .from(runs)
      .where(
        and(
          opts.workflowId === undefined ? undefined : eq(runs.workflowId, opts.workflowId),
          // Runs with a starred output (server/src/review).
          opts.starred
            ? sql`exists (select 1 from stars where stars.run_id = ${runs.id})`
            : undefined,
        ),
      )
      .orderBy(desc(runs.createdAt), desc(sql`rowid`))
      .limit(opts.limit ?? 50)
      .all();
    const nodes = this.nodesOf(rows.map((row) => row.id));
    return rows.map((row) => toRecord(row, nodes.get(row.id) ?? Object.create(null)));
  }

  events(runId: string, afterSeq: number): RunEventRecord[] {
    return this.selectEvents
      .all({ runId, after: afterSeq })
      .map((row) => ({ seq: row.seq, runId, event: row.payload as RunEvent }));
  }

  /** USD recorded by runs created at or after `ms` (what the daily cap starts a day from). */
  costSince(ms: number): number {
    const row = this.db.sqlite
      .prepare('select coalesce(sum(cost), 0) as usd from runs where created_at >= ?')
      .get(ms) as { usd: number };
    return row.usd;
  }

  lastSeq(runId: string): number {
    const row = this.db.sqlite
      .prepare('select max(seq) as seq from run_events where run_id = ?')
      .get(runId) as { seq: number | null };
    return row.seq ?? 0;
  }

  /** Runs recorded as queued or running, excluding `live` ones, with the boot that owns each. */
  unfinished(live: ReadonlySet<string>): { id: string; bootId: string | null }[] {
    return this.db.orm
      .select({ id: runs.id, bootId: runs.bootId })
      .from(runs)
      .where(inArray(runs.status, ['queued', 'running']))
      .all()
      .filter((row) => !live.has(row.id));
  }

  /** Marks a run interrupted and its unfinished nodes cancelled, in one transaction. */
  interrupt(runId: string, at: number): void {
    this.db.orm.transaction((tx) => {
      // A run that ended meanwhile keeps its final status.
      const row = tx.select({ status: runs.status }).from(runs).where(eq(runs.id, runId)).get();
      if (row?.status !== 'queued' && row?.status !== 'running') return;
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
      // No prototype: a node id like "__proto__" is an ordinary key.
      if (!nodes)
        byRun.set(row.runId, (nodes = Object.create(null) as Record<string, NodeRunRecord>));
      nodes[row.nodeId] = toNode(row);
    }
    return byRun;
  }
}
