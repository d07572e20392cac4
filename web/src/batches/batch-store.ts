import type { ImageValue } from '@atelier/graph';
import { create } from 'zustand';
import type { BatchPreflight, BatchRecord, BatchRowRecord } from '../api/batch-api';
import type { RunRecordView } from '../api/run-types';
import type { GridRow } from './batch-grid';

export type PreflightState =
  | { state: 'idle' }
  | { state: 'checking' }
  | { state: 'ok'; result: BatchPreflight }
  | { state: 'invalid'; message: string; count: number }
  | { state: 'error'; message: string };

/** Rows done over time, for the ETA: the first sample seen while running and the latest. */
export interface Progress {
  since: { at: number; done: number };
  latest: { at: number; done: number };
}

/**
 * The Batch panel's state (never part of the document): the grid being prepared, the
 * uploaded set its image cells name, the preflight, and the batch open in the panel.
 */
export interface BatchState {
  tab: 'rows' | 'results';
  rows: GridRow[];
  /** The uploaded set: file name → image. */
  files: Record<string, ImageValue>;
  uploading: number;
  maxCost: string;
  preflight: PreflightState;
  /** Problems by cell (`row:column`, or `row:` for a whole row). */
  problems: Map<string, string>;
  starting: boolean;
  batch?: BatchRecord;
  results: BatchRowRecord[];
  runs: Record<string, RunRecordView>;
  progress?: Progress;
  filter: string;
  set(patch: Partial<BatchState>): void;
  setRows(rows: GridRow[]): void;
}

const DRAFT_KEY = 'atelier.batch.draft';
const OPEN_KEY = 'atelier.batch.open';

interface Draft {
  rows: GridRow[];
  files: Record<string, ImageValue>;
  maxCost: string;
}

const readDraft = (): Partial<Draft> => {
  try {
    return (JSON.parse(localStorage.getItem(DRAFT_KEY) ?? '{}') as Partial<Draft>) ?? {};
  } catch {
    return {};
  }
};

export const useBatch = create<BatchState>()((set) => {
  const draft = readDraft();
  return {
    tab: 'rows',
    rows: Array.isArray(draft.rows) ? draft.rows : [],
    files: draft.files && typeof draft.files === 'object' ? draft.files : {},
    uploading: 0,
    maxCost: typeof draft.maxCost === 'string' ? draft.maxCost : '',
    preflight: { state: 'idle' },
    problems: new Map(),
    starting: false,
    results: [],
    runs: {},
    filter: 'all',
    set: (patch) => set(patch),
    setRows: (rows) => set({ rows }),
  };
});

// The grid a person typed survives a reload (it is theirs until a batch takes it).
let saveTimer: ReturnType<typeof setTimeout> | undefined;
useBatch.subscribe((s, prev) => {
  if (s.rows === prev.rows && s.files === prev.files && s.maxCost === prev.maxCost) return;
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => {
    try {
      const { rows, files, maxCost } = useBatch.getState();
      localStorage.setItem(DRAFT_KEY, JSON.stringify({ rows, files, maxCost } satisfies Draft));
    } catch {
      // storage full or unavailable: the grid stays in memory
    }
  }, 300);
});

/** The batch open in the panel, reopened after a reload. */
export const rememberedBatch = (): string | undefined =>
  localStorage.getItem(OPEN_KEY) ?? undefined;
export const rememberBatch = (id: string | undefined) => {
  if (id) localStorage.setItem(OPEN_KEY, id);
  else localStorage.removeItem(OPEN_KEY);
};
