import type { PortValue } from '@atelier/graph';
import { RECIPE_NODE_TYPE, recipeNodeDataSchema } from '@atelier/graph';
import { defineNode } from './define';

/**
 * A saved recipe used as a node (DESIGN.md §13): data `{ workflowId, version, inputs }`. Its
 * ports are not static: they are the pinned recipe's signature, resolved by the host through a
 * RecipeSource (`validateWorkflow`'s `portsOf`). The engine expands it into the recipe's own
 * nodes before the run; what is left of the node itself gathers the recipe's named outputs
 * (wired into it by name) and passes them on, so edges out of it read them.
 */
export const recipeNode = defineNode({
  type: RECIPE_NODE_TYPE,
  version: 1,
  title: 'Recipe',
  category: 'recipe',
  role: 'step',
  view: { width: 300, preview: 'none' },
  description: 'A saved recipe, pinned to a version: its inputs and outputs become ports.',
  inputs: [],
  outputs: [],
  fields: [],
  dynamicPorts: true,
  // Without a pinned workflow it is nothing: it is added from the palette's Recipes section.
  palette: false,
  data: recipeNodeDataSchema,
  callsApi: false,
  run: async ({ inputs }) => {
    const outputs: Record<string, PortValue> = {};
    for (const [name, value] of Object.entries(inputs))
      if (value !== undefined && !Array.isArray(value)) outputs[name] = value;
    return { outputs };
  },
});
