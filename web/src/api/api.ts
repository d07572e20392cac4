import type {
  ImageMime,
  ImageValue,
  Issue,
  MaskValue,
  Workflow,
  WorkflowSignature,
} from '@atelier/graph';
import { parseWorkflow } from '@atelier/graph';
import type { AppType, ModelsResponse } from '@atelier/server';
import { hc } from 'hono/client';
import { authHeaders, UNAUTHORIZED_EVENT } from './access-token';
import type { RunEvent, RunRecordView, RunStatusView } from './run-types';

/**
 * The HTTP API of DESIGN.md §7 as thin typed functions over `hc<AppType>`: every path,
 * parameter and JSON body is checked against the server's routes at compile time.
 */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly path?: string,
    readonly issues?: { path: string; code: string; message: string }[],
  ) {
    super(message);
  }
}

const describeFailure = async (res: Response): Promise<ApiError> => {
  let code = `http_${res.status}`;
  let message = `${res.status} ${res.statusText}`;
  let path: string | undefined;
  let issues: ApiError['issues'];
  try {
    const body = (await res.json()) as {
      error?: { code?: string; message?: string; path?: string; issues?: ApiError['issues'] };
    };
    if (body.error) {
      code = body.error.code ?? code;
      message = body.error.message ?? message;
      path = body.error.path;
      issues = body.error.issues;
    }
  } catch {
    // not JSON: keep the status line
  }
  return new ApiError(res.status, code, message, path, issues);
};

/** Sends a request; a failure (network or 4xx/5xx) becomes an ApiError with the API's words. */
export const send = async (call: () => Promise<Response>): Promise<Response> => {
  let res: Response;
  try {
    res = await call();
  } catch {
    throw new ApiError(0, 'network_error', 'The server cannot be reached. Is it running?');
  }
  if (res.status === 401) window.dispatchEvent(new Event(UNAUTHORIZED_EVENT));
  if (!res.ok) throw await describeFailure(res);
  return res;
};

/** The success body; its shape is the one declared here (the client checks paths and inputs). */
export const body = async <T>(call: () => Promise<Response>): Promise<T> =>
  (await (await send(call)).json()) as T;

export interface Health {
  ok: boolean;
  provider: 'simulator' | 'openai';
  version: string;
}

export interface UploadedBlob {
  blob: string;
  mime: ImageMime;
  width: number;
  height: number;
  bytes: number;
}

export interface WorkflowSummary {
  id: string;
  name: string;
  version: number;
  createdAt?: string | number;
  updatedAt?: string | number;
  /** Set on a fork: the workflow and version it was copied from. */
  forkedFrom?: { id: string; version: number };
  /** Who saved the latest version (absent on versions saved before authors were recorded). */
  updatedBy?: { id: string; name: string };
}

export interface WorkflowRecord extends WorkflowSummary {
  document: Workflow;
}

export interface WorkflowVersionSummary {
  version: number;
  createdAt?: string | number;
  name?: string;
  author?: { id: string; name: string };
  message?: string;
}

export interface StartRunBody {
  workflow?: Workflow;
  workflowId?: string;
  /** With workflowId: run that saved version (default: the current one). */
  version?: number;
  inputs?: Record<string, string | ImageValue | MaskValue>;
  target?: string;
  force?: string[];
}

/** Lists may come bare or wrapped (`{ workflows: [...] }`); accept both. */
const listOf = <T>(value: unknown, key: string): T[] => {
  if (Array.isArray(value)) return value as T[];
  if (value && typeof value === 'object') {
    const inner =
      (value as Record<string, unknown>)[key] ?? (value as Record<string, unknown>).items;
    if (Array.isArray(inner)) return inner as T[];
  }
  return [];
};

/**
 * A document from the server goes through `parseWorkflow` like every other load (a file, the
 * autosave): one stored by an older format is migrated before the editor sees it.
 */
export const readDocument = (json: unknown, what: string): Workflow => {
  const parsed = parseWorkflow(json);
  if (parsed.ok) return parsed.workflow;
  const first = parsed.issues[0];
  throw new ApiError(
    0,
    'unreadable_document',
    `${what} cannot be opened: ${first?.message ?? 'not a workflow document'}`,
    first?.path,
    parsed.issues,
  );
};
const withDocument = <T extends { document: unknown }>(record: T, what: string) => ({
  ...record,
  document: readDocument(record.document, what),
});
const withWorkflow = <T extends { id: string; workflow: unknown }>(record: T) => ({
  ...record,
  workflow: readDocument(record.workflow, `The document of run ${record.id}`),
});

