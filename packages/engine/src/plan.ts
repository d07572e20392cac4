import type { NodePorts, PortSpec, Workflow, WorkflowEdge, WorkflowNode } from '@atelier/graph';
import { ancestorsOf, boundField, inlineText, topologicalOrder } from '@atelier/graph';
import type { NodeDefinition, NodeInputs, NodeRegistry } from '@atelier/nodes';
import type { PortValue } from '@atelier/graph';

/** A run request that cannot start (unknown target or node type…); `path` names the culprit. */
export class RunInputError extends Error {
  override readonly name = 'RunInputError';
  constructor(
    readonly code: string,
    message: string,
    readonly path?: string,
  ) {
    super(message);
  }
}

export interface PlannedNode {
  node: WorkflowNode;
  definition: NodeDefinition;
  /** Edges into the node's ports, in document order (the order of a `multiple` port's values). */
  incoming: WorkflowEdge[];
  /** The node's input ports: its type's, or a recipe node's own (RunOptions.recipePorts). */
  ports: readonly PortSpec[];
  /**
   * Edges that set a field of the node at run time (an input of a recipe, wired from outside
   * it, reaching the inner node that exposes it; see expandRecipes). Empty for most nodes.
   */
  bindings: WorkflowEdge[];
  /** Distinct upstream node ids. */
  dependsOn: string[];
  /** Distinct planned downstream node ids. */
  dependents: string[];
  forced: boolean;
}

export interface RunPlan {
  /** Planned node ids, dependencies first (ties in document order). */
  order: string[];
  nodes: Map<string, PlannedNode>;
}

/** Which nodes run: all, or `target` and its ancestors; checks what the run asks for. */
export const planRun = (
  workflow: Workflow,
  registry: NodeRegistry,
  target?: string,
  force: readonly string[] = [],
  recipePorts?: ReadonlyMap<string, NodePorts>,
): RunPlan => {
  const byId = new Map(workflow.nodes.map((node) => [node.id, node]));
  if (target !== undefined && !byId.has(target))
    throw new RunInputError(
      'unknown_node',
      `target "${target}" is not a node of this workflow`,
      'target',
    );
  force.forEach((id, i) => {
    if (!byId.has(id))
      throw new RunInputError(
        'unknown_node',
        `force[${i}] "${id}" is not a node of this workflow`,
        `force[${i}]`,
      );
  });
  workflow.edges.forEach((edge, i) => {
    for (const end of ['source', 'target'] as const)
      if (!byId.has(edge[end]))
        throw new RunInputError(
          'unknown_node',
          `edges[${i}].${end} "${edge[end]}" is not a node of this workflow`,
          `edges[${i}].${end}`,
        );
  });
  const incomingByTarget = new Map<string, WorkflowEdge[]>();
  for (const edge of workflow.edges) {
    const list = incomingByTarget.get(edge.target);
    if (list) list.push(edge);
    else incomingByTarget.set(edge.target, [edge]);
  }
  let order: string[];
  try {
    order = topologicalOrder(workflow);
  } catch (error) {
    throw new RunInputError('cycle', (error as Error).message, 'edges');
  }
  if (target !== undefined) {
    const wanted = ancestorsOf(workflow, target).add(target);
    order = order.filter((id) => wanted.has(id));
  }
  const planned = new Set(order);
  const forced = new Set(force);
  const nodes = new Map<string, PlannedNode>();
  for (const id of order) {
    const node = byId.get(id)!;
    const definition = registry.get(node.type);
    if (!definition) {
      const index = workflow.nodes.indexOf(node);
      throw new RunInputError(
        'unknown_node_type',
        `nodes[${index}].type "${node.type}" is not a known node type`,
        `nodes[${index}].type`,
      );
    }
    const into = incomingByTarget.get(id) ?? [];
    const bindings = into.some((edge) => boundField(edge) !== undefined)
      ? into.filter((edge) => boundField(edge) !== undefined)
      : NO_EDGES;
    const incoming = bindings === NO_EDGES ? into : into.filter((edge) => !bindings.includes(edge));
    const dependsOn = [...new Set(into.map((edge) => edge.source))];
    nodes.set(id, {
      node,
      definition,
      incoming,
      ports: recipePorts?.get(id)?.inputs ?? definition.inputs,
      bindings,
      dependsOn,
      dependents: [],
      forced: forced.has(id),
    });
  }
  for (const entry of nodes.values())
    for (const source of entry.dependsOn)
      if (planned.has(source)) nodes.get(source)!.dependents.push(entry.node.id);
  return { order, nodes };
};

const NO_EDGES: WorkflowEdge[] = [];

/** The node's data with the fields its bindings set from their sources' outputs. */
const dataWithBindings = (
  planned: PlannedNode,
  outputsOf: (nodeId: string) => Record<string, PortValue> | undefined,
): Record<string, unknown> => {
  if (planned.bindings.length === 0) return planned.node.data;
  const data = { ...planned.node.data };
  for (const edge of planned.bindings) {
    const value = outputsOf(edge.source)?.[edge.sourceHandle];
    if (value !== undefined) data[boundField(edge)!] = value;
  }
  return data;
};

/**
 * The data the node runs and is keyed with: its bindings applied, and without the fields that
 * stand in for an input (PortSpec.inline): their text reaches the node as that input's value
 * (gatherInputs), so it is keyed exactly as the same text wired from a prompt, typed text under
 * a connected edge does not change the key, and documents saved before the field existed keep
 * their keys.
 */
export const boundData = (
  planned: PlannedNode,
  outputsOf: (nodeId: string) => Record<string, PortValue> | undefined,
): Record<string, unknown> => {
  const data = dataWithBindings(planned, outputsOf);
  const inline = planned.ports.filter((port) => port.inline !== undefined && port.inline in data);
  if (inline.length === 0) return data;
  const rest = { ...data };
  for (const port of inline) delete rest[port.inline!];
  return rest;
};

/**
 * A node's input values: per input port, the connected source output; a `multiple` port
 * gets an array of the values of its edges in document order (the order of
 * `workflow.edges`), skipping sources that produced no value for that output.
 */
export const gatherInputs = (
  planned: PlannedNode,
  outputsOf: (nodeId: string) => Record<string, PortValue> | undefined,
): NodeInputs => {
  const inputs: NodeInputs = {};
  let data: Record<string, unknown> | undefined;
  for (const port of planned.ports) {
    const values: PortValue[] = [];
    let connected = false;
    for (const edge of planned.incoming)
      if (edge.targetHandle === port.name) {
        connected = true;
        const value = outputsOf(edge.source)?.[edge.sourceHandle];
        if (value !== undefined) values.push(value);
      }
    // Nothing connected: the text typed on the card stands in for the input.
    if (!connected && port.inline !== undefined) {
      data ??= dataWithBindings(planned, outputsOf);
      const typed = inlineText(data, port);
      if (typed !== undefined) values.push(typed);
    }
    inputs[port.name] = port.multiple ? values : values[0];
  }
  return inputs;
};
