import type { StarView } from '@atelier/server';
import { useCallback, useEffect, useState } from 'react';
import { reviewApi } from './review-api';

const key = (runId: string, nodeId: string) => `${runId}\u0000${nodeId}`;

/**
 * Starred outputs of a workflow, a run or a batch (for History and the batch results grid):
 * `isStarred(run, node)`, `toggle(run, node)` and the `runIds` that have a star.
 */
export function useStars(filter: { workflowId?: string; runId?: string; batchId?: string }) {
  const [stars, setStars] = useState<StarView[]>([]);
  const { workflowId, runId, batchId } = filter;
  const reload = useCallback(() => {
    reviewApi.stars({ workflowId, runId, batchId }).then(setStars, () => setStars([]));
  }, [workflowId, runId, batchId]);
  useEffect(reload, [reload]);
  const set = new Set(stars.map((s) => key(s.runId, s.nodeId)));
  return {
    stars,
    runIds: new Set(stars.map((s) => s.runId)),
    isStarred: (run: string, node: string) => set.has(key(run, node)),
    toggle: async (run: string, node: string) => {
      await reviewApi.setStar(run, node, !set.has(key(run, node)));
      reload();
    },
  };
}
