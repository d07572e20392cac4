import type { ThreadView } from '@atelier/server';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Threads } from './Threads';

const ada = { id: 'u_ada', name: 'Ada' };
const thread: ThreadView = {
  id: 'cmt_1',
  target: { kind: 'output', runId: 'run_1', nodeId: 'gen', port: 'image' },
  resolved: false,
  createdAt: 1,
  comments: [
    {
      id: 'cmt_1',
      threadId: 'cmt_1',
      author: ada,
      body: 'is the sky dark enough?',
      createdAt: 1,
      mentions: [],
    },
  ],
};
const json = (body: unknown) =>
  new Response(JSON.stringify(body), {
    status: 200,
    headers: { 'content-type': 'application/json' },
  });

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the threads of an output', () => {
  it('keeps a comment just sent when the first, older read of the list answers last', async () => {
    // The server as seen over a slow connection: the first read (before the comment) is held
    // back until after the comment was stored and read again.
    let answerFirstRead: (r: Response) => void = () => {};
    let reads = 0;
    let stored: ThreadView[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn((url: string, init?: RequestInit) => {
        if (init?.method === 'POST') {
          stored = [thread];
          return Promise.resolve(json(thread));
        }
        reads += 1;
        if (reads === 1) return new Promise<Response>((r) => (answerFirstRead = r));
        return Promise.resolve(json({ threads: stored }));
      }),
    );
    render(<Threads target={{ runId: 'run_1', nodeId: 'gen' }} />);
    fireEvent.change(screen.getByTestId('comment-text'), {
      target: { value: 'is the sky dark enough?' },
    });
    fireEvent.click(screen.getByTestId('comment-send'));
    await screen.findByText('is the sky dark enough?');

    answerFirstRead(json({ threads: [] }));
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.getAllByTestId('comment').map((c) => c.textContent)).toEqual([
      expect.stringContaining('is the sky dark enough?'),
    ]);
    expect(screen.getByTestId('threads').dataset.loaded).toBe('true');
  });
});
