import type { Workflow, WorkflowDiff } from '@atelier/graph';
import { body, client, ifMatchHeaders, readDocument } from './api';

/**
 * Working together (issue 14): version authors, diffs, restore, forks of a document and
 * presence, over the same typed client as api.ts.
 */

export interface Author {
  id: string;
  name: string;
}

export interface VersionInfo {
  version: number;
  name?: string;
  createdAt?: number;
  /** Absent on versions saved before authors were recorded. */
  author?: Author;
  message?: string;
}

/** One side of a diff: which version, when, by whom, why. */
export interface DiffSide {
  version: number;
  name: string;
  savedAt: number;
  author?: Author;
  message?: string;
}

export interface DiffAnswer {
  workflowId: string;
  from: DiffSide;
  /** null when `to` is a document that is not saved (POST /diff). */
  to: DiffSide | null;
  diff: WorkflowDiff;
}

export interface Viewer {
  session: string;
  id: string;
  name: string;
  since: number;
  seenAt: number;
}

export interface PresenceAnswer {
  viewers: Viewer[];
  latest: { version: number; savedAt: number; author?: Author };
}

/** A run as the version diff needs it: which saved version it ran (none: an unsaved edit). */
export interface RunOfVersion {
  id: string;
  workflowVersion?: number;
  status: string;
  createdAt: number;
}

/** A save body: the document, and beside its keys the optional message of this version. */
export const withMessage = (doc: Workflow, message?: string): Workflow =>
  (message?.trim() ? { ...doc, message: message.trim() } : doc) as Workflow;

export const versionsApi = {
  list: async (id: string): Promise<VersionInfo[]> =>
    body(() => client.api.workflows[':id'].versions.$get({ param: { id } })),
  diff: async (id: string, from: number, to: number): Promise<DiffAnswer> =>
    body(() =>
      client.api.workflows[':id'].diff.$get({
        param: { id },
        query: { from: String(from), to: String(to) },
      }),
    ),
  /** `document` (unsaved) against a saved version (default: the latest). */
  diffDocument: async (id: string, document: Workflow, against?: number): Promise<DiffAnswer> =>
    body(() =>
      client.api.workflows[':id'].diff.$post({
        param: { id },
        json: { document, ...(against !== undefined ? { against } : {}) },
      }),
    ),
  restore: (id: string, version: number, latest?: number) =>
    body(() =>
      client.api.workflows[':id'].versions[':version'].restore.$post(
        { param: { id, version: String(version) }, json: {} },
        { headers: ifMatchHeaders(latest) },
      ),
    ),
  /** A new workflow holding `document`, recorded as a fork of `id` at `version`. */
  fork: (id: string, version: number, document: Workflow, name: string) =>
    body(() =>
      client.api.workflows[':id'].fork.$post({ param: { id }, json: { version, document, name } }),
    ),
  beat: async (id: string, session: string): Promise<PresenceAnswer> =>
    body(() => client.api.workflows[':id'].presence.$post({ param: { id }, json: { session } })),
  leave: (id: string, session: string) =>
    body(() =>
      client.api.workflows[':id'].presence[':session'].$delete({ param: { id, session } }),
    ),
  /** The workflow's runs (newest first, up to 500): which version each ran, and how it ended. */
  runs: async (id: string): Promise<RunOfVersion[]> =>
    (await body(() => client.api.runs.$get({ query: { workflowId: id, limit: '500' } }))).map(
      ({ id: runId, workflowVersion, status, createdAt }) => ({
        id: runId,
        status,
        createdAt,
        ...(workflowVersion !== undefined ? { workflowVersion } : {}),
      }),
    ),
  /** The latest version of a workflow with its document (theirs, in a conflict). */
  latest: async (id: string) => {
    const record = await body(() => client.api.workflows[':id'].$get({ param: { id } }));
    return { ...record, document: readDocument(record.document, `Workflow ${id}`) };
  },
};
