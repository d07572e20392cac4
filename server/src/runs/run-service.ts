import type {
  CacheStore,
  CostBudget,
  ImageRateLimiter,
  NodeRunRecord,
  RetryPolicy,
  RunEvent,
} from '@atelier/engine';
import type { ApiPriority } from '@atelier/engine';
import { allBudgets, ApiGate, runWorkflow } from '@atelier/engine';
import type { ImageValue, MaskValue, Workflow } from '@atelier/graph';
import type { Issue, RecipeSource } from '@atelier/graph';
import type {
  ApiSettings,
  ModelCatalogue,
  ModelDefaults,
  NodeRegistry,
  ResponsesClient,
} from '@atelier/nodes';
import { registry as defaultRegistry, STATIC_CATALOGUE } from '@atelier/nodes';
import type { BlobStore } from '../blobs/blob-store';
import type { Db } from '../db/create-db';
import { newId } from '../db/ids';
import type { ActiveRun } from './active-run';
import { applyEvent, deliverWritten, emptyBatch } from './active-run';
import type { PreparedRun } from './prepare-run';
import { prepareRun, runError } from './prepare-run';
import { WorkflowRepo } from '../db/workflow-repo';
import { libraryRecipes } from '../recipes/library-recipes';
import { Boot, HEARTBEAT_MS } from './boot';
import type { RunEventRecord, RunInputs, RunRecord, RunStarter } from './run-record';
import { FINISHED_STATUSES } from './run-record';
import { RunStore } from './run-store';
import { DailyCap } from './daily-cap';

const budgetOption = (budget: CostBudget | undefined) => (budget ? { budget } : {});

export type { RunEventRecord, RunRecord } from './run-record';
export { RunValidationError } from './run-record';

export interface RunServiceDeps {
  db: Db;
  responses: ResponsesClient;
  providerKind: 'simulator' | 'openai';
  blobs: BlobStore;
  cache: CacheStore;
  models: ModelDefaults;
  /** The model catalogue runs are checked against (merged with the API's list); default: as shipped. */
  catalogue?: () => ModelCatalogue;
  /** Request settings (`store`, the web search location). */
  api?: ApiSettings;
  /** Images per minute per image model, shared by every run. */
  imageRate?: ImageRateLimiter;
  /** API calls in flight at once across every run and batch row of this process. */
  concurrency: number;
  /** USD all runs may spend per UTC day (ATELIER_DAILY_MAX_COST); unset: no daily cap. */
  dailyMaxCost?: number;
  idleTimeoutMs?: number;
  log?: (line: string) => void;
  /** Where recipe nodes' recipes come from (default: the workflow library of `db`). */
  recipes?: RecipeSource;
  /** Problems that must be seen (a failed database write, a failed listener); default: log. */
  warn?: (line: string) => void;
  /** Node catalogue (default: the registry of @atelier/nodes). */
  registry?: NodeRegistry;
  /** Rate-limit retry policy passed to the engine (tests shorten it). */
  retry?: Partial<RetryPolicy>;
  now?: () => number;
  /** What this process is, as recorded in `boots` (default 'server'). */
  processKind?: 'server' | 'cli' | 'test';
}

export interface StartRunRequest {
  workflow: unknown | Workflow;
  workflowId?: string;
  workflowVersion?: number;
  inputs?: Record<string, string | ImageValue | MaskValue>;
  target?: string;
  force?: string[];
  /** `share:<id>` for a run started through an app link (recorded with the run). */
  via?: string;
  /** A spending cap the run's API calls reserve from (a share link's, a batch's). */
  budget?: CostBudget;
  /** Batch rows wait behind runs people start (default interactive). */
  priority?: ApiPriority;
  /** Who started it (the request's actor; the CLI's solo person). */
  startedBy?: RunStarter;
}

export class RunService {
  private readonly store: RunStore;
  private readonly registry: NodeRegistry;
  private readonly recipes: RecipeSource;
  private readonly now: () => number;
  private readonly active = new Map<string, ActiveRun>();
  /** This process's boot id and lease: what its runs are recorded under (boot.ts). */
  readonly boot: Boot;
  private readonly sweep: NodeJS.Timeout;
  /** One set of API slots and one rate-limit pause for every run of this process. */
  private readonly gate: ApiGate;
  /** The server-wide daily cap, when configured. */
  readonly daily: DailyCap | undefined;

  constructor(private readonly deps: RunServiceDeps) {
    this.store = new RunStore(deps.db);
    this.boot = new Boot(deps.db, deps.processKind ?? 'server');
    // A process next to this one (a CLI run, another server) may die while this one lives:
    // its runs are marked interrupted within a heartbeat, not only at the next start.
    this.sweep = setInterval(() => {
      try {
        const count = this.markInterrupted();
        if (count > 0)
          deps.log?.(`${count} run(s) of a process that stopped were marked interrupted`);
      } catch {
        // The database is closing.
      }
    }, HEARTBEAT_MS).unref();
    this.registry = deps.registry ?? defaultRegistry;
    this.recipes = deps.recipes ?? libraryRecipes(new WorkflowRepo(deps.db));
    this.now = deps.now ?? Date.now;
    this.gate = new ApiGate(deps.concurrency);
    this.daily =
      deps.dailyMaxCost === undefined
        ? undefined
        : new DailyCap(deps.dailyMaxCost, (ms) => this.store.costSince(ms), this.now);
  }

