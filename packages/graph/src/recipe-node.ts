import { z } from 'zod';
import type { WorkflowNode } from './document';

/** The node type that runs a saved recipe inside a graph (DESIGN.md §13). */
export const RECIPE_NODE_TYPE = 'recipe';

/**
 * Joins a recipe node's id and an inner node's id in a run's plan (`r1/g1`). Node ids may not
 * contain it, so an expanded id never clashes with one a person wrote.
 */
export const RECIPE_ID_SEPARATOR = '/';

/** A library workflow id as the server makes them (`wf_…`). */
const workflowIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'a workflow id like "wf_abc123"');

/**
 * A recipe node's data: the recipe pinned to one version, and values for its named inputs
 * (text, or an image/mask value); an input neither set here nor wired takes the recipe's
 * default.
 */
export const recipeNodeDataSchema = z.object({
  workflowId: workflowIdSchema,
  version: z.number().int().positive(),
  inputs: z.record(z.string(), z.unknown()).default({}),
});

export type RecipeNodeData = z.output<typeof recipeNodeDataSchema>;

/** A recipe pinned to one version. */
export interface RecipePin {
  workflowId: string;
  version: number;
}

/** `wf_abc@3`: how a pinned recipe is keyed in a RecipeBook. */
export const recipeKey = (pin: RecipePin): string => `${pin.workflowId}@${pin.version}`;

export const isRecipeNode = (node: Pick<WorkflowNode, 'type'>): boolean =>
  node.type === RECIPE_NODE_TYPE;

/** The pin of a recipe node, or undefined when its data does not parse (validation says why). */
export const recipePinOf = (
  node: Pick<WorkflowNode, 'type' | 'data'>,
): RecipeNodeData | undefined => {
  if (!isRecipeNode(node)) return undefined;
  const parsed = recipeNodeDataSchema.safeParse(node.data);
  return parsed.success ? parsed.data : undefined;
};
