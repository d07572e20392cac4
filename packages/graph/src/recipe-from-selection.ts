import type {
  Workflow,
  WorkflowEdge,
  WorkflowInput,
  WorkflowNode,
  WorkflowOutput,
} from './document';
import { RESERVED_NAMES, WORKFLOW_FORMAT, WORKFLOW_VERSION } from './document';
import type { PortKind } from './ports';
import { RECIPE_NODE_TYPE } from './recipe-node';
import type { PortSpec } from './spec';

/**
 * The input node that stands in, inside the new recipe, for a value that used to come from
 * outside the selection: its `field` is exposed as the recipe input and its `port` feeds the
 * nodes that were wired from outside (a prompt's `text` for text, a reference's `image`).
 */
export interface StandIn {
  type: string;
  field: string;
  port: string;
}

export interface RecipeFromSelectionOptions {
  /** The new recipe's name. */
  name: string;
  /** The id of the recipe node that takes the selection's place in the outer graph. */
  recipeNodeId: string;
  /** Stand-in input nodes by port kind; a crossing edge of a kind without one is refused. */
  standIns: Partial<Record<PortKind, StandIn>>;
  /**
   * What an outside output gives before any run (a prompt's text), copied into its stand-in
   * so the recipe also runs on its own; undefined leaves the stand-in's field at its default.
   */
  valueOf?(edge: WorkflowEdge): unknown;
  /** Every node's ports (a recipe node's come from its recipe). */
  portsOf(
    node: WorkflowNode,
  ): { inputs: readonly PortSpec[]; outputs: readonly PortSpec[] } | undefined;
}

export type RecipeFromSelection =
  | {
      ok: true;
      /** The library recipe: the selected nodes, their inner edges, stand-ins, inputs, outputs. */
      recipe: Workflow;
      /** The outer graph with the selection replaced by a recipe node pinned to `pin`. */
      outer(pin: { workflowId: string; version: number }): Workflow;
    }
  | { ok: false; message: string };

const NAME = /[^A-Za-z0-9_-]+/g;

/** A valid, unused input/output name made from a port or field name. */
const uniqueName = (taken: Set<string>, base: string): string => {
  let clean =
    base
      .replace(NAME, '_')
      .replace(/^[^A-Za-z_]+/, '')
      .slice(0, 60) || 'value';
  if (RESERVED_NAMES.has(clean)) clean = `${clean}_1`;
  let name = clean;
  for (let n = 2; taken.has(name); n += 1) name = `${clean}_${n}`;
  taken.add(name);
  return name;
};

const uniqueId = (taken: Set<string>, base: string): string => {
  let id = base;
  for (let n = 2; taken.has(id); n += 1) id = `${base}_${n}`;
  taken.add(id);
  return id;
};

/**
 * Turns a selection into a recipe (DESIGN.md §13, "make recipe from selection"), purely: the
 * recipe's inputs and outputs are the edges that cross the selection's border. Each outside
 * output feeding the selection becomes one recipe input, backed by a stand-in input node
 * inside; each inside output feeding the rest becomes one recipe output. The outer graph gets
 * a recipe node wired as the selection was, so a run gives the same values as before.
 * Named inputs and outputs of the document that point into the selection move into the recipe.
 */
