import type { Issue, Workflow } from './document';
import type { InputValue } from './inputs';
import { applyInputs, isValueOfKind, KIND_MESSAGE } from './inputs';
import type { NodeCatalogue } from './spec';
import type { RecipeBook } from './recipe-book';
import { recipeKey, recipePinOf } from './recipe-node';

/**
 * The values a recipe node sets for its recipe's inputs (`data.inputs`): each names an input
 * of the pinned recipe and has its kind. Recipe nodes whose recipe is not in the book are left
 * to resolveRecipes, which says why.
 */
export const checkRecipeNodes = (
  workflow: Workflow,
  book: RecipeBook,
  catalogue: NodeCatalogue,
): Issue[] => {
  const issues: Issue[] = [];
  workflow.nodes.forEach((node, i) => {
    const pin = recipePinOf(node);
    const recipe = pin && book.recipes.get(recipeKey(pin));
    if (!pin || !recipe) return;
    for (const [name, value] of Object.entries(pin.inputs)) {
      const at = `nodes[${i}].data.inputs.${name}`;
      const input = recipe.signature.inputs.find((x) => x.name === name);
      if (!input) {
        const known = recipe.signature.inputs.map((x) => `"${x.name}"`).join(', ') || 'none';
        issues.push({
          path: at,
          code: 'unknown_input',
          message: `${at}: recipe "${recipe.name}" version ${recipe.version} has no input named "${name}"; its inputs: ${known}`,
        });
      } else if (!isValueOfKind(input.kind, value))
        issues.push({
          path: at,
          code: 'input_kind_mismatch',
          message: `${at}: ${KIND_MESSAGE[input.kind]}`,
        });
      else {
        // The field's own schema judges the value too (a prompt's length limit and the like).
        const applied = applyInputs(recipe.document, catalogue, { [name]: value as InputValue });
        if (!applied.ok)
          for (const issue of applied.issues)
            issues.push({
              path: at,
              code: issue.code,
              message: issue.message.replace(`inputs.${name}`, at),
            });
      }
    }
  });
  return issues;
};
