import { roundUsd, SpendingCap } from '@atelier/engine';
import type { Workflow } from '@atelier/graph';
import type { RunInputs, RunRecord, RunStarter } from '../runs/run-record';
import { RunValidationError } from '../runs/run-record';
import type { RunService } from '../runs/run-service';
import type { BatchRecord, BatchRowRecord, BatchStatus } from './batch-record';
import { FINISHED_BATCH } from './batch-record';
import type { EventCursor } from './batch-event-log';
import { BatchEventLog } from './batch-event-log';
import type { BatchRepo } from './batch-repo';
import type { JobQueue, QueueJob } from './job-queue';
import { RowBudget } from './row-budget';
import type { Preflight, PreflightDeps, RowProblem } from './preflight';
import { preflight } from './preflight';

export const MAX_BATCH_ROWS = 10_000;

/** Rows that cannot run: nothing was queued. */
export class BatchValidationError extends Error {
  constructor(readonly problems: RowProblem[]) {
    super(
      `${problems.length} problem(s) in the rows, first: row ${problems[0]?.row}` +
        `${problems[0]?.column ? `, column "${problems[0].column}"` : ''}: ${problems[0]?.message}`,
    );
    this.name = 'BatchValidationError';
  }
}

export type BatchEvent =
  { type: 'batch.updated'; batch: BatchRecord } | { type: 'row.completed'; row: BatchRowRecord };

/** An event with its SSE id (`<epoch>-<seq>`, see BatchEventLog). */
export interface NumberedBatchEvent {
  id: string;
  event: BatchEvent;
}

export interface BatchServiceDeps {
  repo: BatchRepo;
  queue: JobQueue;
  runs: RunService;
  preflight: PreflightDeps;
  /** Rows running at once (each a run with the engine's own API slots). */
  slots?: number;
  leaseMs?: number;
  /** How often the queue is looked at for work (rows put back, other processes' batches). */
  pollMs?: number;
  log?: (line: string) => void;
  /** Problems that must be seen (a row that could not be recorded); default: log. */
  warn?: (line: string) => void;
}

export interface CreateBatchRequest {
  document: Workflow;
  startedBy?: RunStarter;
  workflowId?: string;
  workflowVersion?: number;
  rows: RunInputs[];
  maxCost?: number;
  priority?: number;
}

const UNFINISHED: BatchStatus[] = ['queued', 'running', 'paused', 'budget_reached'];

/**
 * Batches over the durable queue: preflight and creation, a worker loop that claims rows and
 * runs each as an ordinary run (so every row is in the run history and its nodes in the
 * cache), a spending cap per batch shared by its rows in flight, and the controls.
 */
export class BatchService {
  /** The worker id: this process's boot id (its runs are recorded under it too; boot.ts). */
  readonly worker: string;
  private readonly caps = new Map<string, SpendingCap>();
  private readonly listeners = new Map<string, Set<(event: BatchEvent, id: string) => void>>();
  /** Numbers every event and keeps row completions for Last-Event-ID replay. */
  private readonly events: BatchEventLog;
  private readonly inFlight = new Set<Promise<void>>();
  /** Rows of each batch this process runs now. */
  private readonly rowsInFlight = new Map<string, number>();
  /** Batches whose row was refused by the cap mid-run: no claim until a row in flight ends. */
  private readonly waiting = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private pumping = false;
  private stopped = true;
  private only: string | undefined;
  private lastRecover = 0;

  constructor(private readonly deps: BatchServiceDeps) {
    this.worker = deps.runs.boot.id;
    this.events = new BatchEventLog(
      this.worker
        .replace(/[^0-9a-z]/gi, '')
        .slice(0, 12)
        .toLowerCase(),
    );
  }

  preview(document: Workflow, rows: RunInputs[]): Promise<Preflight> {
    return preflight(document, rows, this.deps.preflight);
  }

  /** Validates every row (BatchValidationError lists the problems) and queues the batch. */
  async create(req: CreateBatchRequest): Promise<{ id: string; preflight: Preflight }> {
    const checked = await this.preview(req.document, req.rows);
    if (checked.problems.length > 0) throw new BatchValidationError(checked.problems);
    const id = this.deps.repo.create({
      document: req.document,
      ...(req.startedBy ? { startedBy: req.startedBy } : {}),
      ...(req.workflowId ? { workflowId: req.workflowId } : {}),
      ...(req.workflowVersion ? { workflowVersion: req.workflowVersion } : {}),
      rows: req.rows.map((inputs, i) => ({
        inputs,
        estimatedCost: checked.perRow[i]!.estimatedCost,
      })),
      ...(req.maxCost !== undefined ? { maxCost: req.maxCost } : {}),
      ...(req.priority !== undefined ? { priority: req.priority } : {}),
      estimatedCost: checked.estimatedCost,
    });
    this.deps.log?.(
      `batch ${id} queued: ${req.rows.length} rows, ${checked.calls} calls, ~$${checked.estimatedCost}`,
    );
    this.pump();
    return { id, preflight: checked };
  }

