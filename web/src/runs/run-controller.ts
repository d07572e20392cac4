import type { ImageValue, MaskValue } from '@atelier/graph';
import { labelOfNode } from '../store/recipes-store';
import { ancestorsOf } from '@atelier/graph';
import { checkDocument } from '../recipes/check-document';
import { checkModels, registry } from '@atelier/nodes';
import { ApiError, api, runEventsUrl } from '../api/api';
import { isDirty, snapshotOf, useDocument } from '../store/document-store';
import { useModels } from '../store/models-store';
import { isRunActive, useSession } from '../store/session-store';
import type { RunEvent } from '../api/run-types';
import { RUN_EVENT_TYPES } from '../api/run-types';
import { describeIssue } from '../model/describe-issue';
import { missingMedia } from '../model/missing-media';
import { toWorkflow } from '../model/workflow-io';
import { rememberRun } from '../app/autosave';

let source: EventSource | undefined;

/** SSE payloads may be the bare RunEvent or a `{ seq, runId, event }` record; accept both. */
const unwrap = (raw: string): { seq?: number; event: RunEvent } | undefined => {
  try {
    const parsed = JSON.parse(raw) as { seq?: number; event?: RunEvent; type?: string };
    if (parsed.event && typeof parsed.event === 'object')
      return { seq: parsed.seq, event: parsed.event };
    if (typeof parsed.type === 'string') return { event: parsed as RunEvent };
  } catch {
    // ignore keep-alive comments or malformed lines
  }
  return undefined;
};

/**
 * "Run failed: Generate image “g1” — <what the API said>" names the first failure by its title
 * and brings that node into view (its card holds the whole message).
 */
const runOutcome = (status: string): string => {
  if (status !== 'failed') return `Run ${status}`;
  const failed = Object.entries(useSession.getState().nodeRuns).find(
    ([, r]) => r.status === 'failed',
  );
  if (!failed) return 'Run failed';
  const node = useDocument.getState().nodes.find((n) => n.id === failed[0]);
  useSession.getState().focusNode(failed[0]);
  return `Run failed: ${node ? labelOfNode(node) : failed[0]} — ${failed[1].error?.message ?? failed[1].error?.code ?? 'error'}`;
};

/**
 * Events waiting to be applied: they arrive one SSE message at a time (a cached rerun of a
 * large graph sends thousands at once), and are applied together at most every frame.
 */
let pending: RunEvent[] = [];
let flushTimer: ReturnType<typeof setTimeout> | undefined;
const flush = () => {
  clearTimeout(flushTimer);
  flushTimer = undefined;
  const events = pending;
  pending = [];
  useSession.getState().applyEvents(events);
};

/** Stops following the current run (the run itself goes on on the server). */
export const detachRun = (): void => {
  source?.close();
  source = undefined;
  clearTimeout(flushTimer);
  flushTimer = undefined;
  pending = [];
  rememberRun(undefined);
};

/** Follows a run's events until run.completed; EventSource reconnects with Last-Event-ID. */
export const watchRun = (runId: string): void => {
  detachRun();
  const es = new EventSource(runEventsUrl(runId));
  source = es;
  rememberRun(runId);
  let lastSeq = 0;
  const handle = (msg: MessageEvent<string>) => {
    if (source !== es) return; // detached: another document or run took over
    const item = unwrap(msg.data);
    if (!item) return;
    const seq = item.seq ?? (Number(msg.lastEventId) || undefined);
    if (seq !== undefined) {
      if (seq <= lastSeq) return; // a replay after reconnecting
      lastSeq = seq;
    }
    pending.push(item.event);
    if (item.event.type !== 'run.completed') {
      flushTimer ??= setTimeout(flush, 16);
      return;
    }
    flush();
    detachRun();
    const status = item.event.summary.status;
    useSession
      .getState()
      .toast(
        runOutcome(status),
        status === 'succeeded' ? 'success' : status === 'failed' ? 'error' : 'info',
      );
  };
  es.onmessage = handle;
  for (const type of RUN_EVENT_TYPES) es.addEventListener(type, handle as EventListener);
  // The server's last word for a run that ended without run.completed (e.g. interrupted).
  es.addEventListener('run.ended', () => {
    if (source !== es) return;
    flush();
    detachRun();
    void refreshRun(runId);
  });
  es.onerror = () => {
    // The browser retries on its own; if the run ended meanwhile, fetch its final record.
    if (source === es && es.readyState === EventSource.CLOSED) {
      flush();
      detachRun();
      void refreshRun(runId);
    }
  };
};

