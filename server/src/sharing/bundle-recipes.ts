import type { RecipePin, Workflow } from '@atelier/graph';
import { recipeKey, recipePinOf } from '@atelier/graph';
import type { WorkflowRepo } from '../db/workflow-repo';

/** A recipe version a bundle carries, read from the library. */
export interface CollectedRecipe extends RecipePin {
  name: string;
  document: Workflow;
}

/**
 * Every recipe a document uses, directly or through other recipes, each at the version its
 * recipe node pins (deleted library workflows included: a pin still runs them), those used by
 * others first. Pins the library cannot answer are listed in `missing` (the bundle is still
 * written; the importer then refuses it naming the recipe).
 */
export const collectRecipes = (
  document: Workflow,
  workflows: Pick<WorkflowRepo, 'pinned'>,
): { recipes: CollectedRecipe[]; missing: RecipePin[] } => {
  const recipes: CollectedRecipe[] = [];
  const missing: RecipePin[] = [];
  const seen = new Set<string>();
  const visit = (doc: Workflow) => {
    for (const node of doc.nodes) {
      const pin = recipePinOf(node);
      if (!pin || seen.has(recipeKey(pin))) continue;
      seen.add(recipeKey(pin));
      const stored = workflows.pinned(pin.workflowId, pin.version);
      if (!stored) {
        missing.push({ workflowId: pin.workflowId, version: pin.version });
        continue;
      }
      visit(stored.document);
      recipes.push({ workflowId: pin.workflowId, version: pin.version, ...stored });
    }
  };
  visit(document);
  return { recipes, missing };
};
