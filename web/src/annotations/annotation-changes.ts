import type { WorkflowGroup, WorkflowNote } from '@atelier/graph';
import { groupMembers } from '@atelier/graph';
import type { NodeChange } from '@xyflow/react';
import type { FlowNode } from '../model/types';
import type { DocumentState } from '../store/document-store';
import { useDocument } from '../store/document-store';
import { annotationOf } from './flow-annotations';

/**
 * What React Flow reports about notes and groups (select, drag, resize), applied to the
 * document. A group dragged by its title moves what lies inside it: the members are fixed
 * when the drag starts, so a card the frame passes over is not swept along.
 */

interface Members {
  nodes: ReadonlySet<string>;
  notes: ReadonlySet<string>;
  groups: ReadonlySet<string>;
}

/** Drags in progress, by annotation id: a group's members (a note has none). */
const drags = new Map<string, Members | undefined>();
const resizing = new Set<string>();

const changeId = (c: NodeChange<FlowNode>) => ('id' in c ? c.id : c.item.id);

/** Everything inside the group (and inside the groups inside it), fixed at drag start. */
export const membersOf = (
  s: Pick<DocumentState, 'nodes' | 'notes' | 'groups'>,
  groupId: string,
): Members => {
  const groups = s.groups ?? [];
  const notes = s.notes ?? [];
  const inner = new Set<string>();
  const nodes = new Set<string>();
  const noteIds = new Set<string>();
  const visit = (group: WorkflowGroup) => {
    for (const id of groupMembers(group, s.nodes)) nodes.add(id);
    for (const id of groupMembers(group, notes)) noteIds.add(id);
    for (const id of groupMembers(group, groups))
      if (id !== groupId && !inner.has(id)) {
        inner.add(id);
        visit(groups.find((g) => g.id === id)!);
      }
  };
  const group = groups.find((g) => g.id === groupId);
  if (group) visit(group);
  return { nodes, notes: noteIds, groups: inner };
};

const shift = <T extends { position: { x: number; y: number } }>(
  item: T,
  dx: number,
  dy: number,
): T => ({
  ...item,
  position: { x: item.position.x + dx, y: item.position.y + dy },
});

/**
 * Applies the changes of notes and groups. `movedByFlow`: ids React Flow moves itself in this
 * batch (a selection dragged together), so a group does not move them a second time.
 * `recorded`: the batch already started an undo step (cards and notes dragged together).
 */
export const applyAnnotationChanges = (
  changes: readonly NodeChange<FlowNode>[],
  movedByFlow: ReadonlySet<string>,
  recorded: boolean,
) => {
  const s = useDocument.getState();
  let notes: WorkflowNote[] | undefined = s.notes;
  let groups: WorkflowGroup[] | undefined = s.groups;
  let nodes: FlowNode[] = s.nodes;
  let selection: string[] | undefined;
  let step: { key?: string } | undefined;
  const resizedNow = new Set(
    changes.flatMap((c) => (c.type === 'dimensions' && c.resizing ? [changeId(c)] : [])),
  );

  for (const c of changes) {
    const target = annotationOf(changeId(c));
    if (!target) continue;
    const { id, kind } = target;
    if (c.type === 'select') {
      selection ??= [...s.selectedAnnotations];
      selection = selection.filter((a) => a !== id);
      if (c.selected) selection.push(id);
    } else if (c.type === 'position') {
      if (c.dragging && !drags.has(id)) {
        step ??= {};
        drags.set(id, kind === 'group' ? membersOf(s, id) : undefined);
      } else if (!c.dragging && !drags.has(id) && !resizing.has(id) && !resizedNow.has(id))
        step ??= { key: 'annotation-nudge' };
      if (c.position) {
        const to = { x: c.position.x, y: c.position.y };
        if (kind === 'note') notes = notes?.map((n) => (n.id === id ? { ...n, position: to } : n));
        else {
          const group = groups?.find((g) => g.id === id);
          const members = drags.get(id);
          if (group) {
            const dx = to.x - group.position.x;
            const dy = to.y - group.position.y;
            const moves = (set: ReadonlySet<string> | undefined, member: string) =>
              !!set?.has(member) && !movedByFlow.has(member);
            groups = groups?.map((g) =>
              g.id === id
                ? { ...g, position: to }
                : moves(members?.groups, g.id)
                  ? shift(g, dx, dy)
                  : g,
            );
            notes = notes?.map((n) => (moves(members?.notes, n.id) ? shift(n, dx, dy) : n));
            nodes = nodes.map((n) => (moves(members?.nodes, n.id) ? shift(n, dx, dy) : n));
          }
        }
      }
      if (c.dragging === false) drags.delete(id);
    } else if (c.type === 'dimensions' && typeof c.resizing === 'boolean') {
      if (c.resizing && !resizing.has(id)) {
        step ??= {};
        resizing.add(id);
      }
      if (c.dimensions) {
        const size = { width: c.dimensions.width, height: c.dimensions.height };
        if (kind === 'note') notes = notes?.map((n) => (n.id === id ? { ...n, size } : n));
        else groups = groups?.map((g) => (g.id === id ? { ...g, size } : g));
      }
      if (!c.resizing) resizing.delete(id);
    }
  }

  const edited = notes !== s.notes || groups !== s.groups || nodes !== s.nodes;
  if (edited)
    s.editDocument(() => ({ notes, groups, nodes }), {
      record: !!step && !recorded,
      key: step?.key,
    });
  if (selection) s.selectAnnotations(selection, 'set');
};

/**
 * The canvas's onNodesChange: changes of document nodes go to the store as before, those of
 * notes and groups to applyAnnotationChanges.
 */
export const splitNodeChanges = (
  changes: NodeChange<FlowNode>[],
  applyNodes: (changes: NodeChange<FlowNode>[]) => void,
) => {
  const own: NodeChange<FlowNode>[] = [];
  const rest: NodeChange<FlowNode>[] = [];
  for (const c of changes)
    if (annotationOf(changeId(c))) own.push(c);
    else rest.push(c);
  const recorded = rest.some((c) => c.type === 'position' && c.dragging);
  if (rest.length > 0) applyNodes(rest);
  if (own.length === 0) return;
  const movedByFlow = new Set(
    changes.flatMap((c) => {
      if (c.type !== 'position') return [];
      return [annotationOf(c.id)?.id ?? c.id];
    }),
  );
  applyAnnotationChanges(own, movedByFlow, recorded);
};
