import { parseWorkflow } from '@atelier/graph';
import { isDirty, snapshotOf, useDocument } from '../store/document-store';
import { useSession } from '../store/session-store';
import type { FlowNode } from '../model/types';
import { toWorkflow } from '../model/workflow-io';

const KEY = 'atelier.document.v1';
/** Each tab autosaves to its own slot, so two tabs never overwrite each other's work. */
const TAB_KEY = 'atelier.tab.v1';
/** The tab that wrote last: a new tab opens where the person last worked. */
const LAST_KEY = 'atelier.document.last.v1';
/** Slots kept (newest first); older tabs' documents are dropped. */
const MAX_SLOTS = 8;

const slotKey = (tab: string) => `${KEY}:${tab}`;

/** This tab's id, kept in sessionStorage (so it survives a reload of the tab). */
const tabId = (): string => {
  let id = sessionStorage.getItem(TAB_KEY);
  if (!id) {
    id = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    sessionStorage.setItem(TAB_KEY, id);
  }
  return id;
};

interface Stored {
  workflow: unknown;
  workflowId?: string;
  version?: number;
  baseVersion?: number;
  /** Edited since the last save: after a reload it must not pass for the saved version. */
  dirty?: boolean;
  savedAt?: number;
  /** The run whose outputs the canvas showed: a reload shows them again. */
  runId?: string;
}

/** Where an autosaved document that could not be read is kept, so it is never lost. */
export const UNREADABLE_KEY = 'atelier.document.unreadable.v1';

let restoredRunId: string | undefined;
/** The run whose outputs the restored document showed when the page went away, if any. */
export const restoredRun = (): string | undefined => restoredRunId;

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

/**
 * The document to restore: this tab's own after a reload; in a new tab, the one written last
 * (or the single slot of older versions).
 */
const storedDocument = (): string | null => {
  const own = sessionStorage.getItem(TAB_KEY);
  if (own) {
    const mine = localStorage.getItem(slotKey(own));
    if (mine) return mine;
  }
  const last = localStorage.getItem(LAST_KEY);
  return (last && localStorage.getItem(slotKey(last))) ?? localStorage.getItem(KEY);
};

/** Drops the slots of all but the MAX_SLOTS most recently written tabs. */
const pruneSlots = () => {
  const slots: { key: string; at: number }[] = [];
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    if (!key?.startsWith(`${KEY}:`)) continue;
    try {
      slots.push({ key, at: (JSON.parse(localStorage.getItem(key)!) as Stored).savedAt ?? 0 });
    } catch {
      slots.push({ key, at: 0 });
    }
  }
  slots.sort((a, b) => b.at - a.at);
  for (const { key } of slots.slice(MAX_SLOTS)) localStorage.removeItem(key);
};

/** Restores this tab's document (a reload loses nothing), or the latest one; false if none. */
export const restoreDocument = (): boolean => {
  try {
    const raw = storedDocument();
    if (!raw) return false;
    let stored: Stored;
    let problem: string | undefined;
    try {
      stored = JSON.parse(raw) as Stored;
    } catch (error) {
      stored = { workflow: undefined };
      problem = `not JSON: ${error instanceof Error ? error.message : String(error)}`;
    }
    const parsed = parseWorkflow(stored.workflow);
    if (!parsed.ok) {
      // Kept aside, never overwritten by the fresh canvas: the work may still be recovered.
      localStorage.setItem(UNREADABLE_KEY, raw);
      const why = problem ?? parsed.issues[0]?.message ?? 'not a workflow document';
      console.warn(`Atelier: the autosaved document could not be read (${why})`);
      useSession
        .getState()
        .toast(
          `The document autosaved in this browser could not be read (${why}). It is kept in localStorage under “${UNREADABLE_KEY}”; the canvas starts fresh.`,
          'error',
        );
      return false;
    }
    restoredRunId = stored.runId;
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
  /** The run whose outputs are on the canvas (kept when only the run bar is dismissed). */
  let shownRun = restoredRunId;
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
      savedAt: Date.now(),
      ...(shownRun && { runId: shownRun }),
    };
    try {
      const tab = tabId();
      localStorage.setItem(slotKey(tab), JSON.stringify(stored));
      localStorage.setItem(LAST_KEY, tab);
      pruneSlots();
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
  // The run on screen changes without the document: remember it for the next reload.
  const unsubscribeRuns = useSession.subscribe((s) => {
    const next = s.run?.id ?? (Object.keys(s.nodeRuns).length > 0 ? shownRun : undefined);
    if (next === shownRun) return;
    shownRun = next;
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
    unsubscribeRuns();
  };
};
