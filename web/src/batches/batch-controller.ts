import type { ImageValue } from '@atelier/graph';
import { ApiError, api } from '../api/api';
import type { BatchBody, BatchEvent, BatchRecord, BatchRowRecord } from '../api/batch-api';
import { batchApi, batchEventsUrl } from '../api/batch-api';
import { uploadImage } from '../api/upload';
import { toWorkflow } from '../model/workflow-io';
import { isDirty, snapshotOf, useDocument } from '../store/document-store';
import { useSession } from '../store/session-store';
import type { BatchColumn } from './batch-grid';
import { fillColumn, firstFreeRow, localProblems, requestRows, serverProblems } from './batch-grid';
import { rememberBatch, useBatch } from './batch-store';
import { doneOf, isFinished } from './batch-view';

const toast = (message: string, kind: 'info' | 'error' | 'success' = 'info') =>
  useSession.getState().toast(message, kind);

/** The recipe as the batch runs it: the saved version when the canvas is exactly that. */
const recipeOf = (): Pick<BatchBody, 'workflowId' | 'version' | 'workflow'> => {
  const doc = useDocument.getState();
  if (doc.workflowId && doc.version && !isDirty(doc))
    return { workflowId: doc.workflowId, version: doc.version };
  return {
    workflow: toWorkflow(snapshotOf(doc)),
    ...(doc.workflowId ? { workflowId: doc.workflowId } : {}),
  };
};

const bodyOf = (
  columns: readonly BatchColumn[],
): { body: BatchBody; gridRow: number[] } | undefined => {
  const { rows, files, maxCost } = useBatch.getState();
  const sent = requestRows(rows, columns);
  if (sent.rows.length === 0) return undefined;
  const cap = Number(maxCost);
  const names = Object.fromEntries(Object.entries(files).map(([name, v]) => [name, v.blob]));
  return {
    body: {
      ...recipeOf(),
      rows: sent.rows,
      ...(Object.keys(names).length > 0 ? { files: names } : {}),
      ...(maxCost.trim() !== '' && Number.isFinite(cap) && cap >= 0 ? { maxCost: cap } : {}),
    },
    gridRow: sent.gridRow,
  };
};

let previewTimer: ReturnType<typeof setTimeout> | undefined;
let previewSeq = 0;
/** The last request previewed: the same one is not sent again (a card moved, not the grid). */
let previewed = '';

/** Checks the grid with the server (POST /api/batches/preview): counts, cost, bad cells. */
export const previewNow = async (
  columns: readonly BatchColumn[],
  options: { force?: boolean } = {},
): Promise<void> => {
  clearTimeout(previewTimer);
  const store = useBatch.getState();
  const local = localProblems(store.rows, columns, store.files);
  const built = bodyOf(columns);
  // No rows, or a recipe without named inputs (the panel says how to add some).
  if (!built || columns.length === 0) {
    previewed = '';
    store.set({ preflight: { state: 'idle' }, problems: local });
    return;
  }
  const key = JSON.stringify(built.body);
  if (key === previewed && !options.force) return;
  previewed = key;
  const seq = ++previewSeq;
  store.set({ preflight: { state: 'checking' } });
  try {
    const result = await batchApi.preview(built.body);
    if (seq !== previewSeq) return;
    useBatch.getState().set({ preflight: { state: 'ok', result }, problems: local });
  } catch (error) {
    if (seq !== previewSeq) return;
    if (error instanceof ApiError && error.issues && error.issues.length > 0) {
      const server = serverProblems(error.issues, built.gridRow);
      const problems = new Map([...server, ...local]);
      useBatch.getState().set({
        preflight: {
          state: 'invalid',
          message: error.message,
          count: Math.max(problems.size, error.issues.length),
        },
        problems,
      });
    } else {
      previewed = ''; // a failure to reach the server is worth another try
      useBatch.getState().set({
        preflight: {
          state: 'error',
          message: error instanceof Error ? error.message : String(error),
        },
        problems: local,
      });
    }
  }
};

