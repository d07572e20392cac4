import type { Workflow } from '@atelier/graph';
import { parseWorkflow } from '@atelier/graph';
import type { AppType } from '@atelier/server';
import { hc, type ClientResponse, type InferRequestType } from 'hono/client';
import type { SuccessStatusCode } from 'hono/utils/http-status';
import { authHeaders, UNAUTHORIZED_EVENT } from './access-token';
import type { RunEvent, RunStatusView } from './run-types';

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
    /** The whole `error` object of the answer: some codes carry more (`workflow_in_use` → `users`). */
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
  }
}

/** What `send` reads of an answer: a fetch Response and a typed client response alike. */
interface Answer {
  ok: boolean;
  status: number;
  statusText: string;
  json(): Promise<unknown>;
}

const describeFailure = async (res: Answer): Promise<ApiError> => {
  let code = `http_${res.status}`;
  let message = `${res.status} ${res.statusText}`;
  let path: string | undefined;
  let issues: ApiError['issues'];
  let details: ApiError['details'];
  try {
    const body = (await res.json()) as {
      error?: { code?: string; message?: string; path?: string; issues?: ApiError['issues'] };
    };
    if (body.error) {
      code = body.error.code ?? code;
      message = body.error.message ?? message;
      path = body.error.path;
      issues = body.error.issues;
      details = body.error;
    }
  } catch {
    // not JSON: keep the status line
  }
  return new ApiError(res.status, code, message, path, issues, details);
};

/** Sends a request; a failure (network or 4xx/5xx) becomes an ApiError with the API's words. */
const send = async <R extends Answer>(call: () => Promise<R>): Promise<R> => {
  let res: R;
  try {
    res = await call();
  } catch {
    throw new ApiError(0, 'network_error', 'The server cannot be reached. Is it running?');
  }
  if (res.status === 401) window.dispatchEvent(new Event(UNAUTHORIZED_EVENT));
  if (!res.ok) throw await describeFailure(res);
  return res;
};

/**
 * What a route answers on success, as the server's own handlers declare it: `hc<AppType>`
 * infers it, nothing here re-declares it (a changed route fails to compile in the editor).
 */
type Success<R> =
  R extends ClientResponse<infer T, infer S, 'json'>
    ? S extends SuccessStatusCode
      ? T
      : never
    : never;

/** The success body of a typed call. */
export const body = async <R extends ClientResponse<unknown, number, string>>(
  call: () => Promise<R>,
): Promise<Success<R>> => (await (await send(call)).json()) as Success<R>;

/** Typed paths, params and JSON bodies from the server's own routes (no code generation). */
export const client = hc<AppType>('/', { headers: authHeaders });
type Client = typeof client;
type Ok<F extends (...args: never[]) => Promise<ClientResponse<unknown, number, string>>> = Success<
  Awaited<ReturnType<F>>
>;

export type Health = Ok<Client['api']['health']['$get']>;
export type UploadedBlob = Ok<Client['api']['blobs']['$post']>;
export type WorkflowSummary = Ok<Client['api']['workflows']['$get']>[number];
export type WorkflowVersionSummary = Ok<
  Client['api']['workflows'][':id']['versions']['$get']
>[number];
export type StartRunBody = InferRequestType<Client['api']['runs']['$post']>['json'];

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

export const api = {
  health: () => body(() => client.api.health.$get()),
  /** The model catalogue merged with the API's list, and the configured defaults. */
  models: () => body(() => client.api.models.$get()),
  /** Raw bytes: the route reads the body itself (no JSON), so the bytes go in `init`. */
  uploadBlob: (file: Blob) =>
    body(() =>
      client.api.blobs.$post(undefined, {
        headers: { 'content-type': file.type || 'application/octet-stream' },
        init: { body: file },
      }),
    ),
  listWorkflows: () => body(() => client.api.workflows.$get()),
  getWorkflow: async (id: string) =>
    withDocument(
      await body(() => client.api.workflows[':id'].$get({ param: { id } })),
      `Workflow ${id}`,
    ),
  getWorkflowVersion: async (id: string, version: number) =>
    withDocument(
      await body(() =>
        client.api.workflows[':id'].versions[':version'].$get({
          param: { id, version: String(version) },
        }),
      ),
      `Version ${version} of workflow ${id}`,
    ),
  renameWorkflow: (id: string, name: string, baseVersion?: number) =>
    body(() =>
      client.api.workflows[':id'].$patch(
        { param: { id }, json: { name } },
        { headers: ifMatchHeaders(baseVersion) },
      ),
    ),
  listVersions: (id: string) =>
    body(() => client.api.workflows[':id'].versions.$get({ param: { id } })),
  /** A recipe's typed inputs and outputs (DESIGN.md §13), of one version or the current one. */
  getSignature: (id: string, version?: number) =>
    body(() =>
      client.api.workflows[':id'].signature.$get({
        param: { id },
        query: version === undefined ? {} : { version: String(version) },
      }),
    ),
  createWorkflow: (doc: Workflow) => body(() => client.api.workflows.$post({ json: doc })),
  /** With `baseVersion` (the version the edit started from), the server refuses the save
   * with 409 version_conflict when someone saved another version since. */
  updateWorkflow: (id: string, doc: Workflow, baseVersion?: number) =>
    body(() =>
      client.api.workflows[':id'].$put(
        { param: { id }, json: doc },
        { headers: ifMatchHeaders(baseVersion) },
      ),
    ),
  /** Without `confirm`, a workflow other workflows use as a recipe answers 409 workflow_in_use. */
  deleteWorkflow: (id: string, confirm = false) =>
    body(() =>
      client.api.workflows[':id'].$delete({
        param: { id },
        query: confirm ? { confirm: 'true' } : {},
      }),
    ),
  startRun: (run: StartRunBody) => body(() => client.api.runs.$post({ json: run })),
  getRun: async (id: string) =>
    withWorkflow(await body(() => client.api.runs[':id'].$get({ param: { id } }))),
  listRuns: async (workflowId?: string) =>
    (await body(() => client.api.runs.$get({ query: workflowId ? { workflowId } : {} }))).map(
      withWorkflow,
    ),
  cancelRun: (id: string) => body(() => client.api.runs[':id'].cancel.$post({ param: { id } })),
};

export type { RunEvent, RunStatusView };
