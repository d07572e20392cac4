import type { ImageMime, ImageValue, MaskValue, Workflow } from '@atelier/graph';
import type { RunEvent, RunRecordView, RunStatusView } from './lib/run-types';

/**
 * The HTTP API of DESIGN.md §7 as thin typed functions. Every call goes through `request`,
 * so switching to `hc<AppType>` later touches only this module.
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

const request = async <T>(path: string, init?: RequestInit): Promise<T> => {
  let res: Response;
  try {
    res = await fetch(path, init);
  } catch {
    throw new ApiError(0, 'network_error', 'The server cannot be reached. Is it running?');
  }
  if (!res.ok) throw await describeFailure(res);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
};

const json = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

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
}

export interface WorkflowRecord extends WorkflowSummary {
  document: Workflow;
}

export interface WorkflowVersionSummary {
  version: number;
  createdAt?: string | number;
  name?: string;
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

export const blobUrl = (blob: string): string => `/api/blobs/${blob}`;
export const runEventsUrl = (runId: string): string => `/api/runs/${runId}/events`;

export const api = {
  health: () => request<Health>('/api/health'),
  uploadBlob: (file: Blob) =>
    request<UploadedBlob>('/api/blobs', {
      method: 'POST',
      headers: { 'content-type': file.type || 'application/octet-stream' },
      body: file,
    }),
  listWorkflows: async () =>
    listOf<WorkflowSummary>(await request<unknown>('/api/workflows'), 'workflows'),
  getWorkflow: (id: string) => request<WorkflowRecord>(`/api/workflows/${id}`),
  getWorkflowVersion: (id: string, version: number) =>
    request<WorkflowRecord>(`/api/workflows/${id}/versions/${version}`),
  renameWorkflow: (id: string, name: string) =>
    request<{ id: string; version: number }>(`/api/workflows/${id}`, json('PATCH', { name })),
  listVersions: async (id: string) =>
    listOf<WorkflowVersionSummary>(
      await request<unknown>(`/api/workflows/${id}/versions`),
      'versions',
    ),
  createWorkflow: (doc: Workflow) =>
    request<{ id: string; version: number }>('/api/workflows', json('POST', doc)),
  updateWorkflow: (id: string, doc: Workflow) =>
    request<{ id: string; version: number }>(`/api/workflows/${id}`, json('PUT', doc)),
  deleteWorkflow: (id: string) => request<unknown>(`/api/workflows/${id}`, { method: 'DELETE' }),
  startRun: (body: StartRunBody) => request<{ id: string }>('/api/runs', json('POST', body)),
  getRun: (id: string) => request<RunRecordView>(`/api/runs/${id}`),
  listRuns: async (workflowId?: string) =>
    listOf<RunRecordView>(
      await request<unknown>(
        workflowId ? `/api/runs?workflowId=${encodeURIComponent(workflowId)}` : '/api/runs',
      ),
      'runs',
    ),
  cancelRun: (id: string) => request<unknown>(`/api/runs/${id}/cancel`, { method: 'POST' }),
};

export type { RunEvent, RunStatusView };
