import type { WorkflowDiff } from '@atelier/graph';
import type { DiffMark } from '../store/session-store';

/**
 * Canvas highlights for a diff, by node id of its newer side: added, changed, or only moved.
 * Removed nodes are not on that side; the list says what they were.
 */
export const diffMarks = (diff: WorkflowDiff): Record<string, DiffMark> => {
  const marks: Record<string, DiffMark> = {};
  for (const move of diff.nodes.moved) marks[move.id] = 'moved';
  for (const change of diff.nodes.changed) marks[change.id] = 'changed';
  for (const node of diff.nodes.added) marks[node.id] = 'added';
  return marks;
};
