import { setMaxListeners } from 'node:events';
import type { PortValue } from '@atelier/graph';
import { ApiGate } from './api-gate';
import { CANCELLED, executeNode, type NodeOutcome, type RunScope } from './execute-node';
import { DEFAULT_RETRY } from './guarded-responses';
import { boundData, gatherInputs, planRun, type RunPlan } from './plan';
import { DEFAULT_PRICING, roundUsd } from './pricing';
import type { NodeRunRecord, RunEvent, RunOptions, RunSummary } from './types';

export const DEFAULT_CONCURRENCY = 8;
/**
 * Longest stretch of node launches in one turn of the event loop. Nodes that need no API
 * call (prompts, cache hits) finish in microtasks, so a big graph ran start to end without
 * letting the host answer anything: 2,000 prompt nodes held a server's /api/health for 1 s.
 */
export const SLICE_MS = 8;
/** Most nodes launched per turn: their work runs in microtasks after the launch itself. */
export const SLICE_NODES = 32;
export const DEFAULT_IDLE_TIMEOUT_MS = 120_000;

/**
 * Runs a validated workflow as a DAG: a node starts once all its inputs succeeded, so
 * independent nodes run concurrently; API-calling nodes (`callsApi`) hold one of
 * `concurrency` slots while they run, others need none. Cache hits complete without a
 * slot and without `node.started`. Events arrive in order through `onEvent` (a listener
 * that throws does not break the run: its error goes to `onListenerError`, console.error by
 * default). Rejects only when the run cannot
 * start (RunInputError: unknown target, force id, node type, or a cycle).
 */
export const runWorkflow = async (
  options: RunOptions,
  onEvent?: (event: RunEvent) => void,
): Promise<RunSummary> => {
  const plan = planRun(
    options.workflow,
    options.registry,
    options.target,
    options.force,
    options.recipePorts,
  );
  return new WorkflowRun(options, plan, onEvent).start();
};

type State = 'blocked' | 'active' | 'done';

const reportListenerError = (error: unknown, event: RunEvent): void => {
  console.error(`atelier engine: the run's event listener threw on ${event.type}:`, error);
};

class WorkflowRun {
  private readonly now: () => number;
  private readonly gate: ApiGate;
  private readonly state = new Map<string, State>();
  /** Keyed by node id: no prototype, so an id like "__proto__" is an ordinary key. */
  private readonly records: Record<string, NodeRunRecord> = Object.create(null);
  private readonly outputs = new Map<string, Record<string, PortValue>>();
  /**
   * One signal for every node of the run (ctx.signal), aborted on cancel. Not one per node:
   * nothing cancels a single node, each API call gets its own controller under the watchdog
   * anyway, and creating AbortSignals was the largest cost per node on the hot path.
   */
  private readonly abort = new AbortController();
  /** Nodes launched and not finished, in launch order. */
  private readonly active = new Set<string>();
  /** What executeNode needs from the run, made once (not per node). */
  private readonly scope: RunScope;
  private readonly startedAt: number;
  private done = 0;
  private cancelled = false;
  private failedRequests = 0;
  private finished = false;
  /** Launches waiting for the next turn of the event loop (see SLICE_MS). */
  private readonly deferred: string[] = [];
  private sliceStart = 0;
  private sliceLaunches = 0;
  private sliceOpen = false;
  private draining = false;
  private resolve: (summary: RunSummary) => void = () => {};

  constructor(
    private readonly options: RunOptions,
    private readonly plan: RunPlan,
    private readonly listener?: (event: RunEvent) => void,
  ) {
    this.now = options.now ?? Date.now;
    this.gate = options.gate ?? new ApiGate(options.concurrency ?? DEFAULT_CONCURRENCY);
    this.startedAt = this.now();
    // Every in-flight node listens on the shared signal: lift the 10-listener leak warning.
    setMaxListeners(0, this.abort.signal);
    for (const id of plan.order) {
      this.state.set(id, 'blocked');
      this.records[id] = { status: 'pending', cached: false, cost: 0, log: [] };
    }
    this.scope = {
      options,
      now: this.now,
      pricing: options.pricing ?? DEFAULT_PRICING,
      retry: { ...DEFAULT_RETRY, ...options.retry },
      idleTimeoutMs: options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
      ...(options.imageRate ? { imageRate: options.imageRate } : {}),
      gate: this.gate,
      inflight: new Map(),
      signal: this.abort.signal,
      listening: listener !== undefined,
      log: (id, message) => {
        // A cancelled node's code may still be running; its record is final.
        if (this.state.get(id) === 'done') return;
        this.records[id]!.log.push(message);
        this.emit({ type: 'node.log', at: this.now(), nodeId: id, message });
      },
      started: (id, at) => {
        const record = this.records[id]!;
        record.status = 'running';
        record.startedAt = at;
        if (this.listener) this.emit({ type: 'node.started', at, nodeId: id });
      },
      emit: (event) => this.emit(event),
    };
  }

