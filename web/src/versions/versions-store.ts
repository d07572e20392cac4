import type { Workflow, WorkflowDiff } from '@atelier/graph';
import { create } from 'zustand';
import type { Author, DiffSide, Viewer } from '../api/versions-api';

/** Two versions (or a document and a version) being compared in the Versions panel. */
export interface Comparison {
  workflowId: string;
  from: DiffSide;
  /** null: the canvas's own document. */
  to: DiffSide | null;
  diff: WorkflowDiff;
}

/** A save refused because someone saved first: what the conflict dialog shows. */
export interface Conflict {
  workflowId: string;
  /** The version my edit started from. */
  baseVersion?: number;
  theirs: { version: number; document: Workflow; author?: Author };
  /** From theirs to mine: what keeping mine would change. */
  diff: WorkflowDiff;
  busy?: boolean;
  error?: string;
}

export interface VersionsState {
  comparison?: Comparison;
  conflict?: Conflict;
  /** Everyone with this workflow open, this tab included (see `session`). */
  viewers: Viewer[];
  /** The latest version the server knows of (from the last heartbeat). */
  latest?: { version: number; author?: Author };
  set(patch: Partial<Omit<VersionsState, 'set'>>): void;
}

export const useVersions = create<VersionsState>()((set) => ({
  viewers: [],
  set: (patch) => set(patch),
}));

/** This tab's presence session: made up once per page load (two tabs are two viewers). */
export const SESSION: string = Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) =>
  b.toString(16).padStart(2, '0'),
).join('');