/** Asks for a preflight once the grid has been still for a moment. */
export const previewSoon = (columns: readonly BatchColumn[]) => {
  clearTimeout(previewTimer);
  previewTimer = setTimeout(() => void previewNow(columns), 350);
};

let source: EventSource | undefined;

const closeEvents = () => {
  source?.close();
  source = undefined;
};

const applyBatch = (batch: BatchRecord) => {
  const store = useBatch.getState();
  const at = Date.now();
  const done = doneOf(batch);
  const progress =
    batch.status === 'running' || batch.status === 'queued'
      ? { since: store.progress?.since ?? { at, done }, latest: { at, done } }
      : store.progress && { ...store.progress, latest: { at, done } };
  store.set({ batch, progress: progress ?? undefined });
  if (isFinished(batch.status)) closeEvents();
};

const applyRow = (row: BatchRowRecord) => {
  const store = useBatch.getState();
  const results = store.results.some((r) => r.index === row.index)
    ? store.results.map((r) => (r.index === row.index ? row : r))
    : [...store.results, row].sort((a, b) => a.index - b.index);
  store.set({ results });
  if (row.runId && row.status === 'succeeded') void loadRun(row.runId);
};

const loading = new Set<string>();
/** The run of a result row (its outputs fill the results grid). */
export const loadRun = async (runId: string): Promise<void> => {
  if (useBatch.getState().runs[runId] || loading.has(runId)) return;
  loading.add(runId);
  try {
    const run = await api.getRun(runId);
    const store = useBatch.getState();
    store.set({ runs: { ...store.runs, [runId]: run } });
  } catch {
    // shown as a row without images; reopening the batch tries again
  } finally {
    loading.delete(runId);
  }
};

/** Follows a batch: its rows now, then its events (EventSource resends Last-Event-ID). */
export const openBatch = async (id: string): Promise<void> => {
  closeEvents();
  const store = useBatch.getState();
  store.set({ batch: undefined, results: [], progress: undefined, tab: 'results', filter: 'all' });
  try {
    const [batch, rows] = await Promise.all([batchApi.get(id), batchApi.rows(id)]);
    useBatch.getState().set({ results: rows });
    applyBatch(batch);
    rememberBatch(id);
    for (const row of rows.slice(0, 200))
      if (row.runId && row.status === 'succeeded') void loadRun(row.runId);
    if (isFinished(batch.status)) return;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) rememberBatch(undefined);
    useBatch.getState().set({ tab: 'rows' });
    toast(`Could not open the batch: ${(error as Error).message}`, 'error');
    return;
  }
  const es = new EventSource(batchEventsUrl(id));
  source = es;
  const handle = (msg: MessageEvent<string>) => {
    if (source !== es) return;
    let event: BatchEvent;
    try {
      event = JSON.parse(msg.data) as BatchEvent;
    } catch {
      return;
    }
    if (event.type === 'row.completed') applyRow(event.row);
    else applyBatch(event.batch);
  };
  es.addEventListener('batch.updated', handle as EventListener);
  es.addEventListener('row.completed', handle as EventListener);
};

/** Starts the grid as a batch (a retried click cannot start it twice: Idempotency-Key). */
export const startBatch = async (columns: readonly BatchColumn[]): Promise<void> => {
  const store = useBatch.getState();
  const built = bodyOf(columns);
  if (!built || store.starting) return;
  store.set({ starting: true });
  try {
    const { id } = await batchApi.create(built.body, crypto.randomUUID());
    previewed = ''; // what this batch makes will be cached: the next preflight says so
    toast(`Batch started: ${built.body.rows.length} rows`, 'success');
    await openBatch(id);
  } catch (error) {
    if (error instanceof ApiError && error.issues?.length)
      useBatch.getState().set({
        problems: new Map([
          ...serverProblems(error.issues, built.gridRow),
          ...localProblems(store.rows, columns, store.files),
        ]),
        preflight: { state: 'invalid', message: error.message, count: error.issues.length },
      });
    toast(`Batch refused: ${(error as Error).message}`, 'error');
  } finally {
    useBatch.getState().set({ starting: false });
  }
};