  start(): Promise<RunSummary> {
    const promise = new Promise<RunSummary>((resolve) => (this.resolve = resolve));
    this.emit({ type: 'run.started', at: this.startedAt, nodes: [...this.plan.order] });
    const signal = this.options.signal;
    if (signal?.aborted) this.cancel();
    else {
      signal?.addEventListener('abort', this.cancel, { once: true });
      for (const id of this.plan.order)
        if (this.plan.nodes.get(id)!.dependsOn.length === 0) this.launch(id);
    }
    this.finishIfDone();
    return promise;
  }

  private emit(event: RunEvent): void {
    try {
      this.listener?.(event);
    } catch (error) {
      // A broken listener must not leave the run half-done, nor fail without a trace.
      const report = this.options.onListenerError ?? reportListenerError;
      try {
        report(error, event);
      } catch {
        // the reporter itself failed: nothing more can be told
      }
    }
  }

  private launch(id: string): void {
    this.state.set(id, 'active');
    this.active.add(id);
    const now = performance.now();
    if (!this.sliceOpen) {
      // A new turn of the event loop: a new slice, closed when the loop reaches setImmediate.
      this.sliceOpen = true;
      this.sliceStart = now;
      this.sliceLaunches = 0;
      setImmediate(() => (this.sliceOpen = false));
    }
    if (
      this.deferred.length === 0 &&
      this.sliceLaunches < SLICE_NODES &&
      now - this.sliceStart < SLICE_MS
    ) {
      this.sliceLaunches++;
      return this.execute(id);
    }
    this.deferred.push(id);
    if (!this.draining) {
      this.draining = true;
      setImmediate(this.drain);
    }
  }

  /** Launches deferred nodes for one slice, then lets the host's other work run. */
  private readonly drain = (): void => {
    const start = performance.now();
    for (let n = 0; n < SLICE_NODES && this.deferred.length > 0; n++) {
      if (performance.now() - start >= SLICE_MS) break;
      this.execute(this.deferred.shift()!);
    }
    if (this.deferred.length > 0) setImmediate(this.drain);
    else this.draining = false;
  };

  private execute(id: string): void {
    // Cancelled while it waited for its turn.
    if (this.state.get(id) !== 'active') return;
    const planned = this.plan.nodes.get(id)!;
    const inputs = gatherInputs(planned, this.outputOf);
    const data = boundData(planned, this.outputOf);
    void executeNode(planned, inputs, this.scope, data).then((outcome) => this.settle(id, outcome));
  }

  private readonly outputOf = (source: string) => this.outputs.get(source);

  private settle(id: string, outcome: NodeOutcome): void {
    // A node cancelled with the run is final already; its code may finish later.
    if (this.state.get(id) === 'done') return;
    this.markDone(id);
    const record = this.records[id]!;
    switch (outcome.status) {
      case 'succeeded': {
        const { cached, outputs, usage, cost, startedAt, finishedAt } = outcome;
        record.status = 'succeeded';
        record.cached = cached;
        record.outputs = outputs;
        record.cost = cost;
        record.startedAt = startedAt;
        record.finishedAt = finishedAt;
        if (usage) record.usage = usage;
        this.outputs.set(id, outputs);
        if (this.listener)
          this.emit({
            type: 'node.completed',
            at: finishedAt,
            nodeId: id,
            cached,
            outputs,
            usage,
            cost,
            durationMs: finishedAt - startedAt,
          });
        if (!this.cancelled)
          for (const next of this.plan.nodes.get(id)!.dependents)
            if (this.isReady(next)) this.launch(next);
        break;
      }
      case 'failed':
      case 'cancelled':
        this.failedRequests += outcome.requests ?? 0;
        this.fail(id, outcome.status, outcome.error);
        if (outcome.status === 'failed') this.skipDependents(id);
        break;
      default:
        outcome satisfies never;
    }
    this.finishIfDone();
  }

