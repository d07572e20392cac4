import type { RecipeSource } from '@atelier/graph';
import type { WorkflowRepo } from '../db/workflow-repo';

/**
 * Recipes come from the workflow library. A pinned version stays readable after its workflow
 * is deleted from the library (the delete warns first): a document that uses it keeps running
 * what it was built with.
 */
export const libraryRecipes = (workflows: Pick<WorkflowRepo, 'pinned'>): RecipeSource => ({
  get: (pin) => {
    const found = workflows.pinned(pin.workflowId, pin.version);
    return found && { name: found.name, document: found.document };
  },
});
