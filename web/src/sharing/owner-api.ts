import type { Workflow } from '@atelier/graph';
import { parseWorkflow } from '@atelier/graph';
import { ApiError } from '../api/api';
import { authHeaders, UNAUTHORIZED_EVENT } from '../api/access-token';

/**
 * The owner's side of sharing (DESIGN.md §11), with the server token: bundles, import,
 * forks, links, and what an image leads back to. Raw bodies (zip, image bytes) go through
 * fetch; answers are the server's JSON.
 */
export interface ImportedImage {
  node: string;
  title: string;
  field: string;
  kind: 'image' | 'mask';
  blob: string;
}

export interface ImportReport {
  id: string;
  version: number;
  name: string;
  kind: 'bundle' | 'document';
  /** The library had this very document already: nothing new was stored. */
  reused?: boolean;
  complete: boolean;
  restored: ImportedImage[];
  missing: (ImportedImage & { reason: string })[];
  outputs?: { run: string; images: number };
  /** Recipes the bundle carried, each with the library version it now pins (reused or new). */
  recipes?: {
    from: { workflowId: string; version: number };
    id: string;
    version: number;
    name: string;
    reused: boolean;
  }[];
  message: string;
}

export interface ShareLink {
  id: string;
  workflowId: string;
  access: 'view' | 'run';
  version?: number;
  expiresAt?: number;
  maxCost?: number;
  createdAt: number;
  revokedAt?: number;
  status: 'active' | 'revoked' | 'expired';
  runs: number;
  spent: number;
  /** Only in the answer that created it: the token is not kept. */
  url?: string;
}

export interface ImageRecipe {
  source: 'provenance' | 'embedded';
  sha256: string;
  runId?: string;
  nodeId?: string;
  workflowId?: string;
  workflowVersion?: number;
  recipe: {
    name: string;
    document: unknown;
    inputs: Record<string, unknown>;
    source: { runId: string; nodeId: string; workflowId?: string; workflowVersion?: number };
  };
}

const send = async (url: string, init: RequestInit = {}): Promise<Response> => {
  let res: Response;
  try {
    res = await fetch(url, { ...init, headers: { ...authHeaders(), ...init.headers } });
  } catch {
    throw new ApiError(0, 'network_error', 'The server cannot be reached. Is it running?');
  }
  if (res.status === 401) window.dispatchEvent(new Event(UNAUTHORIZED_EVENT));
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as {
      error?: { code: string; message: string; path?: string };
    };
    throw new ApiError(
      res.status,
      body.error?.code ?? `http_${res.status}`,
      body.error?.message ?? `${res.status} ${res.statusText}`,
      body.error?.path,
    );
  }
  return res;
};
const json = async <T>(url: string, init?: RequestInit) =>
  (await (await send(url, init)).json()) as T;
const post = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

/** The file name the server chose (Content-Disposition filename*), else `fallback`. */
const fileNameOf = (res: Response, fallback: string) => {
  const header = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/.exec(header)?.[1];
  return star ? decodeURIComponent(star) : fallback;
};

/** Saves a response's body as a download. */
export const saveDownload = async (res: Response, fallback: string) => {
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = fileNameOf(res, fallback);
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
};

export const sharingApi = {
  /** The bundle (.atelier.zip: document + every image, optionally the last outputs). */
  exportBundle: async (id: string, opts: { outputs: boolean; version?: number }) => {
    const query = new URLSearchParams({ outputs: opts.outputs ? '1' : '0' });
    if (opts.version !== undefined) query.set('version', String(opts.version));
    await saveDownload(await send(`/api/workflows/${id}/export?${query}`), 'workflow.atelier.zip');
  },
  importFile: (file: Blob) =>
    json<ImportReport>('/api/workflows/import', { method: 'POST', body: file }),
  fork: (id: string, version?: number) =>
    json<{
      id: string;
      version: number;
      name: string;
      forkedFrom: { id: string; version: number };
    }>(`/api/workflows/${id}/fork`, post(version === undefined ? {} : { version })),
  listShares: (id: string) => json<ShareLink[]>(`/api/workflows/${id}/shares`),
  createShare: (
    id: string,
    body: { access: 'view' | 'run'; version?: number; expiresAt?: number; maxCost?: number },
  ) => json<ShareLink & { url: string }>(`/api/workflows/${id}/shares`, post(body)),
  revokeShare: (shareId: string) => json<ShareLink>(`/api/shares/${shareId}`, { method: 'DELETE' }),
  /** What this server knows of a dropped image: its recipe, or undefined (an unknown image). */
  lookupImage: async (file: Blob): Promise<ImageRecipe | undefined> => {
    try {
      return await json<ImageRecipe>('/api/provenance/image', { method: 'POST', body: file });
    } catch (error) {
      if (error instanceof ApiError && (error.code === 'no_recipe' || error.status === 404))
        return undefined;
      throw error;
    }
  },
  /** The explicit "Download with recipe": the output with its recipe embedded. */
  downloadWithRecipe: async (blob: string, runId?: string) => {
    const query = runId ? `?run=${encodeURIComponent(runId)}` : '';
    await saveDownload(
      await send(`/api/provenance/${blob}/with-recipe${query}`),
      `${blob.slice(0, 12)}.recipe.png`,
    );
  },
};

/** The recipe an image carries, as a document to open (through the one parse function). */
export const recipeDocument = (
  found: ImageRecipe,
): { ok: true; workflow: Workflow } | { ok: false; message: string } => {
  const parsed = parseWorkflow(found.recipe.document);
  if (!parsed.ok)
    return {
      ok: false,
      message: parsed.issues[0]?.message ?? 'The recipe in this image cannot be read.',
    };
  return { ok: true, workflow: parsed.workflow };
};

/** One line per missing image, by node title, for the import report. */
export const missingLines = (report: ImportReport): string[] =>
  report.missing.map((m) => `${m.title}: ${m.kind} missing — ${m.reason}`);
