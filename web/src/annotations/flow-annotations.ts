import type { WorkflowGroup, WorkflowNote } from '@atelier/graph';
import type { Node } from '@xyflow/react';
import { NOTE_SIZE } from '../model/annotation-layout';

/**
 * Notes and groups are shown by React Flow as nodes of their own types, under ids no document
 * node can have ("@" is not allowed in node ids), so the canvas can tell them apart in every
 * change it receives. They never enter the document's `nodes`.
 */
export const NOTE_TYPE = 'atelier-note';
export const GROUP_TYPE = 'atelier-group';
const NOTE_PREFIX = '@note:';
const GROUP_PREFIX = '@group:';

export type NoteFlowNode = Node<{ note: WorkflowNote; readOnly?: boolean }, typeof NOTE_TYPE>;
export type GroupFlowNode = Node<{ group: WorkflowGroup; readOnly?: boolean }, typeof GROUP_TYPE>;
export type AnnotationFlowNode = NoteFlowNode | GroupFlowNode;

/** Below every card, also when selected (a selected node is raised by 1000). */
const GROUP_Z = -3000;

export const noteFlowId = (id: string) => `${NOTE_PREFIX}${id}`;
export const groupFlowId = (id: string) => `${GROUP_PREFIX}${id}`;

/** The note or group id behind a flow node id, or undefined for a document node. */
export const annotationOf = (
  flowId: string,
): { kind: 'note' | 'group'; id: string } | undefined => {
  if (flowId.startsWith(NOTE_PREFIX)) return { kind: 'note', id: flowId.slice(NOTE_PREFIX.length) };
  if (flowId.startsWith(GROUP_PREFIX))
    return { kind: 'group', id: flowId.slice(GROUP_PREFIX.length) };
  return undefined;
};

// One flow node per note/group object (and selection): unchanged ones keep their identity, so
// React Flow does not re-render them on every drag frame of something else.
const noteCache = new WeakMap<WorkflowNote, Map<string, NoteFlowNode>>();
const groupCache = new WeakMap<WorkflowGroup, Map<string, GroupFlowNode>>();

const cached = <K extends object, V>(
  cache: WeakMap<K, Map<string, V>>,
  key: K,
  variant: string,
  make: () => V,
): V => {
  let byVariant = cache.get(key);
  if (!byVariant) cache.set(key, (byVariant = new Map<string, V>()));
  let hit = byVariant.get(variant);
  if (!hit) byVariant.set(variant, (hit = make()));
  return hit;
};

export const noteFlowNode = (note: WorkflowNote, selected: boolean, readOnly = false) =>
  cached(noteCache, note, `${selected}:${readOnly}`, (): NoteFlowNode => ({
    id: noteFlowId(note.id),
    type: NOTE_TYPE,
    position: note.position,
    width: note.size?.width ?? NOTE_SIZE.width,
    height: note.size?.height ?? NOTE_SIZE.height,
    data: { note, ...(readOnly && { readOnly }) },
    selected,
    className: 'annotation-note-node',
    ...(readOnly && { draggable: false, selectable: false }),
  }));

export const groupFlowNode = (group: WorkflowGroup, selected: boolean, readOnly = false) =>
  cached(groupCache, group, `${selected}:${readOnly}`, (): GroupFlowNode => ({
    id: groupFlowId(group.id),
    type: GROUP_TYPE,
    position: group.position,
    width: group.size.width,
    height: group.size.height,
    data: { group, ...(readOnly && { readOnly }) },
    selected,
    zIndex: GROUP_Z,
    // Only the title bar takes the pointer: inside the frame, cards, wires and the canvas
    // (panning, selection box) behave as if the frame were not there.
    dragHandle: '.annotation-group-title',
    style: { pointerEvents: 'none' },
    className: 'annotation-group-node',
    ...(readOnly && { draggable: false, selectable: false }),
  }));

/** Groups first (drawn under everything), then notes. */
export const annotationFlowNodes = (
  doc: { notes?: readonly WorkflowNote[]; groups?: readonly WorkflowGroup[] },
  selected: ReadonlySet<string> = new Set(),
  readOnly = false,
): AnnotationFlowNode[] => [
  ...(doc.groups ?? []).map((g) => groupFlowNode(g, selected.has(g.id), readOnly)),
  ...(doc.notes ?? []).map((n) => noteFlowNode(n, selected.has(n.id), readOnly)),
];
