import type { Workflow } from '../document';
import type { RecipeSource, StoredRecipe } from '../recipe-book';
import { recipeKey, recipeNodeDataSchema, RECIPE_NODE_TYPE } from '../recipe-node';
import type { NodeCatalogue, NodeSpec } from '../spec';
import { catalogue } from './catalogue';

const recipeSpec: NodeSpec = {
  type: RECIPE_NODE_TYPE,
  version: 1,
  title: 'Recipe',
  category: 'recipe',
  description: '',
  inputs: [],
  outputs: [],
  fields: [],
  data: recipeNodeDataSchema,
};

/** The test catalogue with the recipe node type. */
export const withRecipes: NodeCatalogue = new Map([...catalogue, [RECIPE_NODE_TYPE, recipeSpec]]);

/** A library in memory: `add('wf_a', 1, doc)`. */
export const librarySource = (): RecipeSource & {
  add(workflowId: string, version: number, document: Workflow): void;
} => {
  const stored = new Map<string, StoredRecipe>();
  return {
    add: (workflowId, version, document) =>
      stored.set(recipeKey({ workflowId, version }), { name: document.name, document }),
    get: (pin) => stored.get(recipeKey(pin)),
  };
};

/** A terse recipe node. */
export const recipeNodeOf = (
  id: string,
  workflowId: string,
  version: number,
  inputs: Record<string, unknown> = {},
) => ({ id, type: RECIPE_NODE_TYPE, data: { workflowId, version, inputs } });
