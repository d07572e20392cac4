import type { ImageValue } from '@atelier/graph';
import type { NodeRunView } from '../store/session-store';

/** Where the run is inside one recipe node, from the run state of its inner nodes. */
export interface InnerProgress {
  /** Inner nodes taking part (at any depth). */
  total: number;
  done: number;
  /** Inner node paths running now, relative to the recipe node (`g1`, `r2/g1`). */
  running: string[];
  /** The newest partial image of a running inner node. */
  partial?: { path: string; index: number; image: ImageValue };
}

/**
 * Inner nodes are keyed `<recipeNodeId>/<innerId>` in the run state (nested recipes add more
 * segments), so a recipe node's progress is every entry under its prefix.
 */
export const innerProgress = (
  nodeRuns: Readonly<Record<string, NodeRunView>>,
  recipePath: string,
): InnerProgress => {
  const prefix = `${recipePath}/`;
  const progress: InnerProgress = { total: 0, done: 0, running: [] };
  for (const [key, run] of Object.entries(nodeRuns)) {
    if (!key.startsWith(prefix)) continue;
    const path = key.slice(prefix.length);
    progress.total += 1;
    if (run.status === 'succeeded' || run.status === 'skipped') progress.done += 1;
    if (run.status === 'running') {
      progress.running.push(path);
      if (run.partial && (!progress.partial || run.partial.index >= progress.partial.index))
        progress.partial = { path, ...run.partial };
    }
  }
  progress.running.sort();
  return progress;
};

/** A stable string of the progress, so a card re-renders only when what it shows changes. */
export const progressKey = (p: InnerProgress): string =>
  JSON.stringify([
    p.total,
    p.done,
    p.running,
    p.partial?.path,
    p.partial?.index,
    p.partial?.image.blob,
  ]);
