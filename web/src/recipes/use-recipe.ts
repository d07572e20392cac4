import { useEffect } from 'react';
import type { RecipeRef } from '../model/recipe-node';
import { recipeKey } from '../model/recipe-node';
import type { RecipeEntry } from '../store/recipes-store';
import { useRecipes } from '../store/recipes-store';

/** The pinned recipe version of a node, loaded on first use (undefined: no pin). */
export const useRecipeEntry = (ref: RecipeRef | undefined): RecipeEntry | undefined => {
  const key = ref ? recipeKey(ref) : undefined;
  const entry = useRecipes((s) => (key ? s.entries[key] : undefined));
  // The pin by value (a node's `ref` is a new object each render).
  const workflowId = ref?.workflowId;
  const version = ref?.version;
  useEffect(() => {
    if (workflowId !== undefined && version !== undefined && !entry)
      void useRecipes.getState().ensure({ workflowId, version });
  }, [workflowId, version, entry]);
  return entry;
};

/** The library's newer version of a pinned recipe, if there is one. */
export const useNewerVersion = (ref: RecipeRef | undefined): number | undefined =>
  useRecipes((s) => {
    const latest = ref ? s.latest[ref.workflowId]?.version : undefined;
    return ref && latest !== undefined && latest > ref.version ? latest : undefined;
  });
