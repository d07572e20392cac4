import { freshId } from './ids';
import { documentNode } from './node-data';
import type { FlowEdge, FlowNode } from './types';

export interface Clipboard {
  nodes: FlowNode[];
  edges: FlowEdge[];
}

/** The selected nodes and the edges between them (edges to outside nodes are left behind). */
export const copySelection = (
  nodes: readonly FlowNode[],
  edges: readonly FlowEdge[],
): Clipboard | undefined => {
  const picked = nodes.filter((n) => n.selected);
  if (picked.length === 0) return undefined;
  const ids = new Set(picked.map((n) => n.id));
  return {
    nodes: picked.map((n) => structuredClone(documentNode(n))),
    edges: edges
      .filter((e) => ids.has(e.source) && ids.has(e.target))
      .map((e) => ({
        id: e.id,
        source: e.source,
        sourceHandle: e.sourceHandle,
        target: e.target,
        targetHandle: e.targetHandle,
      })),
  };
};

/** Copies of the clipboard with new ids, moved by `offset`, internal edges rewired, selected. */
export const pasteClipboard = (
  clip: Clipboard,
  taken: Set<string>,
  offset: { x: number; y: number },
): { nodes: FlowNode[]; edges: FlowEdge[] } => {
  const rename = new Map<string, string>();
  const nodes = clip.nodes.map((n): FlowNode => {
    const id = freshId(n.type, taken);
    taken.add(id);
    rename.set(n.id, id);
    return {
      ...structuredClone(n),
      id,
      position: { x: n.position.x + offset.x, y: n.position.y + offset.y },
      selected: true,
    };
  });
  const edges = clip.edges.map((e): FlowEdge => {
    const id = freshId('e', taken);
    taken.add(id);
    return {
      id,
      source: rename.get(e.source)!,
      sourceHandle: e.sourceHandle,
      target: rename.get(e.target)!,
      targetHandle: e.targetHandle,
    };
  });
  return { nodes, edges };
};
