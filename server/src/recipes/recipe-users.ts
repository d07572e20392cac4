import { recipePinOf } from '@atelier/graph';
import { UnreadableDocumentError } from '../db/stored-workflow';
import type { WorkflowRepo } from '../db/workflow-repo';

/** A library workflow whose latest version uses a recipe (GET /api/workflows/:id/users). */
export interface RecipeUser {
  id: string;
  name: string;
  version: number;
  /** Its recipe nodes pinned to the recipe, with the version each pins. */
  nodes: { id: string; version: number }[];
}

/**
 * The other library workflows whose latest version holds a recipe node pinned to `workflowId`
 * (any version): who breaks, or stays on a recipe no longer in the library, if it is deleted.
 * A scan of the latest documents: libraries are hundreds of workflows, not millions.
 */
export const recipeUsers = (
  workflows: Pick<WorkflowRepo, 'list' | 'get'>,
  workflowId: string,
): RecipeUser[] =>
  workflows.list().flatMap((summary) => {
    if (summary.id === workflowId) return [];
    let stored;
    try {
      stored = workflows.get(summary.id);
    } catch (error) {
      // A document this Atelier cannot read (saved by a newer one) cannot be checked: it does
      // not block deleting another workflow.
      if (error instanceof UnreadableDocumentError) return [];
      throw error;
    }
    if (!stored) return [];
    const nodes = stored.document.nodes.flatMap((node) => {
      const pin = recipePinOf(node);
      return pin?.workflowId === workflowId ? [{ id: node.id, version: pin.version }] : [];
    });
    return nodes.length > 0
      ? [{ id: stored.id, name: stored.name, version: stored.version, nodes }]
      : [];
  });
