import type { Connection, Edge, IsValidConnection, NodeTypes, OnConnectEnd } from '@xyflow/react';
import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { nodeTypeNames, outputPort, portColor } from '../model/catalogue';
import { checkConnection } from '../model/connections';
import { useDocument } from '../store/document-store';
import { useSession } from '../store/session-store';
import type { FlowNode } from '../model/types';
import { handleCanvasDrop } from './canvas-drop';
import { NodeCard } from '../node-card/NodeCard';
import { OverviewEdges } from './OverviewEdges';
import { OVERVIEW_ZOOM, useOverview } from './overview-zoom';
import { PortLegend } from './PortLegend';

/** Defined once at module scope: every node type renders through the generic card. */
const nodeTypes: NodeTypes = Object.fromEntries(nodeTypeNames.map((t) => [t, NodeCard]));

const STATUS_COLOR: Record<string, string> = {
  running: 'var(--status-running)',
  succeeded: 'var(--status-ok)',
  failed: 'var(--status-failed)',
  queued: 'var(--status-queued)',
};

const NO_EDGES: Edge[] = [];

/** Styled copies are cached per document edge so unchanged edges keep their identity. */
const styled = new WeakMap<Edge, { animated: boolean; edge: Edge }>();
const styledEdge = (e: Edge, animated: boolean, nodes: readonly FlowNode[]): Edge => {
  const hit = styled.get(e);
  if (hit && hit.animated === animated) return hit.edge;
  const type = nodes.find((n) => n.id === e.source)?.type;
  const kind = outputPort(type, e.sourceHandle)?.kind ?? 'text';
  const edge: Edge = {
    ...e,
    animated,
    className: `edge-${kind}${animated ? ' edge-live' : ''}`,
    style: { stroke: portColor(kind), strokeWidth: e.selected ? 3 : 2 },
  };
  styled.set(e, { animated, edge });
  return edge;
};

/**
 * The minimap coloured by run status. Its colour function changes only when run states do,
 * so dragging (which re-renders the canvas) leaves the minimap's memoised nodes alone.
 */
function StatusMiniMap() {
  const nodeRuns = useSession((s) => s.nodeRuns);
  const nodeColor = useCallback(
    (n: FlowNode) => STATUS_COLOR[nodeRuns[n.id]?.status ?? ''] ?? '#3b4457',
    [nodeRuns],
  );
  return (
    <MiniMap
      pannable
      zoomable
      style={{ width: 170, height: 110 }}
      ariaLabel="Minimap"
      nodeStrokeWidth={3}
      nodeColor={nodeColor}
      maskColor="rgba(10, 12, 18, 0.7)"
    />
  );
}

/**
 * Fits the view to a document opened from a file, the library or a run (the `fitView` prop
 * covers only the first render): an imported recipe is seen whole, not where the last one was.
 */
function FitOnLoad() {
  const loads = useDocument((s) => s.loads);
  const flow = useReactFlow();
  // A document restored before the canvas mounted is fitted by the `fitView` prop already.
  const atMount = useRef(loads);
  useEffect(() => {
    if (loads === atMount.current) return;
    // After React Flow has measured the new nodes.
    // A recipe-sized document opens readable (cards, images), even if a few cards then
    // need a pan; only large graphs open in the far-zoom overview.
    const small = useDocument.getState().nodes.length <= 60;
    const minZoom = small ? OVERVIEW_ZOOM : undefined;
    const timer = setTimeout(() => void flow.fitView({ maxZoom: 1, minZoom, padding: 0.2 }), 50);
    return () => clearTimeout(timer);
  }, [loads, flow]);
  return null;
}

export function Canvas() {
  const { nodes, edges, onNodesChange, onEdgesChange } = useDocument(
    useShallow((s) => ({
      nodes: s.nodes,
      edges: s.edges,
      onNodesChange: s.onNodesChange,
      onEdgesChange: s.onEdgesChange,
    })),
  );
  // Only the set of running nodes matters to edges; a joined string keeps the selector stable.
  const running = useSession((s) =>
    Object.entries(s.nodeRuns)
      .filter(([, r]) => r.status === 'running')
      .map(([id]) => id)
      .join('\n'),
  );
  const flow = useReactFlow();
  const overview = useOverview();

  // Zoomed far out, OverviewEdges draws every edge in a few paths: React Flow gets none, so
  // no edge component is mounted or re-evaluated while panning (hidden edges still would be).
  const shownEdges = useMemo(() => {
    if (overview) return NO_EDGES;
    const runningSet = new Set(running ? running.split('\n') : []);
    const doc = useDocument.getState();
    return edges.map((e) => styledEdge(e, runningSet.has(e.target), doc.nodes));
  }, [edges, running, overview]);

  const isValidConnection: IsValidConnection = useCallback((c) => {
    const s = useDocument.getState();
    return checkConnection(c as Connection, s.nodes, s.edges).ok;
  }, []);

  const onConnect = useCallback((c: Connection) => {
    const result = useDocument.getState().connect(c);
    if (!result.ok) useSession.getState().toast(result.reason, 'error');
  }, []);

  /** A drop on a handle that was refused says why ("Can't connect image → text"). */
  const onConnectEnd: OnConnectEnd = useCallback((_event, state) => {
    if (state.isValid !== false || !state.fromHandle || !state.toHandle) return;
    const from = state.fromHandle;
    const to = state.toHandle;
    const connection =
      from.type === 'source'
        ? {
            source: from.nodeId,
            sourceHandle: from.id ?? null,
            target: to.nodeId,
            targetHandle: to.id ?? null,
          }
        : {
            source: to.nodeId,
            sourceHandle: to.id ?? null,
            target: from.nodeId,
            targetHandle: from.id ?? null,
          };
    const s = useDocument.getState();
    const check = checkConnection(connection, s.nodes, s.edges);
    useSession
      .getState()
      .toast(check.ok ? 'Connect an output (right) to an input (left)' : check.reason, 'error');
  }, []);

  const onDrop = useCallback(
    (e: React.DragEvent) =>
      handleCanvasDrop(e, flow.screenToFlowPosition({ x: e.clientX, y: e.clientY })),
    [flow],
  );

  return (
    <div
      className="canvas"
      data-testid="canvas"
      onDragOver={(e) => e.preventDefault()}
      onDrop={onDrop}
    >
      <ReactFlow<FlowNode>
        nodes={nodes}
        edges={shownEdges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        deleteKeyCode={null}
        multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
        selectionKeyCode="Shift"
        onlyRenderVisibleElements
        fitView
        fitViewOptions={{ maxZoom: 1, padding: 0.2 }}
        minZoom={0.1}
        maxZoom={2}
        colorMode="dark"
        proOptions={{ hideAttribution: true }}
        defaultEdgeOptions={{ type: 'default' }}
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} color="#2a3140" />
        <StatusMiniMap />
        <Controls showInteractive={false} aria-label="Zoom controls" />
        <PortLegend />
        {overview && <OverviewEdges />}
        <FitOnLoad />
      </ReactFlow>
      {nodes.length === 0 && (
        <div className="canvas-empty" data-testid="canvas-empty">
          <div>
            <strong>An empty canvas</strong>
            <br />
            Press <kbd>/</kbd>, type “prompt”, Enter — or click a node on the left.
            <br />
            Drop or paste an image for a reference · drop a workflow .json to open it.
          </div>
        </div>
      )}
    </div>
  );
}