export const recipeFromSelection = (
  workflow: Workflow,
  selectedIds: readonly string[],
  options: RecipeFromSelectionOptions,
): RecipeFromSelection => {
  const selected = new Set(selectedIds);
  const inside = workflow.nodes.filter((n) => selected.has(n.id));
  if (inside.length === 0) return { ok: false, message: 'Select the nodes to turn into a recipe' };
  const byId = new Map(workflow.nodes.map((n) => [n.id, n]));
  const isIn = (id: string) => selected.has(id);
  const kindOf = (edge: WorkflowEdge): PortKind | undefined =>
    options.portsOf(byId.get(edge.source)!)?.outputs.find((p) => p.name === edge.sourceHandle)
      ?.kind;

  const innerEdges = workflow.edges.filter((e) => isIn(e.source) && isIn(e.target));
  const incoming = workflow.edges.filter((e) => !isIn(e.source) && isIn(e.target));
  const outgoing = workflow.edges.filter((e) => isIn(e.source) && !isIn(e.target));

  const inputNames = new Set<string>();
  const outputNames = new Set<string>();
  const nodeIds = new Set(inside.map((n) => n.id));
  const edgeIds = new Set(innerEdges.map((e) => e.id));

  // The document's own named inputs and outputs on selected nodes keep their names.
  const movedInputs: WorkflowInput[] = workflow.inputs.filter((i) => isIn(i.node));
  const movedOutputs: WorkflowOutput[] = (workflow.outputs ?? []).filter((o) => isIn(o.node));
  movedInputs.forEach((i) => inputNames.add(i.name));
  movedOutputs.forEach((o) => outputNames.add(o.name));

  // One recipe input per outside output feeding the selection.
  const standInNodes: WorkflowNode[] = [];
  const standInEdges: WorkflowEdge[] = [];
  const recipeInputs: WorkflowInput[] = [...movedInputs];
  /** outside `source\0handle` → the recipe input it now feeds. */
  const inputOf = new Map<string, string>();
  const left = Math.min(...inside.map((n) => n.position.x));
  for (const edge of incoming) {
    const key = `${edge.source}\u0000${edge.sourceHandle}`;
    let name = inputOf.get(key);
    const kind = kindOf(edge);
    const standIn = kind && options.standIns[kind];
    if (!kind || !standIn)
      return {
        ok: false,
        message: `The ${kind ?? 'unknown'} connection ${edge.source} → ${edge.target}.${edge.targetHandle} crosses the selection's border and a recipe input can't carry ${kind ?? 'it'}: include ${edge.source} in the selection, or leave ${edge.target} out`,
      };
    if (!name) {
      name = uniqueName(inputNames, edge.targetHandle);
      inputOf.set(key, name);
      const target = byId.get(edge.target)!;
      const id = uniqueId(nodeIds, `in_${name}`);
      const value = options.valueOf?.(edge);
      standInNodes.push({
        id,
        type: standIn.type,
        position: { x: left - 320, y: target.position.y + 40 * standInNodes.length },
        data: value === undefined ? {} : { [standIn.field]: value },
      });
      recipeInputs.push({ name, node: id, field: standIn.field });
    }
    const standInId = recipeInputs.find((i) => i.name === name)!.node;
    standInEdges.push({
      id: uniqueId(edgeIds, `e_${name}_${edge.target}`),
      source: standInId,
      sourceHandle: standIn.port,
      target: edge.target,
      targetHandle: edge.targetHandle,
    });
  }

  // One recipe output per inside output feeding the rest of the graph.
  const recipeOutputs: WorkflowOutput[] = [...movedOutputs];
  const outputOf = new Map<string, string>();
  for (const o of movedOutputs) outputOf.set(`${o.node}\u0000${o.port}`, o.name);
  for (const edge of outgoing) {
    const key = `${edge.source}\u0000${edge.sourceHandle}`;
    if (outputOf.has(key)) continue;
    const name = uniqueName(outputNames, edge.sourceHandle);
    outputOf.set(key, name);
    recipeOutputs.push({ name, node: edge.source, port: edge.sourceHandle });
  }
  if (recipeOutputs.length === 0)
    return {
      ok: false,
      message:
        'Nothing leaves the selection: connect one of its outputs to a node outside it, or name an output (⇢ out), so the recipe gives something',
    };

  const recipe: Workflow = {
    format: WORKFLOW_FORMAT,
    version: WORKFLOW_VERSION,
    name: options.name,
    nodes: [...standInNodes, ...inside],
    edges: [...standInEdges, ...innerEdges],
    inputs: recipeInputs,
    outputs: recipeOutputs,
  };

  const outer = (pin: { workflowId: string; version: number }): Workflow => {
    const id = options.recipeNodeId;
    const top = Math.min(...inside.map((n) => n.position.y));
    const wiredIn = new Set<string>();
    const edges: WorkflowEdge[] = [];
    for (const e of workflow.edges) {
      if (isIn(e.source) && isIn(e.target)) continue;
      if (!isIn(e.source) && !isIn(e.target)) edges.push(e);
      else if (isIn(e.target)) {
        // Several inside targets fed by one outside output: one edge into the recipe input.
        const name = inputOf.get(`${e.source}\u0000${e.sourceHandle}`)!;
        if (wiredIn.has(name)) continue;
        wiredIn.add(name);
        edges.push({ ...e, target: id, targetHandle: name });
      } else {
        const name = outputOf.get(`${e.source}\u0000${e.sourceHandle}`)!;
        edges.push({ ...e, source: id, sourceHandle: name });
      }
    }
    const node: WorkflowNode = {
      id,
      type: RECIPE_NODE_TYPE,
      position: { x: left, y: top },
      data: { workflowId: pin.workflowId, version: pin.version, inputs: {} },
    };
    const outputs = (workflow.outputs ?? []).map((o) =>
      isIn(o.node) ? { ...o, node: id, port: o.name } : o,
    );
    return {
      ...workflow,
      nodes: [...workflow.nodes.filter((n) => !isIn(n.id)), node],
      edges,
      inputs: workflow.inputs.filter((i) => !isIn(i.node)),
      ...(workflow.outputs && { outputs }),
    };
  };

  return { ok: true, recipe, outer };
};
