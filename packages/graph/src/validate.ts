import type { Issue, Workflow, WorkflowNode } from './document';
import { checkNamedOutputs } from './named-outputs';
import type { Result } from './issues';
import { errorMap, fromZodIssues } from './issues';
import { checkNamedInputs } from './named-inputs';
import type { NodeCatalogue, NodeSpec, PortSpec } from './spec';
import { findCycles } from './traverse';

/** The Responses API takes at most 16 input images per call (reference §9). */
export const MAX_IMAGES_PER_CALL = 16;

const article = (word: string): string => (/^[aeiou]/i.test(word) ? 'an' : 'a');

/** The text typed in place of an inline input (PortSpec.inline), when it is not blank. */
export const inlineText = (
  data: Readonly<Record<string, unknown>>,
  port: Pick<PortSpec, 'inline'>,
): string | undefined => {
  const value = port.inline === undefined ? undefined : data[port.inline];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
};

const list = (names: string[]): string =>
  names.length ? names.map((n) => `"${n}"`).join(', ') : 'none';

/** Ports of a node whose ports depend on more than its type (a recipe node: its recipe's signature). */
export interface NodePorts {
  inputs: PortSpec[];
  outputs: PortSpec[];
}

export interface ValidateOptions {
  /** Undefined for a node = the ports of its type. */
  portsOf?: (node: WorkflowNode) => NodePorts | undefined;
}

/**
 * Checks a parsed workflow against the node catalogue before anything runs, and reports
 * every problem at once. On success each node's data is normalised (defaults filled).
 */
