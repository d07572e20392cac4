import type { FieldSpec, RecipeInput, Workflow } from '@atelier/graph';
import { authHeaders } from '../api/access-token';

/**
 * The public side of a share link (`/api/s/:token…`): opened by the token in the page's URL,
 * never by the server token, so a teammate without access to the server can use it.
 */
export interface SharedRunNode {
  status: string;
  cached: boolean;
  outputs?: Record<string, unknown>;
  error?: { code: string; message: string };
}

export interface SharedRun {
  id: string;
  status: string;
  createdAt: number;
  finishedAt?: number;
  cost: number;
  error?: { code: string; message: string };
  nodes: Record<string, SharedRunNode>;
}

export interface SharedInput extends RecipeInput {
  control?: FieldSpec;
}

export interface SharedRecipe {
  access: 'view' | 'run';
  expiresAt?: number;
  workflow: { id: string; name: string; version: number; document: Workflow };
  versions: { version: number; name: string; createdAt: number }[];
  inputs: SharedInput[];
  latestRun: SharedRun | null;
  budget?: { maxCost?: number; spent: number; runs: number };
}

export class ShareError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The token of a `/s/<token>` page, or undefined on any other page. */
export const shareTokenOf = (path: string): string | undefined =>
  /^\/s\/([A-Za-z0-9_-]+)\/?$/.exec(path)?.[1];

const base = (token: string) => `/api/s/${token}`;

const call = async <T>(url: string, init?: RequestInit): Promise<T> => {
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch {
    throw new ShareError(0, 'network_error', 'The server cannot be reached.');
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as {
      error?: { code: string; message: string };
    };
    throw new ShareError(
      res.status,
      body.error?.code ?? `http_${res.status}`,
      body.error?.message ?? res.statusText,
    );
  }
  return (await res.json()) as T;
};

export const shareApi = {
  open: (token: string) => call<SharedRecipe>(base(token)),
  blobUrl: (token: string, blob: string) => `${base(token)}/blobs/${blob}`,
  upload: (token: string, file: Blob) =>
    call<{ blob: string; mime: string; width: number; height: number }>(`${base(token)}/blobs`, {
      method: 'POST',
      body: file,
    }),
  run: (token: string, inputs: Record<string, string | { blob: string }>) =>
    call<{ id: string }>(`${base(token)}/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ inputs }),
    }),
  getRun: (token: string, id: string) => call<SharedRun>(`${base(token)}/runs/${id}`),
  eventsUrl: (token: string, id: string) => `${base(token)}/runs/${id}/events`,
  /** Forking needs access to the server itself (its token, when it asks for one). */
  fork: (workflowId: string, version: number) =>
    call<{ id: string; name: string; forkedFrom: { id: string; version: number } }>(
      `/api/workflows/${workflowId}/fork`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...authHeaders() },
        body: JSON.stringify({ version }),
      },
    ),
};

/** Image values among a node's outputs (`{blob, mime, width, height}`), by port. */
export const imagesOf = (outputs: Record<string, unknown> | undefined) =>
  Object.entries(outputs ?? {}).flatMap(([port, value]) => {
    const image = value as { blob?: unknown; mime?: unknown } | null;
    const blob = image?.blob;
    const ext =
      image?.mime === 'image/webp' ? 'webp' : image?.mime === 'image/jpeg' ? 'jpg' : 'png';
    return typeof blob === 'string' ? [{ port, blob, ext }] : [];
  });
