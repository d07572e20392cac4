import type { ImageValue, Issue, MaskValue, PortValue } from '@atelier/graph';
import { create } from 'zustand';
import type {
  NodeErrorView,
  NodeRecordView,
  RunEvent,
  RunRecordView,
  RunStatusView,
  UsageView,
} from '../api/run-types';
import { reduceRunEvents } from './run-events';

/** What the editor shows on a node card for the current (or last opened) run. */
export interface NodeRunView {
  status: 'queued' | 'running' | 'succeeded' | 'failed' | 'skipped' | 'cancelled';
  cached: boolean;
  partial?: { index: number; image: ImageValue };
  outputs?: Record<string, PortValue>;
  error?: NodeErrorView;
  cost?: number;
  /** The cost is an estimate (shown with ≈). */
  costEstimated?: boolean;
  durationMs?: number;
  log: string[];
}

export interface RunView {
  id: string;
  status: RunStatusView;
  startedAt: number;
  finishedAt?: number;
  /** Nodes taking part in this run (the target's ancestors for a targeted run). */
  order: string[];
  cost: number;
  /** Some of the cost is an estimate (shown with ≈). */
  costEstimated?: boolean;
  saved: { nodes: number; cost: number };
  usage?: UsageView;
  target?: string;
  /** The named-input values the run was given: each field shows what the run used. */
  inputs?: Readonly<Record<string, unknown>>;
  /** Opened from history rather than watched live. */
  replay?: boolean;
}

export interface Toast {
  id: number;
  kind: 'info' | 'error' | 'success';
  message: string;
}

export type Panel = 'library' | 'history' | 'help' | 'batch' | 'versions' | null;

/** How a node differs in the version diff being looked at (canvas highlights). */
export type DiffMark = 'added' | 'changed' | 'moved';

/** One line of a confirm dialog's list: a name, and a detail in muted text. */
export interface ConfirmItem {
  id: string;
  label: string;
  detail?: string;
}

/**
 * An app dialog waiting for an answer (dialogs/ask.ts opens them, dialogs/DialogHost.tsx shows
 * them): a name to type (New, Save as, Rename) or a yes/no (discard, delete).
 */
export type DialogRequest =
  | {
      kind: 'name';
      title: string;
      label: string;
      initial: string;
      confirm: string;
      /** Test id of the input (defaults to `name-dialog-input`). */
      testId?: string;
      resolve(name: string | undefined): void;
    }
  | {
      kind: 'confirm';
      title: string;
      message: string;
      confirm: string;
      danger?: boolean;
      /** What the answer concerns, listed under the message (e.g. the workflows using a recipe). */
      items?: readonly ConfirmItem[];
      /** Test id of the dialog (defaults to `confirm-dialog`; buttons add `-cancel`, `-confirm`). */
      testId?: string;
      resolve(ok: boolean): void;
    };

export interface SessionState {
  provider?: 'simulator' | 'openai';
  serverDown?: boolean;
  run?: RunView;
  /**
   * A run is being checked and sent (Run was pressed; the server has not answered yet). Run
   * stays disabled meanwhile, so a double click cannot start and pay for two runs.
   */
  starting?: boolean;
  nodeRuns: Record<string, NodeRunView>;
  toasts: Toast[];
  panel: Panel;
  lightbox?: { image: ImageValue; title: string };
  maskTarget?: string;
  importIssues?: {
    title: string;
    issues: Issue[];
    /** Paths point into the canvas document. */ ofCanvas?: boolean;
  };
  runForm?: { target?: string };
  dialog?: DialogRequest;
  /**
   * A node to bring into view and highlight (an error's node, a search result): the canvas
   * centres it at a readable zoom; `at` tells two requests for one node apart.
   */
  focus?: { nodeId: string; at: number };
  /**
   * Nodes highlighted on the canvas by a version diff (versions/), by id; undefined when no
   * diff is shown.
   */
  diffMarks?: Readonly<Record<string, DiffMark>>;
  /**
   * The named-input values of the last run started from the form, for the document loaded
   * `loads`-th (see DocumentState.loads): the next form starts from them, so a rerun changes
   * one input without uploading the others again. `fields` holds what the inputs' fields
   * held then: a field edited on the canvas since wins over the remembered value.
   */
  lastRunInputs?: {
    loads: number;
    values: Record<string, string | ImageValue | MaskValue>;
    fields: Record<string, unknown>;
  };