  /**
   * Validates (throws RunValidationError), records the run, and starts it in the background.
   * Warnings (a model shutting down soon) come back with the id.
   */
  start(req: StartRunRequest): { id: string; warnings: Issue[] } {
    const prepared = prepareRun(
      req,
      this.registry,
      this.deps.blobs,
      {
        catalogue: this.deps.catalogue?.() ?? STATIC_CATALOGUE,
        defaults: this.deps.models,
        now: this.now(),
      },
      this.recipes,
    );
    const { workflow, nodeIds, warnings } = prepared;
    const id = newId('run');
    const force = req.force ?? [];
    const inputs: RunInputs = req.inputs ?? {};
    this.store.insert({
      id,
      workflowId: req.workflowId,
      workflowVersion: req.workflowVersion,
      workflow,
      recipes: prepared.recipes,
      inputs,
      target: req.target,
      force,
      provider: this.deps.providerKind,
      nodeIds,
      createdAt: this.now(),
      via: req.via,
      bootId: this.boot.id,
      ...(req.startedBy ? { startedBy: req.startedBy } : {}),
    });
    const run: ActiveRun = {
      controller: new AbortController(),
      listeners: new Set(),
      ends: new Set(),
      seq: 0,
      batch: emptyBatch(),
      flushScheduled: false,
      outbox: [],
      delivering: false,
      nodes: Object.create(null), // keyed by node id: "__proto__" must be an ordinary key
      done: Promise.resolve(),
    };
    for (const nodeId of nodeIds)
      run.nodes[nodeId] = { status: 'pending', cached: false, cost: 0, log: [] };
    this.active.set(id, run);
    run.done = this.execute(id, run, prepared, req);
    this.deps.log?.(`run ${id} started (${nodeIds.length} nodes, ${this.deps.providerKind})`);
    for (const warning of warnings) this.deps.log?.(`run ${id}: ${warning.message}`);
    return { id, warnings };
  }

  get(id: string): RunRecord | undefined {
    const run = this.active.get(id);
    if (run) this.flush(id, run);
    return this.store.get(id);
  }

  list(opts: { workflowId?: string; limit?: number; starred?: boolean } = {}): RunRecord[] {
    for (const [id, run] of this.active) this.flush(id, run);
    return this.store.list(opts);
  }

  subscribe(
    id: string,
    afterSeq: number,
    listener: (e: RunEventRecord) => void,
    onEnd?: () => void,
  ): () => void {
    // The last seq this listener was given: a live event it already had from the replay (one
    // written but still being delivered when it subscribed) is not given twice.
    let seen = afterSeq;
    const deliver = (record: RunEventRecord) => {
      seen = record.seq;
      try {
        listener(record);
      } catch (error) {
        this.warn(`run ${id}: a listener failed: ${(error as Error).message}`);
      }
    };
    // Flush, replay and attach in one synchronous step: no event can slip in between.
    const run = this.active.get(id);
    if (run) this.flush(id, run);
    for (const record of this.store.events(id, afterSeq)) deliver(record);
    if (!run) {
      onEnd?.();
      return () => {};
    }
    const live = (record: RunEventRecord) => {
      if (record.seq > seen) deliver(record);
    };
    const end = () => onEnd?.();
    run.listeners.add(live);
    run.ends.add(end);
    return () => {
      run.listeners.delete(live);
      run.ends.delete(end);
    };
  }

  cancel(id: string): boolean {
    const run = this.active.get(id);
    if (!run || run.controller.signal.aborted) return false;
    run.controller.abort();
    this.deps.log?.(`run ${id} cancelled`);
    return true;
  }

  async wait(id: string): Promise<RunRecord> {
    await this.active.get(id)?.done;
    const record = this.store.get(id);
    if (!record) throw new Error(`No run with id "${id}".`);
    return record;
  }

  /**
   * Marks interrupted the unfinished runs no process is running any more: those whose boot is
   * no longer alive (its lock was dropped by the kernel when it died, whatever the timing, or
   * its lease lapsed) or with no boot recorded (rows of an older build). A run of a live CLI
   * or server next to this one keeps its state. Returns how many it marked.
   */
  markInterrupted(): number {
    const alive = new Map<string, boolean>();
    const orphaned = this.store.unfinished(new Set(this.active.keys())).filter(({ bootId }) => {
      if (bootId === null) return true;
      let known = alive.get(bootId);
      if (known === undefined) alive.set(bootId, (known = this.boot.isAlive(bootId)));
      return !known;
    });
    const at = this.now();
    for (const { id } of orphaned) this.store.interrupt(id, at);
    return orphaned.length;
  }

