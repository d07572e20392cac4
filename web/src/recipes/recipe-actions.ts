import type { RecipeRef } from '../model/recipe-node';
import { newRecipeData, RECIPE_TYPE } from '../model/recipe-node';
import { useDocument } from '../store/document-store';
import { useRecipes } from '../store/recipes-store';
import { useSession } from '../store/session-store';

/**
 * The data of a recipe node pinned to `ref`, once its signature is known; undefined (and a
 * toast saying why) when it cannot be used here.
 */
export const recipeNodeData = async (
  ref: RecipeRef,
  name: string,
): Promise<Record<string, unknown> | undefined> => {
  const toast = useSession.getState().toast;
  if (ref.workflowId === useDocument.getState().workflowId) {
    toast(`“${name}” is the workflow open here: a recipe can't contain itself`, 'error');
    return undefined;
  }
  const entry = await useRecipes.getState().ensure(ref);
  if (entry.status === 'failed') {
    toast(`“${name}” can't be used as a recipe: ${entry.error}`, 'error');
    return undefined;
  }
  if (entry.status !== 'ready') return undefined;
  if (entry.signature.outputs.length === 0) {
    toast(
      `“${name}” has no named outputs yet: open it and mark an output port (⇢ out) first`,
      'error',
    );
    return undefined;
  }
  return newRecipeData(ref, entry.signature);
};

/** Adds a recipe node at a canvas position (a drop from the library or the palette). */
export const addRecipeAt = async (
  ref: RecipeRef,
  name: string,
  position: { x: number; y: number },
): Promise<string | undefined> => {
  const data = await recipeNodeData(ref, name);
  return data ? useDocument.getState().addNode(RECIPE_TYPE, position, { data }) : undefined;
};
