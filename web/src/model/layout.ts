import dagre from '@dagrejs/dagre';
import type { FlowEdge, FlowNode } from './types';

const DEFAULT_SIZE = { width: 280, height: 220 };

/** Left-to-right layered layout (dagre); returns new positions by node id. */
export const layoutLeftToRight = (
  nodes: readonly FlowNode[],
  edges: readonly FlowEdge[],
): Map<string, { x: number; y: number }> => {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 90, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) {
    const width = n.measured?.width ?? n.width ?? DEFAULT_SIZE.width;
    const height = n.measured?.height ?? n.height ?? DEFAULT_SIZE.height;
    g.setNode(n.id, { width, height });
  }
  for (const e of edges) g.setEdge(e.source, e.target);
  dagre.layout(g);
  const positions = new Map<string, { x: number; y: number }>();
  for (const n of nodes) {
    const placed = g.node(n.id);
    // dagre gives centres; xyflow positions are top-left corners.
    positions.set(n.id, { x: placed.x - placed.width / 2, y: placed.y - placed.height / 2 });
  }
  return positions;
};
