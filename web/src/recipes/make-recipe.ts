import type { PortKind } from '@atelier/graph';
import { recipeFromSelection } from '@atelier/graph';
import { api } from '../api/api';
import { askName } from '../dialogs/ask';
import { inputNodeValue, standInFor } from '../model/catalogue';
import { freshId } from '../model/ids';
import { RECIPE_TYPE } from '../model/recipe-node';
import { toWorkflow } from '../model/workflow-io';
import { useDocument } from '../store/document-store';
import { portsOfNode, useRecipes } from '../store/recipes-store';
import { useSession } from '../store/session-store';

const KINDS: readonly PortKind[] = ['text', 'image', 'mask', 'sources'];
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * "Make recipe from selection": asks for a name, saves the selected nodes to the library as a
 * recipe (inputs and outputs = the edges crossing the selection's border), and puts a recipe
 * node pinned to it in their place — one undo step. Returns the new node's id.
 */
export const makeRecipeFromSelection = async (): Promise<string | undefined> => {
  const toast = useSession.getState().toast;
  const selected = useDocument
    .getState()
    .nodes.filter((n) => n.selected)
    .map((n) => n.id);
  if (selected.length === 0) {
    toast('Select the nodes to turn into a recipe first', 'error');
    return undefined;
  }
  const name = await askName({
    title: `Make a recipe of ${selected.length} node${selected.length === 1 ? '' : 's'}`,
    label: 'Recipe name (it goes into the library)',
    initial: 'New recipe',
    confirm: 'Make recipe',
    testId: 'make-recipe-name',
  });
  if (name === undefined) return undefined;
  // The graph as it is now: the replacement below applies to exactly this document.
  const doc = useDocument.getState();
  const before = { nodes: doc.nodes, edges: doc.edges };
  const workflow = toWorkflow(doc);
  const recipeNodeId = freshId(RECIPE_TYPE, new Set(doc.nodes.map((n) => n.id)));
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const made = recipeFromSelection(workflow, selected, {
    name,
    recipeNodeId,
    standIns: Object.fromEntries(
      KINDS.flatMap((k) => {
        const s = standInFor(k);
        return s ? [[k, s]] : [];
      }),
    ),
    portsOf: (node) => portsOfNode(byId.get(node.id) ?? node),
    valueOf: (edge) => {
      const source = byId.get(edge.source);
      return source ? inputNodeValue(source, edge.sourceHandle) : undefined;
    },
  });
  if (!made.ok) {
    toast(made.message, 'error');
    return undefined;
  }
  let pin: { workflowId: string; version: number };
  try {
    const created = await api.createWorkflow(made.recipe);
    pin = { workflowId: created.id, version: created.version };
  } catch (error) {
    toast(`The recipe could not be saved: ${message(error)}`, 'error');
    return undefined;
  }
  // Its ports must be known before edges meet them on the canvas.
  await useRecipes.getState().ensure(pin);
  const now = useDocument.getState();
  if (now.nodes !== before.nodes || now.edges !== before.edges) {
    toast(
      `“${name}” is saved in the library, but the canvas changed meanwhile: add it from the palette's Recipes`,
      'info',
    );
    void useRecipes.getState().refreshLibrary();
    return undefined;
  }
  useDocument.getState().replaceGraph(made.outer(pin), recipeNodeId);
  void useRecipes.getState().refreshLibrary();
  toast(
    `“${name}” is in the library; a recipe node took the selection's place (Ctrl+Z undoes it)`,
    'success',
  );
  return recipeNodeId;
};