  /**
   * Stops every run of this process because it is shutting down. They end `interrupted`, as
   * after a crash (nobody cancelled them): finished nodes stay cached and a rerun pays only
   * for the rest. The engine's cancellation events that follow are not recorded.
   */
  interruptAll(): number {
    const at = this.now();
    let count = 0;
    for (const [id, run] of this.active) {
      if (run.interrupted || run.controller.signal.aborted) continue;
      this.flush(id, run);
      run.interrupted = true;
      this.safely(id, () => this.store.interrupt(id, at));
      run.controller.abort();
      this.deps.log?.(`run ${id} interrupted (the server is stopping)`);
      count++;
    }
    return count;
  }

  /** The seq of the run's last recorded event (0 when it has none). */
  lastSeq(id: string): number {
    const run = this.active.get(id);
    if (run) this.flush(id, run);
    return this.store.lastSeq(id);
  }

  async close(): Promise<void> {
    await Promise.all([...this.active.values()].map((run) => run.done));
    clearInterval(this.sweep);
    this.boot.close();
  }

  private async execute(
    id: string,
    run: ActiveRun,
    prepared: PreparedRun,
    req: StartRunRequest,
  ): Promise<void> {
    // Let start() return (and a caller subscribe) before the first event.
    await Promise.resolve();
    try {
      await runWorkflow(
        {
          workflow: prepared.expanded,
          recipePorts: prepared.recipePorts,
          registry: this.registry,
          responses: this.deps.responses,
          blobs: this.deps.blobs,
          cache: this.deps.cache,
          models: this.deps.models,
          ...(this.deps.api ? { api: this.deps.api } : {}),
          ...(this.deps.imageRate ? { imageRate: this.deps.imageRate } : {}),
          gate: this.gate,
          ...(req.priority ? { priority: req.priority } : {}),
          signal: run.controller.signal,
          // Recording an event failed (a database write, a subscriber): said in the log.
          onListenerError: (error, event) =>
            this.deps.log?.(
              `run ${id}: handling ${event.type} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
            ),
          target: req.target,
          force: req.force,
          idleTimeoutMs: this.deps.idleTimeoutMs,
          retry: this.deps.retry,
          ...budgetOption(allBudgets(req.budget, this.daily)),
          now: this.deps.now,
        },
        (event) => this.onEvent(id, run, event),
      );
    } catch (error) {
      // The engine rejects only when a run cannot start, which prepare() ruled out; record it anyway.
      const message = error instanceof Error ? error.message : String(error);
      this.warn(`run ${id} could not run: ${message}`);
      this.safely(id, () =>
        this.store.finish(id, {
          status: 'failed',
          finishedAt: this.now(),
          error: { code: 'run_failed', message },
        }),
      );
    } finally {
      this.flush(id, run);
      this.active.delete(id);
      for (const end of run.ends) end();
    }
  }

  private onEvent(id: string, run: ActiveRun, event: RunEvent): void {
    if (run.interrupted) return;
    const seq = ++run.seq;
    run.batch.events.push({ seq, event });
    applyEvent(run, event);
    // Events are written in batches (one transaction per turn of the event loop): a big
    // cached rerun would otherwise pay a transaction per event. The end is written at once.
    // Watchers hear an event only after the write that holds it (flush): what a client has
    // seen survives a kill -9.
    if (event.type === 'run.completed') this.flush(id, run);
    else if (!run.flushScheduled) {
      run.flushScheduled = true;
      setImmediate(() => this.flush(id, run));
    }
  }

  private flush(id: string, run: ActiveRun): void {
    run.flushScheduled = false;
    const { batch } = run;
    if (batch.events.length === 0 && batch.nodes.size === 0) return;
    run.batch = emptyBatch();
    const completed = batch.events.find((e) => e.event.type === 'run.completed')?.event;
    const summary = completed?.type === 'run.completed' ? completed.summary : undefined;
    const runUpdate = summary
      ? {
          status: summary.status,
          usage: summary.usage,
          cost: summary.cost,
          saved: summary.saved,
          error: runError(summary) ?? null,
          startedAt: summary.startedAt,
          finishedAt: summary.finishedAt,
        }
      : batch.run;
    const nodes = [...batch.nodes].map(
      (nodeId) => [nodeId, run.nodes[nodeId]!] as [string, NodeRunRecord],
    );
    this.safely(id, () => this.store.write(id, batch.events, nodes, runUpdate));
    if (summary)
      this.deps.log?.(
        `run ${id} ${summary.status} in ${summary.finishedAt - summary.startedAt} ms, $${summary.cost}`,
      );
    // After the commit (a failed write is logged; watchers still hear the run go on).
    deliverWritten(run, id, batch.events);
  }

  private warn(line: string): void {
    (this.deps.warn ?? this.deps.log)?.(line);
  }

  /** A failed write must not stop the run or its watchers; it is logged. */
  private safely(id: string, write: () => void): void {
    try {
      write();
    } catch (error) {
      this.warn(`run ${id}: could not record: ${(error as Error).message}`);
    }
  }
}

export { FINISHED_STATUSES };
