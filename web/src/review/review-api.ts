import type {
  InboxItemView,
  RunComparison,
  StarView,
  ThreadView,
  UsageReport,
} from '@atelier/server';
import { ApiError } from '../api/api';
import { authHeaders } from '../api/access-token';
import { commentsChanged } from './comments-changed';

/** The review routes (server/src/http/routes/review.ts): comments, inbox, stars, compare, usage. */
const call = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
  let res: Response;
  try {
    res = await fetch(path, {
      ...init,
      headers: {
        ...(init.body ? { 'content-type': 'application/json' } : {}),
        ...authHeaders(),
      },
    });
  } catch {
    throw new ApiError(0, 'network_error', 'The server cannot be reached. Is it running?');
  }
  const body = (await res.json().catch(() => ({}))) as {
    error?: { code: string; message: string; path?: string };
  };
  if (!res.ok)
    throw new ApiError(
      res.status,
      body.error?.code ?? `http_${res.status}`,
      body.error?.message ?? res.statusText,
      body.error?.path,
    );
  return body as T;
};
const announce = <T>(answer: T): T => {
  commentsChanged();
  return answer;
};
const post = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body) });
const q = (params: Record<string, string | undefined>) =>
  new URLSearchParams(
    Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined),
  ).toString();

export const reviewApi = {
  compare: (a: string, b: string) => call<RunComparison>(`/api/runs/compare?${q({ a, b })}`),
  threads: (filter: { workflowId?: string; runId?: string; nodeId?: string }) =>
    call<{ threads: ThreadView[] }>(`/api/comments?${q(filter)}`).then((r) => r.threads),
  // Each write tells the markers (comments-changed.ts), so they show it without waiting.
  comment: (target: { runId?: string; workflowId?: string; nodeId: string }, body: string) =>
    call<ThreadView>('/api/comments', post({ ...target, body })).then(announce),
  reply: (threadId: string, body: string) =>
    call<unknown>(`/api/comments/${threadId}/replies`, post({ body })).then(announce),
  resolve: (threadId: string, resolved: boolean) =>
    call<ThreadView>(`/api/comments/${threadId}/${resolved ? 'resolve' : 'reopen'}`, post({})).then(
      announce,
    ),
  inbox: () => call<{ unread: number; items: InboxItemView[] }>('/api/inbox'),
  markRead: (id: string) => call<unknown>(`/api/inbox/${id}/read`, post({})),
  markAllRead: () => call<unknown>('/api/inbox/read-all', post({})),
  stars: (filter: { workflowId?: string; runId?: string; batchId?: string }) =>
    call<{ stars: StarView[] }>(`/api/stars?${q(filter)}`).then((r) => r.stars),
  setStar: (runId: string, nodeId: string, starred: boolean) =>
    call<unknown>(`/api/stars/${runId}/${encodeURIComponent(nodeId)}`, {
      method: starred ? 'PUT' : 'DELETE',
    }),
  usage: (from?: string, to?: string) => call<UsageReport>(`/api/usage?${q({ from, to })}`),
};