/** Waits between attempts to fetch a run's final record (the server may be restarting). */
export const REFRESH_DELAYS_MS = [1000, 3000, 9000];

/**
 * After the event stream ended without run.completed: fetches the run's record and shows it,
 * follows it again if it is still going, and retries while the server cannot be reached; when
 * every attempt fails it says so, so the canvas never stays on "running" without a word.
 */
export const refreshRun = async (runId: string, attempt = 0): Promise<void> => {
  // Only while this run is still the one on screen (not after another document was opened).
  if (useSession.getState().run?.id !== runId) return;
  try {
    const record = await api.getRun(runId);
    if (useSession.getState().run?.id !== runId) return;
    if (isRunActive({ status: record.status } as never)) watchRun(runId);
    else useSession.getState().showRecord(record);
  } catch (error) {
    const delay = REFRESH_DELAYS_MS[attempt];
    if (delay !== undefined) {
      setTimeout(() => void refreshRun(runId, attempt + 1), delay);
      return;
    }
    markRunLost(runId);
    useSession
      .getState()
      .toast(
        `Lost contact with the run: ${error instanceof Error ? error.message : String(error)} What it shows may be out of date; open it from History once the server answers.`,
        'error',
      );
  }
};

/**
 * The run's outcome is unknown: the run bar and the cards leave "running" (nothing is
 * watching any more), as interrupted; History shows the real outcome once the server answers.
 */
const markRunLost = (runId: string) => {
  const { run, nodeRuns, set } = useSession.getState();
  if (run?.id !== runId || !isRunActive(run)) return;
  const settled = Object.fromEntries(
    Object.entries(nodeRuns).map(([id, r]) => [
      id,
      r.status === 'queued' || r.status === 'running'
        ? { ...r, status: 'cancelled' as const, partial: undefined }
        : r,
    ]),
  );
  set({ run: { ...run, status: 'interrupted' }, nodeRuns: settled });
};

export interface StartOptions {
  target?: string;
  inputs?: Record<string, string | ImageValue | MaskValue>;
  force?: string[];
}

/**
 * Sends the current document as an inline workflow and follows the run. One start at a time:
 * a second press while the first is being checked or sent does nothing.
 */
export const startRun = async (opts: StartOptions = {}): Promise<string | undefined> => {
  if (useSession.getState().starting) return undefined;
  useSession.setState({ starting: true });
  try {
    return await checkAndStart(opts);
  } finally {
    useSession.setState({ starting: false });
  }
};

