import type { AppType, BatchEvent, BatchRecord, BatchRowRecord } from '@atelier/server';
import type { Workflow } from '@atelier/graph';
import { hc } from 'hono/client';
import { authHeaders } from './access-token';
import { ApiError } from './api';

export type { BatchEvent, BatchRecord, BatchRowRecord };

/** What POST /api/batches/preview answers (and POST /api/batches with the id). */
export interface BatchPreflight {
  rows: number;
  calls: number;
  cachedNodes: number;
  estimatedCost: number;
  /** The first row's estimate (preview only): a cap below it lets no row start. */
  firstRowCost?: number;
}

/** A batch request: the recipe (by id and version, or inline) and the grid's rows. */
export interface BatchBody {
  workflowId?: string;
  version?: number;
  workflow?: Workflow;
  rows: Record<string, string>[];
  /** File name → blob id: the uploaded set that image cells name. */
  files?: Record<string, string>;
  maxCost?: number;
}

const client = hc<AppType>('/', { headers: authHeaders });

const send = async <T>(call: () => Promise<Response>): Promise<T> => {
  let res: Response;
  try {
    res = await call();
  } catch {
    throw new ApiError(0, 'network_error', 'The server cannot be reached. Is it running?');
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as {
      error?: { code?: string; message?: string; path?: string; issues?: ApiError['issues'] };
    };
    throw new ApiError(
      res.status,
      body.error?.code ?? `http_${res.status}`,
      body.error?.message ?? `${res.status} ${res.statusText}`,
      body.error?.path,
      body.error?.issues,
    );
  }
  return (await res.json()) as T;
};

type Control = 'pause' | 'resume' | 'cancel' | 'retry';

/** Batches (README "Batches") through `hc<AppType>`: paths and bodies checked at compile time. */
export const batchApi = {
  preview: (body: BatchBody) =>
    send<BatchPreflight>(() => client.api.batches.preview.$post({ json: body })),
  /** `key` makes a retried POST safe: the server answers the first response again. */
  create: (body: BatchBody, key: string) =>
    send<BatchPreflight & { id: string }>(() =>
      client.api.batches.$post({ json: body }, { headers: { 'idempotency-key': key } }),
    ),
  list: () => send<BatchRecord[]>(() => client.api.batches.$get()),
  get: (id: string) => send<BatchRecord>(() => client.api.batches[':id'].$get({ param: { id } })),
  rows: (id: string) =>
    send<BatchRowRecord[]>(() => client.api.batches[':id'].rows.$get({ param: { id }, query: {} })),
  control: (id: string, action: Control) =>
    send<BatchRecord>(() => client.api.batches[':id'][action].$post({ param: { id } })),
  setMaxCost: (id: string, maxCost: number | null) =>
    send<BatchRecord>(() => client.api.batches[':id'].$patch({ param: { id }, json: { maxCost } })),
};

export const batchEventsUrl = (id: string) => `/api/batches/${id}/events`;
export const batchZipUrl = (id: string) => `/api/batches/${id}/results.zip`;
