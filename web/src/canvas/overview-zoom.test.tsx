import { act, cleanup, render, screen } from '@testing-library/react';
import type { NodeProps } from '@xyflow/react';
import { ReactFlow, ReactFlowProvider, useStoreApi } from '@xyflow/react';
import { Profiler } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useDocument } from '../store/document-store';
import { useSession } from '../store/session-store';
import type { FlowNode } from '../model/types';
import { NodeCard } from '../node-card/NodeCard';
import { OVERVIEW_ZOOM } from './overview-zoom';

/** Commits per node: a Profiler around each card counts every render inside it. */
let commits: Record<string, number> = {};
const Counted = (props: NodeProps<FlowNode>) => (
  <Profiler id={props.id} onRender={() => (commits[props.id] = (commits[props.id] ?? 0) + 1)}>
    <NodeCard {...props} />
  </Profiler>
);
const nodeTypes = { prompt: Counted, generate: Counted };

/** The flow's own store, where a pan or zoom lands as a new `transform` (what cards select on). */
let flowStore: ReturnType<typeof useStoreApi> | undefined;
function GrabStore() {
  flowStore = useStoreApi();
  return null;
}
const renderFlow = (count: number) => {
  for (let i = 0; i < count; i++)
    useDocument.getState().addNode(i % 2 ? 'generate' : 'prompt', { x: i * 320, y: 0 });
  render(
    <ReactFlowProvider>
      <div style={{ width: 800, height: 600 }}>
        <ReactFlow nodes={useDocument.getState().nodes} edges={[]} nodeTypes={nodeTypes} />
        <GrabStore />
      </div>
    </ReactFlowProvider>,
  );
};
const view = (x: number, y: number, zoom: number) =>
  act(() => flowStore!.setState({ transform: [x, y, zoom] }));
const total = () => Object.values(commits).reduce((a, b) => a + b, 0);

beforeEach(() => {
  useDocument.setState({ nodes: [], edges: [], inputs: [], past: [], future: [] });
  useSession.setState({ nodeRuns: {}, run: undefined });
  commits = {};
  flowStore = undefined;
});
afterEach(cleanup);

describe('cards and the overview zoom', () => {
  it('shows the full card above the threshold and the overview card below it', () => {
    renderFlow(2);
    const [prompt] = useDocument.getState().nodes;
    const card = () => screen.getByTestId(`node-${prompt!.id}`);
    expect(card().classList.contains('overview')).toBe(false);
    expect(card().querySelector('textarea')).not.toBeNull();
    view(0, 0, OVERVIEW_ZOOM / 2);
    expect(card().classList.contains('overview')).toBe(true);
    expect(card().querySelector('textarea')).toBeNull();
    expect(card().getAttribute('data-status')).toBe('idle');
    expect(card().textContent).toBe('Prompt');
    expect(card().querySelectorAll('.react-flow__handle')).toHaveLength(1);
  });

  it('re-renders no card while panning or zooming on one side of the threshold', () => {
    renderFlow(10);
    view(0, 0, 0.2);
    commits = {};
    for (let i = 1; i <= 30; i++) view(i * 7, -i * 3, 0.2);
    view(0, 0, 0.1);
    view(0, 0, 0.3);
    expect(total()).toBe(0);
    for (let i = 1; i <= 30; i++) view(-i * 11, i * 5, 1);
    // Crossing the threshold once re-renders each card once; the pans after it none.
    expect(Object.keys(commits)).toHaveLength(10);
    expect(Object.values(commits).every((n) => n === 1)).toBe(true);
  });

  it('re-renders only the card whose run status changed in the overview', () => {
    renderFlow(4);
    view(0, 0, 0.2);
    commits = {};
    const id = useDocument.getState().nodes[1]!.id;
    act(() =>
      useSession.setState({ nodeRuns: { [id]: { status: 'running', cached: false, log: [] } } }),
    );
    expect(commits).toEqual({ [id]: 1 });
    expect(screen.getByTestId(`node-${id}`).getAttribute('data-status')).toBe('running');
  });
});
