import type { ImageValue, Issue, MaskValue, PortValue } from '@atelier/graph';
import { create } from 'zustand';
import type {
  NodeErrorView,
  NodeRecordView,
  RunEvent,
  RunRecordView,
  RunStatusView,
  UsageView,
} from '../lib/run-types';

/** What the editor shows on a node card for the current (or last opened) run. */
export interface NodeRunView {
  status: 'queued' | 'running' | 'succeeded' | 'failed' | 'skipped' | 'cancelled';
  cached: boolean;
  partial?: { index: number; image: ImageValue };
  outputs?: Record<string, PortValue>;
  error?: NodeErrorView;
  cost?: number;
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
  saved: { nodes: number; cost: number };
  usage?: UsageView;
  target?: string;
  /** Opened from history rather than watched live. */
  replay?: boolean;
}

export interface Toast {
  id: number;
  kind: 'info' | 'error' | 'success';
  message: string;
}

export type Panel = 'library' | 'history' | 'help' | null;

export interface SessionState {
  provider?: 'simulator' | 'openai';
  serverDown?: boolean;
  run?: RunView;
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
  beginRun(id: string, order: string[], target?: string): void;
  applyEvent(event: RunEvent): void;
  showRecord(record: RunRecordView): void;
  set(patch: Partial<SessionState>): void;
}

let toastSeq = 0;

const nodeFromRecord = (r: NodeRecordView): NodeRunView => ({
  status: r.status === 'pending' ? 'queued' : r.status,
  cached: r.cached,
  outputs: r.outputs,
  error: r.error,
  cost: r.cost,
  log: r.log ?? [],
});

export const createSessionStore = () =>
  create<SessionState>()((set, get) => {
    const patchNode = (id: string, patch: (prev: NodeRunView) => Partial<NodeRunView>) =>
      set((s) => {
        const prev = s.nodeRuns[id] ?? { status: 'queued', cached: false, log: [] };
        return { nodeRuns: { ...s.nodeRuns, [id]: { ...prev, ...patch(prev) } } };
      });

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

      beginRun(id, order, target) {
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
            },
            nodeRuns,
          };
        });
      },

      applyEvent(event) {
        const run = get().run;
        switch (event.type) {
          case 'run.started':
            if (run) set({ run: { ...run, status: 'running', order: event.nodes } });
            for (const id of event.nodes)
              patchNode(id, (p) =>
                p.status === 'queued'
                  ? {}
                  : { status: 'queued', cached: false, error: undefined, log: [] },
              );
            return;
          case 'node.started':
            return patchNode(event.nodeId, () => ({ status: 'running', partial: undefined }));
          case 'node.partial_image':
            return patchNode(event.nodeId, () => ({
              partial: { index: event.index, image: event.image },
            }));
          case 'node.log':
            return patchNode(event.nodeId, (p) => ({ log: [...p.log, event.message] }));
          case 'node.completed':
            patchNode(event.nodeId, () => ({
              status: 'succeeded',
              cached: event.cached,
              outputs: event.outputs,
              partial: undefined,
              error: undefined,
              cost: event.cost,
              durationMs: event.durationMs,
            }));
            if (run)
              set({
                run: {
                  ...get().run!,
                  cost: get().run!.cost + (event.cached ? 0 : event.cost),
                  saved: event.cached
                    ? {
                        nodes: get().run!.saved.nodes + 1,
                        cost: get().run!.saved.cost + event.cost,
                      }
                    : get().run!.saved,
                },
              });
            return;
          case 'node.failed':
            return patchNode(event.nodeId, () => ({
              status: event.status,
              error: event.error,
              partial: undefined,
            }));
          case 'run.completed': {
            const summary = event.summary;
            if (run)
              set({
                run: {
                  ...run,
                  status: summary.status,
                  finishedAt: summary.finishedAt ?? event.at,
                  cost: summary.cost ?? run.cost,
                  saved: summary.saved ?? run.saved,
                  usage: summary.usage,
                },
              });
            return;
          }
          default: {
            const never: never = event;
            return never;
          }
        }
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
            saved: record.saved ?? { nodes: 0, cost: 0 },
            usage: record.usage,
            target: record.target,
            replay: true,
          },
        });
      },

      set(patch) {
        set(patch);
      },
    };
  });

export const useSession = createSessionStore();

export const isRunActive = (run: RunView | undefined): boolean =>
  !!run && (run.status === 'queued' || run.status === 'running');
