import { parseWorkflow } from '@atelier/graph';
import { isDirty, snapshotOf, useDocument } from '../store/document-store';
import type { FlowNode } from '../store/types';
import { toWorkflow } from './workflow-io';

const KEY = 'atelier.document.v1';

interface Stored {
  workflow: unknown;
  workflowId?: string;
  version?: number;
  baseVersion?: number;
  /** Edited since the last save: after a reload it must not pass for the saved version. */
  dirty?: boolean;
}

const RUN_KEY = 'atelier.run.v1';

/** The run being watched, so a reload can pick it up again (session-scoped). */
export const rememberRun = (runId: string | undefined) => {
  try {
    if (runId) sessionStorage.setItem(RUN_KEY, runId);
    else sessionStorage.removeItem(RUN_KEY);
  } catch {
    // private mode: nothing to remember
  }
};
export const rememberedRun = (): string | undefined => {
  try {
    return sessionStorage.getItem(RUN_KEY) ?? undefined;
  } catch {
    return undefined;
  }
};

/** Restores the last document of this browser (a reload loses nothing); false if none. */
export const restoreDocument = (): boolean => {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return false;
    const stored = JSON.parse(raw) as Stored;
    const parsed = parseWorkflow(stored.workflow);
    if (!parsed.ok) return false;
    useDocument.getState().load(parsed.workflow, {
      workflowId: stored.workflowId,
      version: stored.version,
      baseVersion: stored.baseVersion,
    });
    if (stored.dirty) useDocument.setState({ saved: undefined });
    return true;
  } catch {
    return false;
  }
};

/**
 * Whether two node lists hold the same document: only view state (measured size, selection,
 * dragging) differs. Cards measured as they scroll into view must not rewrite 1,000 nodes.
 */
export const sameDocumentNodes = (a: readonly FlowNode[], b: readonly FlowNode[]): boolean =>
  a === b ||
  (a.length === b.length &&
    a.every((n, i) => {
      const m = b[i]!;
      return (
        n.id === m.id &&
        n.type === m.type &&
        n.data === m.data &&
        n.position.x === m.position.x &&
        n.position.y === m.position.y
      );
    }));

/**
 * Writes the document to localStorage shortly after each change (not on view-only changes),
 * and at once when the page goes away with a change still waiting (a reload right after
 * typing keeps the last keystrokes).
 */
export const startAutosave = (): (() => void) => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const write = () => {
    clearTimeout(timer);
    timer = undefined;
    const doc = useDocument.getState();
    const stored: Stored = {
      workflow: toWorkflow(snapshotOf(doc)),
      workflowId: doc.workflowId,
      version: doc.version,
      baseVersion: doc.baseVersion,
      dirty: isDirty(doc),
    };
    try {
      localStorage.setItem(KEY, JSON.stringify(stored));
    } catch {
      // storage full or disabled: the library still saves
    }
  };
  const unsubscribe = useDocument.subscribe((s, prev) => {
    if (
      sameDocumentNodes(s.nodes, prev.nodes) &&
      s.edges === prev.edges &&
      s.inputs === prev.inputs &&
      s.name === prev.name &&
      s.workflowId === prev.workflowId &&
      s.saved === prev.saved
    )
      return;
    clearTimeout(timer);
    timer = setTimeout(write, 400);
  });
  const onPageHide = () => {
    if (timer !== undefined) write();
  };
  window.addEventListener('pagehide', onPageHide);
  return () => {
    clearTimeout(timer);
    window.removeEventListener('pagehide', onPageHide);
    unsubscribe();
  };
};