  /**
   * Starts the worker: rows a dead process held go back to the queue, then work goes on by
   * itself. `only` limits this worker to one batch (the CLI).
   */
  async start(options: { only?: string } = {}): Promise<number> {
    this.stopped = false;
    this.only = options.only;
    const recovered = await this.recover();
    this.timer = setInterval(() => this.tick(), this.deps.pollMs ?? 1000);
    this.timer.unref();
    this.pump();
    return recovered;
  }

  /** Claims nothing more; rows in flight end when their runs do (see RunService.interruptAll). */
  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
  }

  /** Waits for the rows in flight. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  get(id: string): BatchRecord | undefined {
    return this.deps.repo.get(id);
  }

  list(limit?: number): BatchRecord[] {
    return this.deps.repo.list(limit);
  }

  queue(): BatchRecord[] {
    return this.deps.repo.queue();
  }

  rows(id: string, status?: BatchRowRecord['status']): BatchRowRecord[] {
    return this.deps.repo.rows(id, status);
  }

  /**
   * What a client connecting now is owed, to be sent before the live events (call it in the
   * same tick as `subscribe`, so nothing falls between): the row completions after `cursor`
   * (every finished row when this process cannot tell which the client missed: it restarted,
   * or dropped them), then the batch as it is now. Undefined for an unknown batch.
   */
  catchUp(id: string, cursor?: EventCursor): NumberedBatchEvent[] | undefined {
    const batch = this.deps.repo.get(id);
    if (!batch) return undefined;
    const out: NumberedBatchEvent[] = [];
    if (cursor) {
      const logged = this.events.rowsAfter(id, cursor);
      if (logged)
        for (const { seq, row } of logged)
          out.push({ id: this.events.idOf(seq), event: { type: 'row.completed', row } });
      else {
        const at = this.events.idOf(this.events.current);
        for (const row of this.deps.repo.rows(id))
          if (row.status !== 'queued' && row.status !== 'running')
            out.push({ id: at, event: { type: 'row.completed', row } });
      }
    }
    out.push({
      id: this.events.idOf(this.events.record(id)),
      event: { type: 'batch.updated', batch },
    });
    return out;
  }

  /** Whether a client at `cursor` has seen everything of a batch that has finished. */
  seenToTheEnd(id: string, cursor: EventCursor): boolean {
    const batch = this.deps.repo.get(id);
    return !!batch && FINISHED_BATCH.has(batch.status) && this.events.upToDate(id, cursor);
  }

  subscribe(id: string, listener: (event: BatchEvent, eventId: string) => void): () => void {
    let set = this.listeners.get(id);
    if (!set) this.listeners.set(id, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(id);
    };
  }

  /**
   * Stops the batch now: no row is claimed, and rows running are stopped and go back to the
   * queue (their finished nodes are cached, so resuming pays only for the rest).
   */
  pause(id: string): boolean {
    const ok = this.transition(id, 'paused', ['queued', 'running', 'budget_reached']);
    if (ok) for (const runId of this.deps.repo.runningRuns(id)) this.deps.runs.cancel(runId);
    return ok;
  }

  resume(id: string): boolean {
    const ok = this.transition(id, 'queued', ['paused', 'budget_reached']);
    if (ok) this.pump();
    return ok;
  }

  cancel(id: string): boolean {
    if (!this.deps.repo.setStatus(id, 'cancelled', UNFINISHED)) return false;
    this.deps.repo.setQueuedRows(id, 'cancelled');
    for (const runId of this.deps.repo.runningRuns(id)) this.deps.runs.cancel(runId);
    this.emit(id);
    return true;
  }

  /** Failed and cancelled rows go back to the queue; returns how many. */
  retry(id: string): number {
    const count = this.deps.repo.requeueFailed(id);
    if (count > 0) {
      this.deps.repo.setStatus(id, 'queued');
      this.emit(id);
      this.pump();
    }
    return count;
  }

  update(id: string, changes: { maxCost?: number | null; priority?: number; front?: boolean }) {
    const { front, ...rest } = changes;
    this.deps.repo.update(id, rest);
    if (front) this.deps.repo.moveToFront(id);
    const cap = this.caps.get(id);
    if (cap && changes.maxCost !== undefined) cap.maxCost = changes.maxCost ?? undefined;
    // A raised (or removed) cap lets a batch that stopped at it go on.
    if (changes.maxCost !== undefined) this.transition(id, 'queued', ['budget_reached']);
    this.emit(id);
    this.pump();
  }

  private transition(id: string, to: BatchStatus, from: BatchStatus[]): boolean {
    const ok = this.deps.repo.setStatus(id, to, from);
    if (ok) this.emit(id);
    return ok;
  }

  private tick(): void {
    if (Date.now() - this.lastRecover > (this.deps.leaseMs ?? 60_000) / 2) void this.recover();
    this.pump();
  }

  private async recover(): Promise<number> {
    this.lastRecover = Date.now();
    // The boot's lock file answers at once whether a worker died (kill -9 included).
    const count = await this.deps.queue.recover((worker) => this.deps.runs.boot.isAlive(worker));
    if (count > 0) this.deps.log?.(`batches: ${count} interrupted row(s) back in the queue`);
    return count;
  }

  /** Claims rows while slots are free. */
  private pump(): void {
    if (this.stopped || this.pumping) return;
    this.pumping = true;
    void (async () => {
      try {
        while (!this.stopped && this.inFlight.size < (this.deps.slots ?? 4)) {
          const held = new Set<string>();
          // A row starts only when its estimate fits beside what the batch spent and what its
          // rows in flight hold; otherwise its batch waits for them (or stops at the cap).
          const admit = (batchId: string, estimate: number): boolean => {
            if (!this.waiting.has(batchId) && this.capFor(batchId).reserve(estimate)) return true;
            held.add(batchId);
            return false;
          };
          const job = await this.deps.queue.claim(
            this.worker,
            this.deps.leaseMs ?? 60_000,
            this.only,
            admit,
          );
          for (const batchId of held) this.stopAtCap(batchId);
          if (!job) break;
          this.rowsInFlight.set(job.batchId, (this.rowsInFlight.get(job.batchId) ?? 0) + 1);
          const running: Promise<void> = this.runJob(job)
            .catch((error: unknown) =>
              (this.deps.warn ?? this.deps.log)?.(
                `batch ${job.batchId} row ${job.index}: ${error instanceof Error ? error.message : String(error)}`,
              ),
            )
            .finally(() => {
              this.inFlight.delete(running);
              const left = (this.rowsInFlight.get(job.batchId) ?? 1) - 1;
              if (left > 0) this.rowsInFlight.set(job.batchId, left);
              else this.rowsInFlight.delete(job.batchId);
              this.pump();
            });
          this.inFlight.add(running);
        }
      } finally {
        this.pumping = false;
      }
    })();
  }

  /**
   * A batch whose next row does not fit its cap stops there once no other row of it is in
   * flight here (`own`: the caller's row, still counted).
   */
  private stopAtCap(batchId: string, own = 0): void {
    if ((this.rowsInFlight.get(batchId) ?? 0) - own > 0) return;
    this.waiting.delete(batchId);
    if (!this.deps.repo.setStatus(batchId, 'budget_reached', ['queued', 'running'])) return;
    this.deps.log?.(`batch ${batchId} stopped at its cap ($${this.capFor(batchId).maxCost})`);
    this.emit(batchId);
  }

  private capFor(batchId: string): SpendingCap {
    let cap = this.caps.get(batchId);
    if (!cap) {
      const batch = this.deps.repo.get(batchId);
      cap = new SpendingCap(batch?.maxCost ?? undefined, this.deps.repo.spent(batchId));
      this.caps.set(batchId, cap);
    }
    return cap;
  }

  /** What an interrupted run paid for before it stopped (its nodes that ran and finished). */
  private interruptedCost(runId: string | undefined): number {
    const run = runId ? this.deps.runs.get(runId) : undefined;
    if (!run || run.status !== 'interrupted') return 0;
    let usd = 0;
    for (const node of Object.values(run.nodes))
      if (node.status === 'succeeded' && !node.cached) usd += node.cost;
    return roundUsd(usd);
  }

  private async runJob(job: QueueJob): Promise<void> {
    const { queue, repo, runs } = this.deps;
    const leaseMs = this.deps.leaseMs ?? 60_000;
    const renew = setInterval(() => void queue.renew(job, this.worker, leaseMs), leaseMs / 3);
    renew.unref();
    // The claim reserved the row's estimate on the cap (admit in pump).
    const cap = this.capFor(job.batchId);
    const budget = new RowBudget(cap, job.estimatedCost);
    try {
      const prior = this.interruptedCost(job.previousRunId);
      if (prior > 0) cap.settle(0, prior);
      const { document, workflowId, workflowVersion, startedBy } = repo.document(job.batchId);
      let runId: string;
      try {
        runId = runs.start({
          workflow: document,
          ...(workflowId ? { workflowId } : {}),
          ...(workflowVersion ? { workflowVersion } : {}),
          inputs: job.inputs,
          via: `batch:${job.batchId}`,
          // Each row's run says who started the batch (usage by person counts it).
          ...(startedBy ? { startedBy } : {}),
          budget,
          priority: 'background',
        }).id;
      } catch (error) {
        if (!(error instanceof RunValidationError)) throw error;
        const issue = error.issues[0];
        budget.close();
        await queue.complete(job, this.worker, {
          status: 'failed',
          cost: prior,
          error: { code: issue?.code ?? 'invalid_inputs', message: error.message },
        });
        return this.rowDone(job);
      }
      await queue.attach(job, this.worker, runId);
      const run = await runs.wait(runId);
      // Its actual cost replaces its reservation before the row is seen to end.
      budget.close();
      await this.settleRow(job, run, prior);
    } finally {
      budget.close();
      clearInterval(renew);
    }
  }

  private async settleRow(job: QueueJob, run: RunRecord, prior: number): Promise<void> {
    const { queue, repo } = this.deps;
    const cost = roundUsd(prior + run.cost);
    const overBudget = Object.values(run.nodes).some((n) => n.error?.code === 'budget_reached');
    const status = repo.get(job.batchId)?.status;
    let hold = false;
    if (run.status === 'interrupted') {
      // This process is stopping: the next claim adds what the run paid (interruptedCost).
      await queue.release(job, this.worker, prior);
    } else if (overBudget && status !== 'cancelled') {
      await queue.release(job, this.worker, cost);
      // Other rows in flight may leave room when they settle: wait for them, then try again.
      if ((this.rowsInFlight.get(job.batchId) ?? 1) > 1) hold = true;
      else this.stopAtCap(job.batchId, 1);
    } else if (run.status === 'cancelled' && status === 'paused') {
      await queue.release(job, this.worker, cost);
    } else {
      await queue.complete(job, this.worker, {
        status:
          run.status === 'succeeded'
            ? 'succeeded'
            : run.status === 'cancelled'
              ? 'cancelled'
              : 'failed',
        runId: run.id,
        cost,
        ...(run.error ? { error: run.error } : {}),
      });
    }
    this.rowDone(job);
    if (hold) this.waiting.add(job.batchId);
  }

  /** After a row ends: the batch's status follows from its rows; watchers hear of both. */
  private rowDone(job: QueueJob): void {
    const { repo } = this.deps;
    this.waiting.delete(job.batchId);
    const batch = repo.get(job.batchId);
    if (!batch) return;
    const row = repo.rows(job.batchId).find((r) => r.index === job.index);
    if (row) this.send(job.batchId, { type: 'row.completed', row });
    if (batch.queued + batch.running === 0 && !FINISHED_BATCH.has(batch.status)) {
      const final = batch.failed + batch.cancelled > 0 ? 'failed' : 'succeeded';
      repo.setStatus(job.batchId, final);
      this.caps.delete(job.batchId);
      this.deps.log?.(
        `batch ${job.batchId} ${final}: ${batch.succeeded}/${batch.total} rows, $${batch.cost}`,
      );
    }
    this.emit(job.batchId);
  }

  private emit(id: string): void {
    const batch = this.deps.repo.get(id);
    if (batch) this.send(id, { type: 'batch.updated', batch });
  }

  private send(id: string, event: BatchEvent): void {
    const seq = this.events.record(id, event.type === 'row.completed' ? event.row : undefined);
    const eventId = this.events.idOf(seq);
    for (const listener of this.listeners.get(id) ?? []) {
      try {
        listener(event, eventId);
      } catch (error) {
        (this.deps.warn ?? this.deps.log)?.(
          `batch ${id}: a listener failed: ${(error as Error).message}`,
        );
      }
    }
  }
}
