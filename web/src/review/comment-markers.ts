import type { ThreadView } from '@atelier/server';
import { useEffect, useState } from 'react';
import { create } from 'zustand';
import { useDocument } from '../store/document-store';
import { useSession } from '../store/session-store';
import { onCommentsChanged } from './comments-changed';
import { reviewApi } from './review-api';

/** What a marker shows: how many threads, how many still open, how many comments in all. */
export interface MarkerCount {
  threads: number;
  open: number;
  comments: number;
}

export interface MarkerCounts {
  /** Threads pinned to a node of the workflow, by node id. */
  nodes: Record<string, MarkerCount>;
  /** Threads on an output of a run, by `<runId>/<nodeId>`. */
  outputs: Record<string, MarkerCount>;
}

export const outputKey = (runId: string, nodeId: string) => `${runId}/${nodeId}`;

const add = (into: Record<string, MarkerCount>, key: string, thread: ThreadView) => {
  const now = into[key] ?? { threads: 0, open: 0, comments: 0 };
  into[key] = {
    threads: now.threads + 1,
    open: now.open + (thread.resolved ? 0 : 1),
    comments: now.comments + thread.comments.length,
  };
};

/** Groups threads by what they are pinned to; node threads only of `workflowId`. */
export const countThreads = (threads: readonly ThreadView[], workflowId?: string): MarkerCounts => {
  const counts: MarkerCounts = { nodes: {}, outputs: {} };
  for (const thread of threads) {
    const t = thread.target;
    if (t.kind === 'output') add(counts.outputs, outputKey(t.runId, t.nodeId), thread);
    else if (t.workflowId === workflowId) add(counts.nodes, t.nodeId, thread);
  }
  return counts;
};

interface MarkerState extends MarkerCounts {
  set(counts: MarkerCounts): void;
}

/** The comment counts the canvas, node previews and history show as markers. */
export const useCommentMarkers = create<MarkerState>((set) => ({
  nodes: {},
  outputs: {},
  set: (counts) => set(counts),
}));

let latestRead = 0;

/**
 * Reads the threads of the open workflow (saved) and of the run on screen, then counts them.
 * Only the newest read is shown: an older one answering later (a slow poll) never takes back a
 * comment just sent.
 */
export const loadCommentMarkers = async () => {
  const read = ++latestRead;
  const workflowId = useDocument.getState().workflowId;
  const runId = useSession.getState().run?.id;
  const lists = await Promise.all([
    workflowId ? reviewApi.threads({ workflowId }) : Promise.resolve([]),
    runId ? reviewApi.threads({ runId }) : Promise.resolve([]),
  ]).catch(() => undefined);
  if (!lists || read !== latestRead) return;
  const byId = new Map([...lists[0], ...lists[1]].map((t) => [t.id, t]));
  useCommentMarkers.getState().set(countThreads([...byId.values()], workflowId));
};

/** How often markers catch up with other people's comments while the tab is visible. */
const REFRESH_MS = 20_000;

/**
 * Keeps the markers current: as soon as this tab writes or resolves a comment (review-api
 * says so), on opening another workflow or run, when a review view opens or closes, when the
 * tab comes back, and every 20 s while it is visible (other people's comments).
 */
export function useCommentMarkerSync() {
  const workflowId = useDocument((s) => s.workflowId);
  const runId = useSession((s) => s.run?.id);
  const runStatus = useSession((s) => s.run?.status);
  useEffect(() => {
    void loadCommentMarkers();
  }, [workflowId, runId, runStatus]);
  useEffect(() => {
    const reload = () => {
      if (document.visibilityState === 'visible') void loadCommentMarkers();
    };
    window.addEventListener('hashchange', reload);
    document.addEventListener('visibilitychange', reload);
    const stop = onCommentsChanged(() => void loadCommentMarkers());
    const timer = setInterval(reload, REFRESH_MS);
    return () => {
      stop();
      window.removeEventListener('hashchange', reload);
      document.removeEventListener('visibilitychange', reload);
      clearInterval(timer);
    };
  }, []);
}

/**
 * Counts of the threads matching `filter` (history: this workflow's runs, or all), read again
 * whenever `deps` changes (a new list of runs), when a review view opens or closes, and when
 * this tab writes or resolves a comment.
 */
export function useThreadCounts(
  filter: { workflowId?: string; runId?: string },
  deps: unknown,
): MarkerCounts {
  const [counts, setCounts] = useState<MarkerCounts>({ nodes: {}, outputs: {} });
  const { workflowId, runId } = filter;
  useEffect(() => {
    let live = true;
    let latest = 0;
    const load = () => {
      const read = ++latest;
      void reviewApi.threads({ workflowId, runId }).then(
        (threads) => live && read === latest && setCounts(countThreads(threads, workflowId)),
        () => undefined,
      );
    };
    load();
    window.addEventListener('hashchange', load);
    const stop = onCommentsChanged(load);
    return () => {
      live = false;
      stop();
      window.removeEventListener('hashchange', load);
    };
  }, [workflowId, runId, deps]);
  return counts;
}
