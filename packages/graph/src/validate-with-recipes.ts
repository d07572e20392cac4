import type { Issue, Workflow } from './document';
import type { RecipeBook, RecipeSource } from './recipe-book';
import { resolveRecipes } from './recipe-book';
import { checkRecipeNodes } from './recipe-inputs';
import type { NodeCatalogue } from './spec';
import { validateWorkflow } from './validate';

/**
 * validateWorkflow for a document that may hold recipe nodes: its recipes are resolved first
 * (missing ones, invalid ones and cycles are reported at the recipe node), then the document is
 * validated with each recipe node's ports taken from its recipe's signature, and the values
 * recipe nodes set for their recipes' inputs are checked.
 */
export const validateWithRecipes = (
  workflow: Workflow,
  catalogue: NodeCatalogue,
  source: RecipeSource,
  options: { self?: { workflowId: string; name: string } } = {},
): { ok: true; workflow: Workflow; book: RecipeBook } | { ok: false; issues: Issue[] } => {
  const resolved = resolveRecipes(workflow, source, catalogue, options);
  if (!resolved.ok) return resolved;
  const { book } = resolved;
  const valid = validateWorkflow(workflow, catalogue, { portsOf: book.portsOf });
  if (!valid.ok) return valid;
  const issues = checkRecipeNodes(valid.workflow, book, catalogue);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, workflow: valid.workflow, book };
};