export const controlBatch = async (action: 'pause' | 'resume' | 'cancel' | 'retry') => {
  const batch = useBatch.getState().batch;
  if (!batch) return;
  try {
    const updated = await batchApi.control(batch.id, action);
    applyBatch(updated);
    // A resumed or retried batch has more to say.
    if ((action === 'resume' || action === 'retry') && !source) await openBatch(batch.id);
  } catch (error) {
    toast(`${action} failed: ${(error as Error).message}`, 'error');
  }
};

export const raiseCap = async (maxCost: number | null) => {
  const batch = useBatch.getState().batch;
  if (!batch) return;
  try {
    applyBatch(await batchApi.setMaxCost(batch.id, maxCost));
  } catch (error) {
    toast(`Could not change the cap: ${(error as Error).message}`, 'error');
  }
};

/** Closes the open batch (the batch goes on on the server) and goes back to the grid. */
export const closeBatch = () => {
  closeEvents();
  rememberBatch(undefined);
  useBatch.getState().set({ batch: undefined, results: [], progress: undefined, tab: 'rows' });
};

const byName = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/**
 * Uploads images dropped on (or chosen for) an image column: each becomes a file of the set
 * under its name, and the names fill the column down from its first free row.
 */
export const addImages = async (
  columns: readonly BatchColumn[],
  column: string,
  files: readonly File[],
): Promise<void> => {
  const images = [...files]
    .filter((f) => f.type.startsWith('image/') || /\.(png|jpe?g|webp)$/i.test(f.name))
    .sort((a, b) => byName.compare(a.name, b.name));
  const skipped = files.length - images.length;
  if (images.length === 0) {
    toast('Drop PNG, WebP or JPEG images (or a folder of them)', 'info');
    return;
  }
  useBatch.getState().set({ uploading: useBatch.getState().uploading + images.length });
  const uploaded: { name: string; image: ImageValue }[] = [];
  const failed: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < images.length) {
      const file = images[next++]!;
      try {
        uploaded.push({ name: file.name, image: await uploadImage(file) });
      } catch (error) {
        failed.push(`${file.name}: ${(error as Error).message}`);
      } finally {
        useBatch.getState().set({ uploading: useBatch.getState().uploading - 1 });
      }
    }
  };
  await Promise.all([worker(), worker(), worker()]);
  uploaded.sort((a, b) => byName.compare(a.name, b.name));
  const store = useBatch.getState();
  const filesMap = { ...store.files };
  for (const { name, image } of uploaded) filesMap[name] = image;
  const rows = fillColumn(
    store.rows,
    columns,
    column,
    uploaded.map((u) => u.name),
    firstFreeRow(store.rows, column),
  );
  store.set({ files: filesMap, rows });
  if (failed.length > 0) toast(`Not uploaded: ${failed.join('; ')}`, 'error');
  else
    toast(
      `${uploaded.length} image${uploaded.length === 1 ? '' : 's'} added to “${column}”${skipped ? ` (${skipped} other files skipped)` : ''}`,
      'success',
    );
  previewSoon(columns);
};

/** Every file under a dropped folder (or the files dropped), through the entries API. */
export const droppedFiles = async (data: DataTransfer): Promise<File[]> => {
  const entries = [...data.items]
    .map((item) => (item.kind === 'file' ? item.webkitGetAsEntry?.() : null))
    .filter((e): e is FileSystemEntry => !!e);
  if (entries.length === 0) return [...data.files];
  const out: File[] = [];
  const walk = async (entry: FileSystemEntry): Promise<void> => {
    if (entry.isFile)
      out.push(
        await new Promise<File>((resolve, reject) =>
          (entry as FileSystemFileEntry).file(resolve, reject),
        ),
      );
    else if (entry.isDirectory) {
      const reader = (entry as FileSystemDirectoryEntry).createReader();
      // readEntries answers in batches until an empty one.
      for (;;) {
        const batch = await new Promise<FileSystemEntry[]>((resolve, reject) =>
          reader.readEntries(resolve, reject),
        );
        if (batch.length === 0) break;
        for (const child of batch) await walk(child);
      }
    }
  };
  for (const entry of entries) await walk(entry);
  return out;
};
