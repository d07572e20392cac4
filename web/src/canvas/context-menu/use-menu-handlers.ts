import type { Edge, FinalConnectionState, Node } from '@xyflow/react';
import { useReactFlow } from '@xyflow/react';
import { useMemo } from 'react';
import { portsOfNode } from '../../store/recipes-store';
import { useDocument } from '../../store/document-store';
import { useCanvasMenu } from './menu-store';

const pointOf = (e: MouseEvent | TouchEvent | React.MouseEvent) => {
  const touch = 'changedTouches' in e ? e.changedTouches[0] : undefined;
  return touch
    ? { x: touch.clientX, y: touch.clientY }
    : { x: (e as MouseEvent).clientX, y: (e as MouseEvent).clientY };
};

/** What on the canvas is not empty space: cards, notes, wires and the canvas's own panels. */
const NOT_EMPTY =
  '.react-flow__node, .react-flow__edge, .react-flow__panel, .react-flow__minimap, .react-flow__controls';

/** React Flow's right-click handlers for the canvas, and what a wire released on it opens. */
export const useMenuHandlers = () => {
  const flow = useReactFlow();
  return useMemo(() => {
    const show = useCanvasMenu.getState().show;
    return {
      onNodeContextMenu: (e: React.MouseEvent, node: Node) => {
        e.preventDefault();
        show({ kind: 'node', nodeId: node.id, ...pointOf(e) });
      },
      onSelectionContextMenu: (e: React.MouseEvent, nodes: Node[]) => {
        e.preventDefault();
        if (nodes[0]) show({ kind: 'node', nodeId: nodes[0].id, ...pointOf(e) });
      },
      onEdgeContextMenu: (e: React.MouseEvent, edge: Edge) => {
        e.preventDefault();
        show({ kind: 'edge', edgeId: edge.id, ...pointOf(e) });
      },
      onPaneContextMenu: (e: MouseEvent | React.MouseEvent) => {
        e.preventDefault();
        const at = pointOf(e);
        show({ kind: 'pane', ...at, flow: flow.screenToFlowPosition(at) });
      },
      /**
       * A double-click on empty canvas opens the node search at that point (the `/` of a place):
       * not on a card, a wire or the canvas controls.
       */
      onPaneDoubleClick: (e: React.MouseEvent) => {
        const target = e.target as Element;
        if (!target.closest('.react-flow__pane') || target.closest(NOT_EMPTY)) return;
        e.preventDefault();
        const at = pointOf(e);
        show({ kind: 'search', ...at, flow: flow.screenToFlowPosition(at) });
      },
      /**
       * A wire released on empty canvas (not on a handle or a card): the node search at that
       * point, offering the types that can take (or give) the wire's kind. True when opened.
       */
      onWireDropped: (e: MouseEvent | TouchEvent, state: FinalConnectionState): boolean => {
        const from = state.fromHandle;
        if (state.toHandle || !from?.id || !state.fromNode) return false;
        const at = pointOf(e);
        // Released over empty canvas: not over a card, a handle or anything outside the flow.
        const under = document.elementFromPoint(at.x, at.y);
        if (!under?.closest('.react-flow') || under.closest('.react-flow__node')) return false;
        const node = useDocument.getState().nodes.find((n) => n.id === from.nodeId);
        const ports = node && portsOfNode(node);
        const port = (from.type === 'source' ? ports?.outputs : ports?.inputs)?.find(
          (p) => p.name === from.id,
        );
        if (!port) return false;
        show({
          kind: 'search',
          ...at,
          flow: flow.screenToFlowPosition(at),
          wire: { nodeId: from.nodeId, handle: port.name, side: from.type, kind: port.kind },
        });
        return true;
      },
    };
  }, [flow]);
};
