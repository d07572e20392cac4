import type { BlobId, ImageValue } from '@atelier/graph';
import type { ThreadView } from '@atelier/server';
import {
  act,
  cleanup,
  fireEvent,
  render,
  renderHook,
  screen,
  waitFor,
} from '@testing-library/react';
import { ReactFlow, ReactFlowProvider } from '@xyflow/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OverviewCard } from '../canvas/OverviewCard';
import { definitionOf } from '../model/catalogue';
import { NodeCard } from '../node-card/NodeCard';
import { useDocument } from '../store/document-store';
import { useSession } from '../store/session-store';
import { countThreads, useCommentMarkerSync, useCommentMarkers } from './comment-markers';
import { reviewApi } from './review-api';
import { parseReviewHash } from './review-route';

const person = { id: 'u_ada', name: 'Ada' };
const thread = (
  id: string,
  target: ThreadView['target'],
  resolved: boolean,
  comments = 1,
): ThreadView => ({
  id,
  target,
  resolved,
  createdAt: 1,
  comments: Array.from({ length: comments }, (_, i) => ({
    id: `${id}_${i}`,
    threadId: id,
    author: person,
    body: `comment ${i}`,
    createdAt: 1 + i,
    mentions: [],
  })),
});

describe('countThreads', () => {
  it('counts threads, open ones and comments by node and by run output', () => {
    const counts = countThreads(
      [
        thread('c1', { kind: 'node', workflowId: 'wf_1', nodeId: 'p1' }, false, 2),
        thread('c2', { kind: 'node', workflowId: 'wf_1', nodeId: 'p1' }, true, 1),
        thread('c3', { kind: 'node', workflowId: 'wf_other', nodeId: 'p1' }, false),
        thread('c4', { kind: 'output', runId: 'run_1', nodeId: 'g1', port: 'image' }, true, 3),
      ],
      'wf_1',
    );
    expect(counts.nodes).toEqual({ p1: { threads: 2, open: 1, comments: 3 } });
    expect(counts.outputs).toEqual({ 'run_1/g1': { threads: 1, open: 0, comments: 3 } });
  });
});

const nodeTypes = { prompt: NodeCard, generate: NodeCard };
const renderCanvas = () =>
  render(
    <ReactFlowProvider>
      <div style={{ width: 800, height: 600 }}>
        <ReactFlow nodes={useDocument.getState().nodes} edges={[]} nodeTypes={nodeTypes} />
      </div>
    </ReactFlowProvider>,
  );