export const validateWorkflow = (
  workflow: Workflow,
  catalogue: NodeCatalogue,
  options: ValidateOptions = {},
): Result<'workflow', Workflow> => {
  const issues: Issue[] = [];
  const nodeIndex = new Map<string, number>();
  const specs = new Map<string, NodeSpec>();
  const nodes: WorkflowNode[] = workflow.nodes.map((node, i) => {
    const first = nodeIndex.get(node.id);
    if (first !== undefined) {
      issues.push({
        path: `nodes[${i}].id`,
        code: 'duplicate_id',
        message: `nodes[${i}].id: node id "${node.id}" is already used by nodes[${first}]; ids must be unique`,
      });
      return node;
    }
    nodeIndex.set(node.id, i);
    const spec = catalogue.get(node.type);
    if (!spec) {
      issues.push({
        path: `nodes[${i}].type`,
        code: 'unknown_node_type',
        message: `nodes[${i}].type: unknown node type "${node.type}"; expected one of ${list([...catalogue.keys()])}`,
      });
      return node;
    }
    const ports = options.portsOf?.(node);
    specs.set(node.id, ports ? { ...spec, ...ports } : spec);
    const parsed = spec.data.safeParse(node.data, { error: errorMap });
    if (!parsed.success) {
      issues.push(...fromZodIssues(parsed.error.issues, `nodes[${i}].data`));
      return node;
    }
    return { ...node, data: parsed.data as Record<string, unknown> };
  });

  // Edges: ids, ends, ports, kinds; then how many edges each input port receives.
  const edgeIndex = new Map<string, number>();
  const seenLinks = new Map<string, number>();
  const intoPort = new Map<string, { port: PortSpec; edges: number[] }>();
  workflow.edges.forEach((edge, i) => {
    const at = `edges[${i}]`;
    const first = edgeIndex.get(edge.id);
    if (first !== undefined)
      issues.push({
        path: `${at}.id`,
        code: 'duplicate_id',
        message: `${at}.id: edge id "${edge.id}" is already used by edges[${first}]`,
      });
    else edgeIndex.set(edge.id, i);
    let ok = true;
    for (const end of ['source', 'target'] as const)
      if (!nodeIndex.has(edge[end])) {
        ok = false;
        issues.push({
          path: `${at}.${end}`,
          code: 'dangling_edge',
          message: `${at}.${end}: no node has id "${edge[end]}"`,
        });
      }
    const sourceSpec = specs.get(edge.source);
    const targetSpec = specs.get(edge.target);
    if (!ok || !sourceSpec || !targetSpec) return;
    const out = sourceSpec.outputs.find((p) => p.name === edge.sourceHandle);
    const input = targetSpec.inputs.find((p) => p.name === edge.targetHandle);
    if (!out)
      issues.push({
        path: `${at}.sourceHandle`,
        code: 'unknown_port',
        message: `${at}.sourceHandle: a ${sourceSpec.type} node has no output "${edge.sourceHandle}"; expected one of ${list(sourceSpec.outputs.map((p) => p.name))}`,
      });
    if (!input)
      issues.push({
        path: `${at}.targetHandle`,
        code: 'unknown_port',
        message: `${at}.targetHandle: a ${targetSpec.type} node has no input "${edge.targetHandle}"; expected one of ${list(targetSpec.inputs.map((p) => p.name))}`,
      });
    if (!out || !input) return;
    if (out.kind !== input.kind) {
      issues.push({
        path: at,
        code: 'port_kind_mismatch',
        message: `${at}: output "${out.name}" of ${edge.source} is ${out.kind} but input "${input.name}" of ${edge.target} takes ${input.kind}`,
      });
      return;
    }
    const link = `${edge.source}\u0000${edge.sourceHandle}\u0000${edge.target}\u0000${edge.targetHandle}`;
    const sameLink = seenLinks.get(link);
    if (sameLink !== undefined) {
      issues.push({
        path: at,
        code: 'duplicate_edge',
        message: `${at}: same connection as edges[${sameLink}] (${edge.source}.${out.name} → ${edge.target}.${input.name})`,
      });
      return;
    }
    seenLinks.set(link, i);
    const key = `${edge.target}\u0000${input.name}`;
    const entry = intoPort.get(key) ?? { port: input, edges: [] };
    entry.edges.push(i);
    intoPort.set(key, entry);
  });

  const imageIssueNodes = new Set<string>();
  for (const [key, { port, edges }] of intoPort) {
    const target = key.split('\u0000')[0]!;
    const limit = port.multiple ? (port.max ?? Infinity) : 1;
    if (edges.length <= limit) continue;
    const extra = edges[limit]!;
    const images = port.kind === 'image' && port.multiple;
    if (images) imageIssueNodes.add(target);
    issues.push({
      path: `edges[${extra}]`,
      code: images ? 'too_many_images' : 'too_many_edges',
      message: port.multiple
        ? `edges[${extra}]: input "${port.name}" of ${target} takes at most ${limit} edges, got ${edges.length}`
        : `edges[${extra}]: input "${port.name}" of ${target} takes one edge, got ${edges.length}; remove the extra ones`,
    });
  }

  workflow.nodes.forEach((node, i) => {
    const spec = specs.get(node.id);
    if (!spec || nodeIndex.get(node.id) !== i) return;
    let images = 0;
    for (const port of spec.inputs) {
      const count = intoPort.get(`${node.id}\u0000${port.name}`)?.edges.length ?? 0;
      if (port.kind === 'image') images += count;
      if (count === 0 && !port.optional && !inlineText(node.data, port))
        issues.push({
          path: `nodes[${i}].inputs.${port.name}`,
          code: 'missing_input',
          message: port.inline
            ? `nodes[${i}]: type ${article(port.label)} ${port.label.toLowerCase()} on ${spec.type} node ${node.id}, or connect a ${port.kind} output to its input "${port.name}"`
            : `nodes[${i}]: connect ${port.kind === 'image' ? 'an' : 'a'} ${port.kind} output to input "${port.name}" of ${spec.type} node ${node.id}`,
        });
    }
    if (images > MAX_IMAGES_PER_CALL && !imageIssueNodes.has(node.id))
      issues.push({
        path: `nodes[${i}]`,
        code: 'too_many_images',
        message: `nodes[${i}]: ${spec.type} node ${node.id} receives ${images} images; one call takes at most ${MAX_IMAGES_PER_CALL}`,
      });
  });

  for (const cycle of findCycles(workflow)) {
    const members = new Set(cycle);
    const edge = workflow.edges.findIndex((e) => members.has(e.source) && members.has(e.target));
    issues.push({
      path: `edges[${edge}]`,
      code: 'cycle',
      message:
        cycle.length === 1
          ? `edges[${edge}]: node ${cycle[0]} is connected to itself; remove that edge`
          : `edges[${edge}]: nodes ${cycle.join(', ')} form a cycle; a workflow must flow one way, so remove one of their edges`,
    });
  }

  issues.push(...checkNamedInputs(workflow, catalogue));
  issues.push(
    ...checkNamedOutputs(workflow, (node) =>
      nodeIndex.get(node.id) === undefined ? undefined : specs.get(node.id)?.outputs,
    ),
  );
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, workflow: { ...workflow, nodes } };
};
