import type { NodeRunRecord, RunEvent } from '@atelier/engine';
import type { RunEventRecord } from './run-record';

/** Writes waiting for the next flush (one transaction per batch). */
export interface Batch {
  events: { seq: number; event: RunEvent }[];
  nodes: Set<string>;
  run: Partial<{ status: string; startedAt: number }>;
}
export const emptyBatch = (): Batch => ({ events: [], nodes: new Set(), run: {} });

export interface ActiveRun {
  controller: AbortController;
  batch: Batch;
  flushScheduled: boolean;
  /** Written events not yet handed to the listeners, oldest first. */
  outbox: RunEventRecord[];
  /** A delivery is under way (a listener's call that flushes must not reorder it). */
  delivering: boolean;
  listeners: Set<(record: RunEventRecord) => void>;
  ends: Set<() => void>;
  seq: number;
  nodes: Record<string, NodeRunRecord>;
  done: Promise<void>;
  /** Stopped by this process shutting down: recorded `interrupted`, later events dropped. */
  interrupted?: boolean;
}

/** Keeps the in-memory records current and marks what the next flush must write. */
export const applyEvent = (run: ActiveRun, event: RunEvent): void => {
  const touch = (nodeId: string) => {
    run.batch.nodes.add(nodeId);
    return (run.nodes[nodeId] ??= { status: 'pending', cached: false, cost: 0, log: [] });
  };
  switch (event.type) {
    case 'run.started':
      run.batch.run = { status: 'running', startedAt: event.at };
      return;
    case 'node.started':
      Object.assign(touch(event.nodeId), { status: 'running', startedAt: event.at });
      return;
    case 'node.log':
      touch(event.nodeId).log.push(event.message);
      return;
    case 'node.partial_image':
      return;
    case 'node.completed': {
      const node = touch(event.nodeId);
      Object.assign(node, {
        status: 'succeeded',
        cached: event.cached,
        outputs: event.outputs,
        cost: event.cost,
        startedAt: node.startedAt ?? event.at - event.durationMs,
        finishedAt: event.at,
      });
      if (event.usage) node.usage = event.usage;
      return;
    }
    case 'node.failed':
      Object.assign(touch(event.nodeId), {
        status: event.status,
        error: event.error,
        finishedAt: event.at,
      });
      return;
    case 'run.completed':
      // The summary is the engine's final word on every node.
      for (const [nodeId, record] of Object.entries(event.summary.nodes))
        Object.assign(touch(nodeId), record);
      return;
    default:
      event satisfies never;
  }
};

/**
 * Hands events a flush has written to the run's listeners, in seq order: called after the
 * commit, so a watcher never hears of an event a crash right then would lose. A listener that
 * flushes again (get(), subscribe()) only queues; the delivery under way keeps the order.
 */
export const deliverWritten = (
  run: ActiveRun,
  runId: string,
  written: readonly { seq: number; event: RunEvent }[],
): void => {
  for (const { seq, event } of written) run.outbox.push({ seq, runId, event });
  if (run.delivering) return;
  run.delivering = true;
  try {
    // By index: events queued meanwhile are appended and reached by this loop.
    for (let i = 0; i < run.outbox.length; i++)
      for (const listener of run.listeners) listener(run.outbox[i]!);
  } finally {
    run.outbox = [];
    run.delivering = false;
  }
};
