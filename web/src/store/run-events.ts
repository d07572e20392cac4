import type { RunEvent } from '../api/run-types';
import type { NodeRunView, RunView } from './session-store';

export interface RunState {
  run?: RunView;
  nodeRuns: Record<string, NodeRunView>;
}

const fresh = (): NodeRunView => ({ status: 'queued', cached: false, log: [] });

/**
 * Applies a batch of run events to the run state in one pass: one copy of the node map per
 * batch, however many events it holds, so a 1,000-node run's burst of events (a cached rerun
 * completes every node at once) costs one store update instead of a thousand map copies.
 * Entries are replaced, never mutated, so unchanged cards keep their props.
 */
export const reduceRunEvents = (state: RunState, events: readonly RunEvent[]): RunState => {
  let run = state.run;
  const nodeRuns = { ...state.nodeRuns };
  const patch = (id: string, change: (prev: NodeRunView) => Partial<NodeRunView>) => {
    const prev = nodeRuns[id] ?? fresh();
    nodeRuns[id] = { ...prev, ...change(prev) };
  };
  for (const event of events) {
    switch (event.type) {
      case 'run.started':
        if (run) run = { ...run, status: 'running', order: event.nodes };
        for (const id of event.nodes)
          if (nodeRuns[id]?.status !== 'queued')
            patch(id, () => ({ status: 'queued', cached: false, error: undefined, log: [] }));
        break;
      case 'node.started':
        patch(event.nodeId, () => ({ status: 'running', partial: undefined }));
        break;
      case 'node.partial_image':
        patch(event.nodeId, () => ({ partial: { index: event.index, image: event.image } }));
        break;
      case 'node.log':
        patch(event.nodeId, (p) => ({ log: [...p.log, event.message] }));
        break;
      case 'node.completed':
        patch(event.nodeId, () => ({
          status: 'succeeded',
          cached: event.cached,
          outputs: event.outputs,
          partial: undefined,
          error: undefined,
          cost: event.cost,
          costEstimated: event.usage?.costEstimated === true,
          durationMs: event.durationMs,
        }));
        if (run)
          run = {
            ...run,
            cost: run.cost + (event.cached ? 0 : event.cost),
            costEstimated:
              run.costEstimated || (!event.cached && event.usage?.costEstimated === true),
            saved: event.cached
              ? { nodes: run.saved.nodes + 1, cost: run.saved.cost + event.cost }
              : run.saved,
          };
        break;
      case 'node.failed':
        patch(event.nodeId, () => ({
          status: event.status,
          error: event.error,
          partial: undefined,
        }));
        break;
      case 'run.completed': {
        const summary = event.summary;
        if (run)
          run = {
            ...run,
            status: summary.status,
            finishedAt: summary.finishedAt ?? event.at,
            cost: summary.cost ?? run.cost,
            saved: summary.saved ?? run.saved,
            usage: summary.usage,
            costEstimated: summary.usage?.costEstimated === true,
          };
        break;
      }
      default: {
        const never: never = event;
        return never;
      }
    }
  }
  return { run, nodeRuns };
};
