import type { Issue, Workflow } from '@atelier/graph';
import { validateWorkflow } from '@atelier/graph';
import { registry } from '@atelier/nodes';
import { recipeRefOf } from '../model/recipe-node';
import { portsOfNode, useRecipes } from '../store/recipes-store';

/**
 * Checks a document as the server will: a recipe node has its pinned recipe's ports (its
 * named inputs and outputs), not the empty ones of its type. Uses the recipes loaded so far;
 * `checkDocument` loads them first.
 */
export const checkLoadedDocument = (workflow: Workflow) =>
  validateWorkflow(workflow, registry, {
    portsOf: (node) => {
      const ports = portsOfNode(node);
      return ports && { inputs: [...ports.inputs], outputs: [...ports.outputs] };
    },
  });

/** Loads the recipes the document's recipe nodes pin, then checks it; an unloadable one is named. */
export const checkDocument = async (workflow: Workflow) => {
  const unavailable: Issue[] = [];
  await Promise.all(
    workflow.nodes.map(async (node, i) => {
      const ref = recipeRefOf(node);
      if (!ref) return;
      const entry = await useRecipes.getState().ensure(ref);
      if (entry.status === 'failed')
        unavailable.push({
          path: `nodes[${i}].data.version`,
          code: 'recipe_unavailable',
          message: `the recipe it uses (version ${ref.version}) cannot be loaded: ${entry.error}`,
        });
    }),
  );
  const checked = checkLoadedDocument(workflow);
  if (unavailable.length === 0) return checked;
  return { ok: false as const, issues: [...unavailable, ...(checked.ok ? [] : checked.issues)] };
};