  toast(message: string, kind?: Toast['kind']): void;
  dismissToast(id: number): void;
  setPanel(panel: Panel): void;
  togglePanel(panel: Exclude<Panel, null>): void;
  beginRun(
    id: string,
    order: string[],
    target?: string,
    inputs?: Readonly<Record<string, unknown>>,
  ): void;
  applyEvent(event: RunEvent): void;
  /** Several events in one store update (see reduceRunEvents). */
  applyEvents(events: readonly RunEvent[]): void;
  showRecord(record: RunRecordView): void;
  set(patch: Partial<SessionState>): void;
  focusNode(nodeId: string): void;
}

let toastSeq = 0;

const nodeFromRecord = (r: NodeRecordView): NodeRunView => ({
  status: r.status === 'pending' ? 'queued' : r.status,
  cached: r.cached,
  outputs: r.outputs,
  error: r.error,
  cost: r.cost,
  costEstimated: r.usage?.costEstimated === true,
  log: r.log ?? [],
});

export const createSessionStore = () =>
  create<SessionState>()((set, get) => {
    return {
      nodeRuns: {},
      toasts: [],
      panel: null,

      toast(message, kind = 'info') {
        const id = ++toastSeq;
        set((s) => ({ toasts: [...s.toasts.slice(-3), { id, kind, message }] }));
        setTimeout(() => get().dismissToast(id), kind === 'error' ? 8000 : 4000);
      },
      dismissToast(id) {
        set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
      },
      setPanel(panel) {
        set({ panel });
      },
      togglePanel(panel) {
        set((s) => ({ panel: s.panel === panel ? null : panel }));
      },

      beginRun(id, order, target, inputs) {
        // Earlier outputs stay visible (dimmed by status) until the new run replaces them.
        set((s) => {
          const nodeRuns = { ...s.nodeRuns };
          for (const nodeId of order)
            nodeRuns[nodeId] = {
              status: 'queued',
              cached: false,
              outputs: s.nodeRuns[nodeId]?.outputs,
              log: [],
            };
          return {
            run: {
              id,
              status: 'queued',
              startedAt: Date.now(),
              order,
              cost: 0,
              saved: { nodes: 0, cost: 0 },
              target,
              inputs,
            },
            nodeRuns,
          };
        });
      },

      applyEvent(event) {
        get().applyEvents([event]);
      },

      applyEvents(events) {
        if (events.length > 0) set((s) => reduceRunEvents(s, events));
      },

      showRecord(record) {
        const nodeRuns: Record<string, NodeRunView> = {};
        for (const [id, r] of Object.entries(record.nodes ?? {})) nodeRuns[id] = nodeFromRecord(r);
        const toMs = (t: string | number | undefined) =>
          t === undefined ? undefined : new Date(t).getTime();
        set({
          nodeRuns,
          run: {
            id: record.id,
            status: record.status,
            startedAt: toMs(record.startedAt) ?? toMs(record.createdAt) ?? Date.now(),
            finishedAt: toMs(record.finishedAt),
            order: Object.keys(record.nodes ?? {}),
            cost: record.cost ?? 0,
            costEstimated: record.usage?.costEstimated === true,
            saved: record.saved ?? { nodes: 0, cost: 0 },
            usage: record.usage,
            target: record.target,
            inputs: record.inputs,
            // A run still going (reattached after a reload) is live, not a past one.
            replay: record.status !== 'queued' && record.status !== 'running',
          },
        });
      },

      set(patch) {
        set(patch);
      },
      focusNode(nodeId) {
        set({ focus: { nodeId, at: Date.now() } });
      },
    };
  });

export const useSession = createSessionStore();

export const isRunActive = (run: RunView | undefined): boolean =>
  !!run && (run.status === 'queued' || run.status === 'running');

/** A run is starting or going on: nothing else may start one. */
export const isRunBusy = (s: Pick<SessionState, 'run' | 'starting'>): boolean =>
  !!s.starting || isRunActive(s.run);
