import type { WorkflowDiff } from '@atelier/graph';
import { groupFlowId, noteFlowId } from '../annotations/flow-annotations';
import type { DiffMark } from '../store/session-store';

/**
 * Canvas highlights for a diff, by canvas id on its newer side: added, changed, or only moved
 * (resized, for a note or group). Nodes go by their id, notes and groups by their flow id
 * (`@note:<id>`, `@group:<id>`), so the outline covers everything the list names. Removed
 * things are not on that side; the list says what they were.
 */
export const diffMarks = (diff: WorkflowDiff): Record<string, DiffMark> => {
  const marks: Record<string, DiffMark> = {};
  const flowId = (a: { kind: 'note' | 'group'; id: string }) =>
    a.kind === 'note' ? noteFlowId(a.id) : groupFlowId(a.id);
  for (const move of diff.nodes.moved) marks[move.id] = 'moved';
  for (const move of diff.annotations?.moved ?? []) marks[flowId(move)] = 'moved';
  for (const change of diff.nodes.changed) marks[change.id] = 'changed';
  for (const change of diff.annotations?.changed ?? []) marks[flowId(change)] = 'changed';
  for (const node of diff.nodes.added) marks[node.id] = 'added';
  for (const added of diff.annotations?.added ?? []) marks[flowId(added)] = 'added';
  return marks;
};
