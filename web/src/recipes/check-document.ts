import type { RecipeSource, Workflow } from '@atelier/graph';
import { MAX_RECIPE_DEPTH, recipeKey, recipePinOf, validateWithRecipes } from '@atelier/graph';
import { registry } from '@atelier/nodes';
import { useRecipes } from '../store/recipes-store';

/** The recipes loaded so far, as the graph package's recipe checks read a library. */
const loadedRecipes: RecipeSource = {
  get(pin) {
    const entry = useRecipes.getState().entries[recipeKey(pin)];
    return entry?.status === 'ready'
      ? { name: entry.document.name, document: entry.document }
      : undefined;
  },
};

/** The open workflow, when saved: a recipe node may not use it (a cycle through itself). */
type Self = { workflowId: string; name: string };

/**
 * Checks a document as the server will (`validateWithRecipes`): a recipe node's ports are its
 * recipe's signature, nested recipes and cycles are checked, and so are the values it sets.
 * Uses the recipes loaded so far; `checkDocument` loads them first.
 */
export const checkLoadedDocument = (workflow: Workflow, self?: Self) =>
  validateWithRecipes(workflow, registry, loadedRecipes, self ? { self } : {});

/** Loads every recipe the document uses, nested ones too (one level at a time), then checks it. */
export const checkDocument = async (workflow: Workflow, self?: Self) => {
  const seen = new Set<string>();
  let level = workflow.nodes;
  for (let depth = 0; depth <= MAX_RECIPE_DEPTH && level.length > 0; depth++) {
    const pins = level.flatMap((node) => {
      const pin = recipePinOf(node);
      if (!pin || seen.has(recipeKey(pin))) return [];
      seen.add(recipeKey(pin));
      return [pin];
    });
    const entries = await Promise.all(pins.map((pin) => useRecipes.getState().ensure(pin)));
    level = entries.flatMap((entry) => (entry.status === 'ready' ? entry.document.nodes : []));
  }
  return checkLoadedDocument(workflow, self);
};