  private isReady(id: string): boolean {
    if (this.state.get(id) !== 'blocked') return false;
    for (const dep of this.plan.nodes.get(id)!.dependsOn)
      if (this.records[dep]?.status !== 'succeeded') return false;
    return true;
  }

  private markDone(id: string): void {
    this.state.set(id, 'done');
    this.active.delete(id);
    this.done++;
  }

  private fail(
    id: string,
    status: 'failed' | 'skipped' | 'cancelled',
    error: NodeRunRecord['error'] & {},
  ) {
    const record = this.records[id]!;
    record.status = status;
    record.error = error;
    record.finishedAt = this.now();
    if (this.listener)
      this.emit({ type: 'node.failed', at: record.finishedAt, nodeId: id, status, error });
  }

  /** Everything downstream of a failed node is skipped, naming the node that failed. */
  private skipDependents(failed: string): void {
    const error = this.records[failed]!.error!;
    const stack = [...this.plan.nodes.get(failed)!.dependents];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (this.state.get(id) !== 'blocked') continue;
      this.markDone(id);
      this.fail(id, 'skipped', {
        code: 'upstream_failed',
        message: `Not run because "${failed}" failed (${error.code}): ${error.message}`,
      });
      stack.push(...this.plan.nodes.get(id)!.dependents);
    }
  }

  private readonly cancel = (): void => {
    if (this.cancelled || this.finished) return;
    this.cancelled = true;
    for (const id of this.plan.order)
      if (this.state.get(id) === 'blocked') {
        this.markDone(id);
        this.fail(id, 'cancelled', {
          code: 'cancelled',
          message: 'The run was cancelled before this node ran.',
        });
      }
    this.abort.abort();
    // Nodes under way end now, in the order they started, even if their code ignores the
    // signal (it may still run; settle() ignores what it returns).
    for (const id of [...this.active]) {
      this.markDone(id);
      this.fail(id, 'cancelled', CANCELLED);
    }
    this.finishIfDone();
  };

  private finishIfDone(): void {
    if (this.finished || this.done < this.plan.order.length) return;
    this.finished = true;
    // A shared gate outlives this run (its pause holds the other runs too).
    if (!this.options.gate) this.gate.close();
    this.options.signal?.removeEventListener('abort', this.cancel);
    const summary = this.summary();
    this.emit({ type: 'run.completed', at: summary.finishedAt, summary });
    this.resolve(summary);
  }

  private summary(): RunSummary {
    const usage: RunSummary['usage'] = {
      inputTokens: 0,
      outputTokens: 0,
      imageCalls: 0,
      webSearchCalls: 0,
      requests: 0,
    };
    const saved = { nodes: 0, cost: 0 };
    let cost = 0;
    const statuses = Object.values(this.records).map((record) => record.status);
    for (const record of Object.values(this.records)) {
      if (record.status !== 'succeeded') continue;
      if (record.cached) {
        saved.nodes++;
        saved.cost += record.cost;
        continue;
      }
      cost += record.cost;
      const u = record.usage;
      if (!u) continue;
      usage.inputTokens += u.inputTokens;
      usage.outputTokens += u.outputTokens;
      usage.imageCalls += u.imageCalls.length;
      usage.webSearchCalls += u.webSearchCalls;
      usage.requests += u.requests;
      if (u.costEstimated) usage.costEstimated = true;
    }
    // Requests of nodes that failed or were cancelled were sent (and may be billed) too.
    usage.requests += this.failedRequests;
    saved.cost = roundUsd(saved.cost);
    const status = statuses.includes('cancelled')
      ? 'cancelled'
      : statuses.every((s) => s === 'succeeded')
        ? 'succeeded'
        : 'failed';
    return {
      status,
      nodes: this.records,
      usage,
      cost: roundUsd(cost),
      saved,
      startedAt: this.startedAt,
      finishedAt: this.now(),
    };
  }
}
