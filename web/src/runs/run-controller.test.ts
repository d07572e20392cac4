import { afterEach, describe, expect, it, vi } from 'vitest';
import { useDocument } from '../store/document-store';
import { useSession } from '../store/session-store';
import { REFRESH_DELAYS_MS, detachRun, refreshRun, startRun } from './run-controller';

const finished = {
  id: 'run_1',
  status: 'interrupted',
  provider: 'simulator',
  inputs: {},
  force: [],
  nodes: {},
  usage: { inputTokens: 0, outputTokens: 0, imageCalls: 0, webSearchCalls: 0, requests: 0 },
  cost: 0,
  saved: { nodes: 0, cost: 0 },
  createdAt: 1,
  workflow: { format: 'atelier.workflow', version: 1, name: 'x', nodes: [], edges: [], inputs: [] },
};

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  useSession.setState({ run: undefined, toasts: [] });
});

describe('refreshRun after the event stream ended', () => {
  it('keeps asking while the server is unreachable, then shows the final status', async () => {
    vi.useFakeTimers();
    let calls = 0;
    vi.stubGlobal(
      'fetch',
      vi.fn(() => {
        calls += 1;
        if (calls < 3) return Promise.reject(new TypeError('Failed to fetch'));
        return Promise.resolve(
          new Response(JSON.stringify(finished), {
            headers: { 'content-type': 'application/json' },
          }),
        );
      }),
    );
    useSession.getState().beginRun('run_1', []);
    await refreshRun('run_1');
    expect(useSession.getState().run?.status).toBe('queued');
    await vi.advanceTimersByTimeAsync(REFRESH_DELAYS_MS[0]! + REFRESH_DELAYS_MS[1]!);
    expect(calls).toBe(3);
    expect(useSession.getState().run?.status).toBe('interrupted');
  });

  it('says so when the server never answers, instead of staying on running silently', async () => {
    vi.useFakeTimers();
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))),
    );
    useSession.getState().beginRun('run_1', []);
    await refreshRun('run_1');
    await vi.advanceTimersByTimeAsync(REFRESH_DELAYS_MS.reduce((a, b) => a + b, 0));
    expect(useSession.getState().toasts.at(-1)).toMatchObject({ kind: 'error' });
    expect(useSession.getState().toasts.at(-1)?.message).toMatch(/Lost contact with the run/);
    // Nothing is watching the run any more: the UI leaves "running".
    expect(useSession.getState().run?.status).toBe('interrupted');
  });
});

describe('startRun', () => {
  it('starts one run when Run is pressed twice before the server answers', async () => {
    useDocument.getState().addNode('prompt', { x: 0, y: 0 });
    const posts: string[] = [];
    let answer: (() => void) | undefined;
    vi.stubGlobal(
      'fetch',
      vi.fn((input: RequestInfo | URL, init?: RequestInit) => {
        const url = input instanceof Request ? input.url : String(input);
        const method = input instanceof Request ? input.method : (init?.method ?? 'GET');
        if (method !== 'POST' || !url.endsWith('/api/runs'))
          return Promise.resolve(new Response('{}', { status: 404 }));
        posts.push(url);
        return new Promise<Response>((resolve) => {
          answer = () =>
            resolve(
              new Response(JSON.stringify({ id: 'run_1' }), {
                status: 202,
                headers: { 'content-type': 'application/json' },
              }),
            );
        });
      }),
    );
    vi.stubGlobal(
      'EventSource',
      class {
        static CLOSED = 2;
        readyState = 0;
        onmessage: unknown;
        onerror: unknown;
        addEventListener() {}
        close() {}
      },
    );

    const first = startRun();
    await vi.waitFor(() => expect(posts).toHaveLength(1));
    // The server has not answered: Run reads "Starting…" and a second press does nothing.
    expect(useSession.getState().starting).toBe(true);
    expect(await startRun()).toBeUndefined();
    answer!();
    expect(await first).toBe('run_1');
    expect(posts).toHaveLength(1);
    expect(useSession.getState().starting).toBe(false);
    detachRun();
  });
});