export const blobUrl = (blob: string): string => `/api/blobs/${blob}`;
export const runEventsUrl = (runId: string): string => `/api/runs/${runId}/events`;

/** `If-Match: "<version>"` (the workflow's ETag) for a save based on that version. */
export const ifMatchHeaders = (version: number | undefined): Record<string, string> =>
  version === undefined ? {} : { 'If-Match': `"${version}"` };

/** Typed paths, params and JSON bodies from the server's own routes (no code generation). */
export const client = hc<AppType>('/', { headers: authHeaders });

export const api = {
  health: () => body<Health>(() => client.api.health.$get()),
  /** The model catalogue merged with the API's list, and the configured defaults. */
  models: () => body<ModelsResponse>(() => client.api.models.$get()),
  /** Raw bytes: the route reads the body itself, so this one goes through fetch. */
  uploadBlob: (file: Blob) =>
    body<UploadedBlob>(() =>
      fetch('/api/blobs', {
        method: 'POST',
        headers: { 'content-type': file.type || 'application/octet-stream', ...authHeaders() },
        body: file,
      }),
    ),
  listWorkflows: async () =>
    listOf<WorkflowSummary>(await body<unknown>(() => client.api.workflows.$get()), 'workflows'),
  getWorkflow: async (id: string) =>
    withDocument(
      await body<WorkflowRecord>(() => client.api.workflows[':id'].$get({ param: { id } })),
      `Workflow ${id}`,
    ),
  getWorkflowVersion: async (id: string, version: number) =>
    withDocument(
      await body<WorkflowRecord>(() =>
        client.api.workflows[':id'].versions[':version'].$get({
          param: { id, version: String(version) },
        }),
      ),
      `Version ${version} of workflow ${id}`,
    ),
  renameWorkflow: (id: string, name: string, baseVersion?: number) =>
    body<{ id: string; version: number }>(() =>
      client.api.workflows[':id'].$patch(
        { param: { id }, json: { name } },
        { headers: ifMatchHeaders(baseVersion) },
      ),
    ),
  listVersions: async (id: string) =>
    listOf<WorkflowVersionSummary>(
      await body<unknown>(() => client.api.workflows[':id'].versions.$get({ param: { id } })),
      'versions',
    ),
  /** A recipe's typed inputs and outputs (DESIGN.md §13), of one version or the current one. */
  getSignature: (id: string, version?: number) =>
    body<WorkflowSignature>(() =>
      client.api.workflows[':id'].signature.$get({
        param: { id },
        query: version === undefined ? {} : { version: String(version) },
      }),
    ),
  createWorkflow: (doc: Workflow) =>
    body<{ id: string; version: number }>(() => client.api.workflows.$post({ json: doc })),
  /** With `baseVersion` (the version the edit started from), the server refuses the save
   * with 409 version_conflict when someone saved another version since. */
  updateWorkflow: (id: string, doc: Workflow, baseVersion?: number) =>
    body<{ id: string; version: number }>(() =>
      client.api.workflows[':id'].$put(
        { param: { id }, json: doc },
        { headers: ifMatchHeaders(baseVersion) },
      ),
    ),
  deleteWorkflow: (id: string) =>
    body<unknown>(() => client.api.workflows[':id'].$delete({ param: { id } })),
  startRun: (run: StartRunBody) =>
    body<{ id: string; warnings?: Issue[] }>(() => client.api.runs.$post({ json: run })),
  getRun: async (id: string) =>
    withWorkflow(await body<RunRecordView>(() => client.api.runs[':id'].$get({ param: { id } }))),
  listRuns: async (workflowId?: string) =>
    listOf<RunRecordView>(
      await body<unknown>(() => client.api.runs.$get({ query: workflowId ? { workflowId } : {} })),
      'runs',
    ).map(withWorkflow),
  cancelRun: (id: string) =>
    body<unknown>(() => client.api.runs[':id'].cancel.$post({ param: { id } })),
};

export type { RunEvent, RunStatusView };
