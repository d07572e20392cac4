import { parseWorkflow } from '@atelier/graph';
import { isDirty, snapshotOf, useDocument } from '../store/document-store';
import { toWorkflow } from './workflow-io';

const KEY = 'atelier.document.v1';

interface Stored {
  workflow: unknown;
  workflowId?: string;
  version?: number;
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
    useDocument
      .getState()
      .load(parsed.workflow, { workflowId: stored.workflowId, version: stored.version });
    if (stored.dirty) useDocument.setState({ saved: undefined });
    return true;
  } catch {
    return false;
  }
};

/** Writes the document to localStorage shortly after each change (not on selection-only changes). */
export const startAutosave = (): (() => void) => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const unsubscribe = useDocument.subscribe((s, prev) => {
    if (
      s.nodes === prev.nodes &&
      s.edges === prev.edges &&
      s.inputs === prev.inputs &&
      s.name === prev.name &&
      s.workflowId === prev.workflowId &&
      s.saved === prev.saved
    )
      return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      const doc = useDocument.getState();
      const stored: Stored = {
        workflow: toWorkflow(snapshotOf(doc)),
        workflowId: doc.workflowId,
        version: doc.version,
        dirty: isDirty(doc),
      };
      try {
        localStorage.setItem(KEY, JSON.stringify(stored));
      } catch {
        // storage full or disabled: the library still saves
      }
    }, 400);
  });
  return () => {
    clearTimeout(timer);
    unsubscribe();
  };
};
