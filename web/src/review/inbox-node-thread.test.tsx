import type { InboxItemView } from '@atelier/server';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InboxView } from './InboxView';
import { parseReviewHash } from './review-route';

const person = { id: 'u_ada', name: 'Ada' };
const item: InboxItemView = {
  id: 'inb_1',
  read: false,
  createdAt: 1,
  comment: {
    id: 'cmt_1',
    threadId: 'cmt_1',
    author: person,
    body: '@Bo the light is too cold',
    createdAt: 1,
    mentions: [{ id: 'u_bo', name: 'Bo' }],
  },
  thread: {
    id: 'cmt_1',
    target: { kind: 'node', workflowId: 'wf_1', nodeId: 'p1' },
    resolved: false,
  },
};

/** The network boundary: the inbox holds one mention on a node comment. */
const serve = () =>
  vi.stubGlobal(
    'fetch',
    vi.fn((url: string) =>
      Promise.resolve(
        new Response(
          JSON.stringify(
            url.startsWith('/api/inbox?') || url === '/api/inbox'
              ? { unread: 1, items: [item] }
              : {},
          ),
          { status: 200, headers: { 'content-type': 'application/json' } },
        ),
      ),
    ),
  );

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  location.hash = '';
});

describe('the inbox', () => {
  it("opens a mention on a node comment in that node's threads", async () => {
    serve();
    render(<InboxView />);
    fireEvent.click(await screen.findByTestId('inbox-item-inb_1'));
    await vi.waitFor(() =>
      expect(parseReviewHash(location.hash)).toEqual({
        kind: 'node-comments',
        workflowId: 'wf_1',
        nodeId: 'p1',
      }),
    );
  });
});
