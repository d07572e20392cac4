import type { WorkflowGroup, WorkflowNote } from '@atelier/graph';
import { freshId } from './ids';
import { documentNode } from './node-data';
import type { FlowEdge, FlowNode } from './types';

export interface Clipboard {
  nodes: FlowNode[];
  edges: FlowEdge[];
  /** Selected sticky notes and groups, copied with the cards. */
  notes?: WorkflowNote[];
  groups?: WorkflowGroup[];
}

/** The notes and groups of a document, and which of them are selected. */
export interface AnnotationPick {
  notes?: readonly WorkflowNote[];
  groups?: readonly WorkflowGroup[];
  selected: readonly string[];
}

/** The selected nodes and the edges between them (edges to outside nodes are left behind). */
export const copySelection = (
  nodes: readonly FlowNode[],
  edges: readonly FlowEdge[],
  annotations?: AnnotationPick,
): Clipboard | undefined => {
  const picked = nodes.filter((n) => n.selected);
  const marked = new Set(annotations?.selected);
  const notes = (annotations?.notes ?? []).filter((n) => marked.has(n.id));
  const groups = (annotations?.groups ?? []).filter((g) => marked.has(g.id));
  if (picked.length === 0 && notes.length === 0 && groups.length === 0) return undefined;
  const ids = new Set(picked.map((n) => n.id));
  return {
    ...(notes.length > 0 && { notes: structuredClone(notes) }),
    ...(groups.length > 0 && { groups: structuredClone(groups) }),
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
  /** Ids notes and groups must not take (their own namespace). */
  takenAnnotations: Set<string> = new Set(),
): Pick<Clipboard, 'nodes' | 'edges' | 'notes' | 'groups'> => {
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
  const moved = <T extends { id: string; position: { x: number; y: number } }>(
    item: T,
    prefix: string,
  ): T => {
    const id = freshId(prefix, takenAnnotations);
    takenAnnotations.add(id);
    return {
      ...structuredClone(item),
      id,
      position: { x: item.position.x + offset.x, y: item.position.y + offset.y },
    };
  };
  return {
    nodes,
    edges,
    ...(clip.notes && { notes: clip.notes.map((n) => moved(n, 'note')) }),
    ...(clip.groups && { groups: clip.groups.map((g) => moved(g, 'group')) }),
  };
};