const checkAndStart = async (opts: StartOptions): Promise<string | undefined> => {
  const session = useSession.getState();
  const doc = useDocument.getState();
  const workflow = toWorkflow(snapshotOf(doc));
  if (workflow.nodes.length === 0) {
    session.toast('Add some nodes first: press / to search the palette', 'info');
    return undefined;
  }
  const checked = await checkDocument(
    workflow,
    doc.workflowId ? { workflowId: doc.workflowId, name: doc.name } : undefined,
  );
  // Models are checked as the server will check them: a dead one is refused before sending.
  const models = useModels.getState();
  const modelErrors = checked.ok
    ? checkModels(checked.workflow, registry, models.catalogue, models.defaults, models.now())
        .errors
    : [];
  const empty = checked.ok ? missingMedia(workflow, opts.inputs, opts.target) : [];
  if (!checked.ok || modelErrors.length > 0 || empty.length > 0) {
    session.set({
      importIssues: {
        title: 'This workflow cannot run yet',
        issues: checked.ok ? [...modelErrors, ...empty] : checked.issues,
        ofCanvas: true,
      },
    });
    return undefined;
  }
  try {
    // A saved, unchanged workflow runs by id; an edited one sends its document too, so the
    // run still lands in that workflow's history.
    const byId = doc.workflowId && doc.version && !isDirty(doc);
    const { id, warnings } = await api.startRun({
      ...(byId
        ? { workflowId: doc.workflowId, version: doc.version }
        : { workflow, ...(doc.workflowId && { workflowId: doc.workflowId }) }),
      ...(opts.inputs && Object.keys(opts.inputs).length > 0 && { inputs: opts.inputs }),
      ...(opts.target && { target: opts.target }),
      ...(opts.force && { force: opts.force }),
    });
    const order = opts.target
      ? [...ancestorsOf(workflow, opts.target), opts.target]
      : workflow.nodes.map((n) => n.id);
    session.beginRun(id, order, opts.target, opts.inputs);
    for (const warning of warnings ?? []) session.toast(warning.message, 'info');
    watchRun(id);
    return id;
  } catch (error) {
    if (error instanceof ApiError && error.issues && error.issues.length > 0)
      session.set({
        importIssues: {
          title: 'The server refused this run',
          issues: error.issues.map((i) => ({ ...i, path: i.path.replace(/^workflow\./, '') })),
          ofCanvas: true,
        },
      });
    else if (error instanceof ApiError) {
      // Named by node and in the editor's words; the node is brought into view.
      const doc = useDocument.getState();
      const shown = describeIssue(
        {
          path: (error.path ?? '').replace(/^workflow\./, ''),
          code: error.code,
          message: error.message,
        },
        doc.nodes,
        doc.inputs,
      );
      session.toast(`Run refused: ${shown.where ? `${shown.where} — ` : ''}${shown.text}`, 'error');
      if (shown.nodeId) session.focusNode(shown.nodeId);
    } else session.toast(`Run refused: ${String(error)}`, 'error');
    return undefined;
  }
};

export const cancelRun = async (): Promise<void> => {
  const run = useSession.getState().run;
  if (!run || !isRunActive(run)) return;
  try {
    await api.cancelRun(run.id);
  } catch (error) {
    useSession
      .getState()
      .toast(`Cancel failed: ${error instanceof Error ? error.message : String(error)}`, 'error');
  }
};

/** Opens a past run: its node states and outputs appear on the canvas. */
export const openRun = async (runId: string): Promise<void> => {
  try {
    const record = await api.getRun(runId);
    detachRun();
    // A run of another document (from "All runs") brings its document onto the canvas, so
    // its outputs have their nodes; Ctrl+Z returns to the document that was there.
    const doc = useDocument.getState();
    const onCanvas = new Set(doc.nodes.map((n) => n.id));
    if (!record.workflow.nodes.every((n) => onCanvas.has(n.id))) {
      doc.load(record.workflow, { keepHistory: true });
      useSession
        .getState()
        .toast(`Opened the document of this run, “${record.workflow.name}” (Ctrl+Z goes back)`);
    }
    useSession.getState().showRecord(record);
    if (isRunActive(useSession.getState().run)) watchRun(runId);
  } catch (error) {
    useSession
      .getState()
      .toast(
        `Could not open run: ${error instanceof Error ? error.message : String(error)}`,
        'error',
      );
  }
};

/**
 * Shows a finished run's outputs on the canvas again (after a reload), only when the canvas
 * still holds its nodes; quietly nothing when the run is gone or belongs to another document.
 */
export const showPastRun = async (runId: string): Promise<boolean> => {
  try {
    const record = await api.getRun(runId);
    const onCanvas = new Set(useDocument.getState().nodes.map((n) => n.id));
    if (!Object.keys(record.nodes ?? {}).every((id) => onCanvas.has(id))) return false;
    if (useSession.getState().run) return false; // a run started meanwhile wins
    useSession.getState().showRecord(record);
    if (isRunActive(useSession.getState().run)) watchRun(runId);
    return true;
  } catch (error) {
    console.warn(`Atelier: the last run ${runId} could not be shown again`, error);
    return false;
  }
};
