import type {
  Connection,
  Edge,
  EdgeTypes,
  IsValidConnection,
  NodeTypes,
  OnConnectEnd,
} from '@xyflow/react';
import {
  Background,
  BackgroundVariant,
  ReactFlow,
  useReactFlow,
  ViewportPortal,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { definitionOf, nodeTypeNames, portColor } from '../model/catalogue';
import { RECIPE_TYPE } from '../model/recipe-node';
import { RecipeCard } from '../recipes/RecipeCard';
import { portsOfNode } from '../store/recipes-store';
import { checkConnection } from '../model/connections';
import { useDocument } from '../store/document-store';
import { useSession } from '../store/session-store';
import type { FlowNode } from '../model/types';
import { handleCanvasDrop } from './canvas-drop';
import { NodeCard } from '../node-card/NodeCard';
import { OverviewEdges } from './OverviewEdges';
import { useOverview } from './overview-zoom';
import { READABLE_ZOOM } from './fit-readable';
import { useFitReadable } from './use-fit-readable';
import { SpreadOnLoad } from './SpreadOnLoad';
import { WireEdge, WireOverlay } from './WireEdge';
import { CanvasMenus } from './context-menu/CanvasMenus';
import { useMenuHandlers } from './context-menu/use-menu-handlers';
import { useDenied } from '../team/me-store';
import { annotationNodeTypes } from '../annotations/annotation-node-types';
import { useAnnotatedNodes } from '../annotations/use-annotated-nodes';

/** Defined once at module scope: every node type renders through the generic card. */
const nodeTypes: NodeTypes = {
  ...Object.fromEntries(nodeTypeNames.map((t) => [t, NodeCard])),
  // A recipe node's ports and fields come from its pinned recipe, not the catalogue.
  [RECIPE_TYPE]: RecipeCard,
  // Sticky notes and groups: not document nodes (web/src/annotations).
  ...annotationNodeTypes,
};

const NO_EDGES: Edge[] = [];

/** Styled copies are cached per document edge so unchanged edges keep their identity. */
const styled = new WeakMap<Edge, { animated: boolean; edge: Edge }>();
const styledEdge = (e: Edge, animated: boolean, nodes: readonly FlowNode[]): Edge => {
  const hit = styled.get(e);
  if (hit && hit.animated === animated) return hit.edge;
  const source = nodes.find((n) => n.id === e.source);
  const kind =
    (source && portsOfNode(source)?.outputs.find((p) => p.name === e.sourceHandle)?.kind) ?? 'text';
  const edge: Edge = {
    ...e,
    animated,
    type: 'wire',
    className: `edge-${kind}${animated ? ' edge-live' : ''}`,
    style: { stroke: portColor(kind), strokeWidth: e.selected ? 3 : 2 },
  };
  styled.set(e, { animated, edge });
  return edge;
};

/**
 * Fits the view, readably (useFitReadable), to the document on screen when the canvas mounts
 * and to each document opened later (a file, the library, a run), once its cards are measured.
 */
function FitOnLoad() {
  const loads = useDocument((s) => s.loads);
  const fit = useFitReadable();
  // Who is signed in may be known only after the document: a viewer's fit differs (whole graph).
  const readOnly = !!useDenied('edit');
  useEffect(() => {
    // Once the cards in view are measured, and again when the ones that then came into view
    // are: their real heights can move the fit a little.
    const timers = [setTimeout(() => fit(0), 60), setTimeout(() => fit(0), 400)];
    return () => timers.forEach(clearTimeout);
  }, [loads, fit, readOnly]);
  return null;
}

/** Wires are drawn a second time in here, above the cards (WireEdge). */
function WireOverlayLayer({ onGroup }: { onGroup(g: SVGGElement | null): void }) {
  return (
    <ViewportPortal>
      <svg className="wire-overlay" width={1} height={1} aria-hidden data-testid="wire-overlay">
        <g ref={onGroup} />
      </svg>
    </ViewportPortal>
  );
}

const edgeTypes: EdgeTypes = { wire: WireEdge };

/**
 * Brings the node of `session.focus` into view at a readable zoom, selects it and flashes it
 * (an error's node, a node named in a message): the person sees which card is meant.
 */
function FocusNode() {
  const focus = useSession((s) => s.focus);
  const flow = useReactFlow();
  useEffect(() => {
    if (!focus) return;
    const node = useDocument.getState().nodes.find((n) => n.id === focus.nodeId);
    if (!node) return;
    const width = node.measured?.width ?? definitionOf(node.type)?.view.width ?? 270;
    const height = node.measured?.height ?? 300;
    void flow.setCenter(node.position.x + width / 2, node.position.y + height / 2, {
      zoom: Math.max(flow.getZoom(), READABLE_ZOOM),
      duration: 250,
    });
    useDocument.getState().selectOnly([node.id]);
    const card = () => document.querySelector(`[data-testid="node-${node.id}"]`);
    const flash = setTimeout(() => card()?.classList.add('flash'), 300);
    const unflash = setTimeout(() => card()?.classList.remove('flash'), 1900);
    return () => {
      clearTimeout(flash);
      clearTimeout(unflash);
    };
  }, [focus, flow]);
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
  const annotated = useAnnotatedNodes(nodes, onNodesChange);
  const [overlay, setOverlay] = useState<SVGGElement | null>(null);

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
    return checkConnection(c as Connection, s.nodes, s.edges, portsOfNode).ok;
  }, []);

  const onConnect = useCallback((c: Connection) => {
    const result = useDocument.getState().connect(c);
    if (!result.ok) useSession.getState().toast(result.reason, 'error');
  }, []);

  const menus = useMenuHandlers();
  /**
   * A wire released on empty canvas opens the node search there (compatible types only); a
   * drop on a handle that was refused says why ("Can't connect image → text").
   */
  const onConnectEnd: OnConnectEnd = useCallback(
    (event, state) => {
      if (menus.onWireDropped(event, state)) return;
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
      const check = checkConnection(connection, s.nodes, s.edges, portsOfNode);
      useSession
        .getState()
        .toast(check.ok ? 'Connect an output (right) to an input (left)' : check.reason, 'error');
    },
    [menus],
  );

  // A role that cannot edit sees the canvas as it is: no moving, wiring or dropping.
  const noEdit = useDenied('edit');
  const onDrop = useCallback(
    (e: React.DragEvent) => {
      if (noEdit) {
        e.preventDefault();
        useSession.getState().toast(noEdit, 'info');
        return;
      }
      handleCanvasDrop(e, flow.screenToFlowPosition({ x: e.clientX, y: e.clientY }));
    },
    [flow, noEdit],
  );

  return (
    <div
      className={`canvas${noEdit ? ' read-only' : ''}`}
      data-testid="canvas"
      data-read-only={noEdit ? 'true' : undefined}
      onDragOver={(e) => e.preventDefault()}
      onDrop={onDrop}
      onDoubleClick={noEdit ? undefined : menus.onPaneDoubleClick}
    >
      <WireOverlay.Provider value={overview ? null : overlay}>
        <ReactFlow<FlowNode>
          nodes={annotated.nodes}
          edges={shownEdges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onNodesChange={annotated.onNodesChange}
          onEdgesChange={onEdgesChange}
          onConnect={onConnect}
          onConnectEnd={onConnectEnd}
          onNodeContextMenu={menus.onNodeContextMenu}
          onSelectionContextMenu={menus.onSelectionContextMenu}
          onEdgeContextMenu={menus.onEdgeContextMenu}
          onPaneContextMenu={menus.onPaneContextMenu}
          isValidConnection={isValidConnection}
          deleteKeyCode={null}
          // A double-click on empty canvas opens the node search there, for those who may add.
          zoomOnDoubleClick={!!noEdit}
          nodesDraggable={!noEdit}
          nodesConnectable={!noEdit}
          edgesReconnectable={!noEdit}
          multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
          selectionKeyCode="Shift"
          onlyRenderVisibleElements
          minZoom={0.1}
          maxZoom={2}
          colorMode="dark"
          proOptions={{ hideAttribution: true }}
          defaultEdgeOptions={{ type: 'wire' }}
        >
          <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} color="#2a3140" />
          {overview ? <OverviewEdges /> : <WireOverlayLayer onGroup={setOverlay} />}
          <FitOnLoad />
          <SpreadOnLoad />
          <FocusNode />
          <CanvasMenus />
        </ReactFlow>
      </WireOverlay.Provider>
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
