import type { WorkflowSignature } from '@atelier/graph';
import type { NodeDefinition } from '@atelier/nodes';
import { definitionOf } from '../model/catalogue';
import { RECIPE_TYPE, recipeFields, recipePorts } from '../model/recipe-node';

/**
 * What the generic card needs of a recipe type when the catalogue has no `recipe` entry to
 * start from: the card reads type, title, view, category, ports and fields, nothing else.
 */
const FALLBACK = {
  type: RECIPE_TYPE,
  version: 1,
  title: 'Recipe',
  category: 'image',
  description: 'A saved recipe used as a node, pinned to one version',
  role: 'step',
  callsApi: false,
  inputs: [],
  outputs: [],
  fields: [],
  view: { width: 300, preview: 'none' },
} as unknown as NodeDefinition;

/**
 * The card definition of one recipe node: the catalogue's `recipe` type with the pinned
 * version's inputs and outputs as ports, its inputs as fields, and the recipe's name as title.
 */
export const recipeDefinition = (
  name: string | undefined,
  signature: WorkflowSignature | undefined,
): NodeDefinition => {
  const base = definitionOf(RECIPE_TYPE) ?? FALLBACK;
  const ports = signature ? recipePorts(signature) : { inputs: [], outputs: [] };
  return {
    ...base,
    title: name ?? base.title,
    ...ports,
    fields: signature ? recipeFields(signature) : [],
    // Its outputs are shown by RecipeCard (named after the recipe's outputs, not `image`).
    view: { width: Math.max(base.view.width, 300), preview: 'none' },
    modelFields: undefined,
  };
};