describe('comment markers on the canvas', () => {
  beforeEach(() => {
    useDocument.setState({ nodes: [], edges: [], inputs: [], past: [], future: [] });
    useDocument.getState().setSaved({ workflowId: 'wf_1', version: 1 });
    useSession.setState({ nodeRuns: {}, run: undefined });
    useCommentMarkers.setState({ nodes: {}, outputs: {} });
    location.hash = '';
  });
  afterEach(cleanup);

  it('shows the count and unresolved state on the card of a commented node; a click opens its threads', () => {
    const p1 = useDocument.getState().addNode('prompt', { x: 0, y: 0 });
    const p2 = useDocument.getState().addNode('prompt', { x: 0, y: 300 });
    renderCanvas();
    expect(screen.queryByTestId(`comments-${p1}`)).toBeNull();
    act(() =>
      useCommentMarkers
        .getState()
        .set(
          countThreads(
            [
              thread('c1', { kind: 'node', workflowId: 'wf_1', nodeId: p1 }, false, 2),
              thread('c2', { kind: 'node', workflowId: 'wf_1', nodeId: p2 }, true),
            ],
            'wf_1',
          ),
        ),
    );
    const marker = screen.getByTestId(`comments-${p1}`);
    expect(marker.textContent).toContain('2');
    expect(marker.getAttribute('data-state')).toBe('open');
    expect(marker.getAttribute('aria-label')).toBe('2 comments in 1 thread, 1 unresolved: open');
    expect(screen.getByTestId(`comments-${p2}`).getAttribute('data-state')).toBe('resolved');
    fireEvent.click(marker);
    expect(parseReviewHash(location.hash)).toEqual({
      kind: 'node-comments',
      workflowId: 'wf_1',
      nodeId: p1,
    });
  });

  it('shows a marker on the output image of the run on screen that opens that output', () => {
    const g1 = useDocument.getState().addNode('generate', { x: 0, y: 0 });
    const image: ImageValue = {
      blob: 'b'.repeat(64) as BlobId,
      mime: 'image/png',
      width: 1024,
      height: 1024,
    };
    useSession.setState({
      nodeRuns: { [g1]: { status: 'succeeded', cached: false, log: [], outputs: { image } } },
      run: {
        id: 'run_1',
        status: 'succeeded',
        startedAt: 1,
        order: [g1],
        cost: 0,
        saved: { nodes: 0, cost: 0 },
      },
    });
    renderCanvas();
    // No thread yet: a faint marker invites the first comment.
    expect(screen.getByTestId(`output-comments-${g1}`).getAttribute('data-state')).toBe('none');
    act(() =>
      useCommentMarkers
        .getState()
        .set(
          countThreads(
            [thread('c9', { kind: 'output', runId: 'run_1', nodeId: g1, port: 'image' }, false, 3)],
            'wf_1',
          ),
        ),
    );
    const marker = screen.getByTestId(`output-comments-${g1}`);
    expect(marker.getAttribute('data-state')).toBe('open');
    expect(marker.textContent).toContain('3');
    fireEvent.click(marker);
    expect(parseReviewHash(location.hash)).toEqual({ kind: 'output', runId: 'run_1', nodeId: g1 });
  });

  it('keeps the marker on the card zoomed far out (overview card)', () => {
    const p1 = useDocument.getState().addNode('prompt', { x: 0, y: 0 });
    useCommentMarkers
      .getState()
      .set(
        countThreads(
          [thread('c1', { kind: 'node', workflowId: 'wf_1', nodeId: p1 }, false)],
          'wf_1',
        ),
      );
    render(
      <ReactFlowProvider>
        <OverviewCard id={p1} def={definitionOf('prompt')!} selected={false} />
      </ReactFlowProvider>,
    );
    expect(screen.getByTestId(`comments-${p1}`).getAttribute('data-state')).toBe('open');
  });
});

describe('markers follow a comment as soon as it is sent', () => {
  const json = (body: unknown) =>
    new Response(JSON.stringify(body), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  beforeEach(() => {
    useDocument.setState({ nodes: [], edges: [], inputs: [], past: [], future: [] });
    useDocument.getState().setSaved({ workflowId: 'wf_1', version: 1 });
    useSession.setState({ nodeRuns: {}, run: undefined });
    useCommentMarkers.setState({ nodes: {}, outputs: {} });
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('counts a new comment, a reply and a resolve without a hash change or the 20 s refresh', async () => {
    // The server: what it stores, it lists.
    const stored: ThreadView[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn((url: string, init?: RequestInit) => {
        if (init?.method !== 'POST') return Promise.resolve(json({ threads: stored }));
        if (url === '/api/comments') {
          stored.push(thread('c1', { kind: 'node', workflowId: 'wf_1', nodeId: 'p1' }, false));
          return Promise.resolve(json(stored[0]));
        }
        if (url.endsWith('/replies')) stored[0] = thread('c1', stored[0]!.target, false, 2);
        if (url.endsWith('/resolve')) stored[0] = { ...stored[0]!, resolved: true };
        return Promise.resolve(json(stored[0]));
      }),
    );
    renderHook(() => useCommentMarkerSync());
    await waitFor(() => expect(vi.mocked(fetch)).toHaveBeenCalled());
    expect(useCommentMarkers.getState().nodes).toEqual({});

    await reviewApi.comment({ workflowId: 'wf_1', nodeId: 'p1' }, 'too dark?');
    await waitFor(() =>
      expect(useCommentMarkers.getState().nodes.p1).toEqual({ threads: 1, open: 1, comments: 1 }),
    );
    await reviewApi.reply('c1', 'lighter now');
    await waitFor(() => expect(useCommentMarkers.getState().nodes.p1?.comments).toBe(2));
    await reviewApi.resolve('c1', true);
    await waitFor(() => expect(useCommentMarkers.getState().nodes.p1?.open).toBe(0));
  });
});
