import type { RunEvent } from '@atelier/engine';
import type { RunService } from '../runs/run-service';

/** A node step as a line a person can read; run start and end are logged by RunService. */
export const describeStep = (runId: string, event: RunEvent): string | undefined => {
  switch (event.type) {
    case 'node.started':
      return `run ${runId} node ${event.nodeId} started`;
    case 'node.completed':
      return event.cached
        ? `run ${runId} node ${event.nodeId} cached (saved $${event.cost.toFixed(4)})`
        : `run ${runId} node ${event.nodeId} completed in ${event.durationMs} ms ($${event.cost.toFixed(4)})`;
    case 'node.failed':
      return `run ${runId} node ${event.nodeId} ${event.status}: ${event.error.code} — ${event.error.message}`;
    case 'run.started':
    case 'node.partial_image':
    case 'node.log':
    case 'run.completed':
      return undefined;
    default:
      return event satisfies never;
  }
};

/** Logs the node steps of a run until it ends. */
export const logRunSteps = (runs: RunService, runId: string, log: (line: string) => void) => {
  const unsubscribe = runs.subscribe(
    runId,
    0,
    (record) => {
      const line = describeStep(runId, record.event);
      if (line) log(line);
    },
    () => queueMicrotask(() => unsubscribe()),
  );
};
