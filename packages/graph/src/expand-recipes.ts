import type { Workflow, WorkflowEdge, WorkflowNode } from './document';
import type { RecipeBook } from './recipe-book';
import { RECIPE_ID_SEPARATOR, recipeKey, recipePinOf } from './recipe-node';
import type { NodePorts } from './validate';

/**
 * An edge whose target handle starts with this sets a *field* of the target at run time
 * (`=text`): how a value wired into a recipe node's input reaches the inner node whose field
 * the recipe exposes under that name. Port names never start with it.
 */
export const FIELD_HANDLE_PREFIX = '=';

/** The field an edge sets (see FIELD_HANDLE_PREFIX), or undefined for an ordinary edge. */
export const boundField = (edge: Pick<WorkflowEdge, 'targetHandle'>): string | undefined =>
  edge.targetHandle.startsWith(FIELD_HANDLE_PREFIX)
    ? edge.targetHandle.slice(FIELD_HANDLE_PREFIX.length)
    : undefined;

/** What a recipe node of a run resolved to (kept in the run record). */
export interface ResolvedRecipeNode {
  workflowId: string;
  version: number;
  name: string;
}

/** A document with its recipe nodes expanded: what a run plans and executes. */
export interface ExpandedWorkflow {
  /**
   * Every recipe node's inner nodes are added after it with ids `<recipe node>/<inner id>`
   * (recursively: `r1/r2/g1`), wired as inside the recipe. The recipe node itself stays: the
   * recipe's named outputs are wired into it (target handle = output name) and it passes
   * them on, so edges out of it are unchanged. Edges into its inputs become field edges
   * (FIELD_HANDLE_PREFIX) to the inner node the recipe input names. `inputs`/`outputs` are the
   * document's own (its node ids are unchanged).
   */
  workflow: Workflow;
  /** Ports of each recipe node in the expanded graph: its recipe's outputs, in and out. */
  ports: ReadonlyMap<string, NodePorts>;
  /** What each recipe node (expanded id) resolved to. */
  recipes: Record<string, ResolvedRecipeNode>;
}

/**
 * Expands recipe nodes, recursively. The document must have passed validateWithRecipes with
 * this book (every recipe node resolves; no cycles). A recipe input takes, in order: the edge
 * wired into the recipe node, the value in the node's `data.inputs`, the recipe's default.
 * Pure and linear in the size of the expanded graph.
 */
export const expandRecipes = (workflow: Workflow, book: RecipeBook): ExpandedWorkflow => {
  if (!workflow.nodes.some((node) => recipePinOf(node)))
    return { workflow, ports: new Map(), recipes: {} };
  const nodes: WorkflowNode[] = [];
  const edges: WorkflowEdge[] = [];
  const ports = new Map<string, NodePorts>();
  const recipes: Record<string, ResolvedRecipeNode> = Object.create(null);

  const place = (doc: Workflow, prefix: string): void => {
    /** Recipe nodes of `doc` by id: their recipe's inputs by name. */
    const recipeInputs = new Map<string, Map<string, { node: string; field: string }>>();
    for (const node of doc.nodes) {
      const id = prefix + node.id;
      const pin = recipePinOf(node);
      const recipe = pin && book.recipes.get(recipeKey(pin));
      if (!pin || !recipe) {
        nodes.push(prefix ? { ...node, id } : node);
        continue;
      }
      nodes.push(prefix ? { ...node, id } : node);
      recipes[id] = { workflowId: pin.workflowId, version: pin.version, name: recipe.name };
      const gathered = recipe.ports.outputs.map((port) => ({ ...port }));
      ports.set(id, { inputs: gathered, outputs: recipe.ports.outputs });
      recipeInputs.set(
        node.id,
        new Map(recipe.document.inputs.map((input) => [input.name, input])),
      );
      // Values set on the node override the recipe's defaults (wired ones do at run time).
      const inner = withValues(recipe.document, pin.inputs);
      const innerPrefix = id + RECIPE_ID_SEPARATOR;
      place(inner, innerPrefix);
      for (const output of recipe.document.outputs ?? [])
        edges.push({
          id: `${innerPrefix}>${output.name}`,
          source: innerPrefix + output.node,
          sourceHandle: output.port,
          target: id,
          targetHandle: output.name,
        });
    }
    for (const edge of doc.edges) {
      const input = recipeInputs.get(edge.target)?.get(edge.targetHandle);
      if (input) {
        // Into a recipe input: to the field of the inner node the recipe exposes.
        edges.push({
          id: prefix + edge.id,
          source: prefix + edge.source,
          sourceHandle: edge.sourceHandle,
          target: prefix + edge.target + RECIPE_ID_SEPARATOR + input.node,
          targetHandle: FIELD_HANDLE_PREFIX + input.field,
        });
        continue;
      }
      edges.push(
        prefix
          ? {
              ...edge,
              id: prefix + edge.id,
              source: prefix + edge.source,
              target: prefix + edge.target,
            }
          : edge,
      );
    }
  };
  place(workflow, '');
  return { workflow: { ...workflow, nodes, edges }, ports, recipes };
};

/** The recipe document with the node's input values set on the fields they name. */
const withValues = (recipe: Workflow, values: Record<string, unknown>): Workflow => {
  const names = Object.keys(values);
  if (names.length === 0) return recipe;
  const nodes = recipe.nodes.map((node) => {
    let data = node.data;
    for (const input of recipe.inputs)
      if (input.node === node.id && names.includes(input.name) && values[input.name] !== undefined)
        data = { ...data, [input.field]: values[input.name] };
    return data === node.data ? node : { ...node, data };
  });
  return { ...recipe, nodes };
};
