import type { Issue, Workflow, WorkflowGroup } from './document';

/** Something with a top-left corner on the canvas (a node, a note, a group). */
export interface Placed {
  id: string;
  position: { x: number; y: number };
}

/**
 * Does `group` hold the thing at `position`? Its top-left corner lies inside the group's
 * rectangle (edges included). Only the corner counts: the document stores no card sizes, and a
 * card that grows after a run must not leave its group.
 */
export const groupHolds = (group: WorkflowGroup, position: { x: number; y: number }): boolean =>
  position.x >= group.position.x &&
  position.y >= group.position.y &&
  position.x <= group.position.x + group.size.width &&
  position.y <= group.position.y + group.size.height;

/** The ids of `items` (nodes, notes, other groups) that `group` holds, in their order. */
export const groupMembers = (group: WorkflowGroup, items: readonly Placed[]): string[] =>
  items.filter((item) => item.id !== group.id && groupHolds(group, item.position)).map((i) => i.id);

/**
 * Ids of notes and groups must be unique among both lists (one namespace: the editor selects
 * and the version diff matches them by id). Node ids are a separate namespace.
 */
export const annotationIssues = (workflow: Pick<Workflow, 'notes' | 'groups'>): Issue[] => {
  const issues: Issue[] = [];
  const seen = new Map<string, string>();
  for (const key of ['notes', 'groups'] as const)
    (workflow[key] ?? []).forEach((item, i) => {
      const at = `${key}[${i}]`;
      const first = seen.get(item.id);
      if (first !== undefined)
        issues.push({
          path: `${at}.id`,
          code: 'duplicate_id',
          message: `${at}.id: "${item.id}" is already used by ${first}; note and group ids must be unique`,
        });
      else seen.set(item.id, at);
    });
  return issues;
};
