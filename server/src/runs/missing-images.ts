import type { Issue, Workflow, WorkflowInput } from '@atelier/graph';
import { ancestorsOf, boundField } from '@atelier/graph';
import { registry } from '@atelier/nodes';

/** How to fill an empty field, in the words of the caller (HTTP body, CLI flag). */
export type FillHint = (field: 'image' | 'mask', input: WorkflowInput | undefined) => string;

/** For HTTP clients: the run request's `inputs`, or the node itself. */
export const httpFillHint: FillHint = (field, input) =>
  input
    ? `send one in the run request: "inputs": {"${input.name}": {"blob": "<id from POST /api/blobs>"}}`
    : `upload one (POST /api/blobs) and set it on the node, or expose the field as a named input and send it in "inputs"`;

/** The nodes a run executes: the target and its ancestors, or undefined for all of them. */
export const neededNodes = (
  workflow: Workflow,
  target?: string,
): ReadonlySet<string> | undefined =>
  target === undefined ? undefined : new Set([target, ...ancestorsOf(workflow, target)]);

/**
 * Reference and mask nodes the run needs that have nothing in them: each would fail when
 * reached, after the nodes before it may have been paid for. Used by the CLI and the server.
 */
export const missingImages = (
  workflow: Workflow,
  target?: string,
  how: FillHint = httpFillHint,
): Issue[] => {
  const needed = neededNodes(workflow, target);
  const issues: Issue[] = [];
  // Fields set at run time by an edge (a recipe input wired from outside the recipe).
  const bound = new Set(
    workflow.edges.flatMap((edge) => {
      const field = boundField(edge);
      return field === undefined ? [] : [`${edge.target}\u0000${field}`];
    }),
  );
  workflow.nodes.forEach((node, i) => {
    if (needed && !needed.has(node.id)) return;
    // The node type says which of its image fields it cannot run without.
    for (const field of registry.get(node.type)?.fields ?? []) {
      if (!field.required || (field.kind !== 'image' && field.kind !== 'mask')) continue;
      if (node.data[field.name] || bound.has(`${node.id}\u0000${field.name}`)) continue;
      const path = `nodes[${i}].data.${field.name}`;
      const input = workflow.inputs.find((x) => x.node === node.id && x.field === field.name);
      issues.push({
        path,
        code: field.kind === 'image' ? 'missing_image' : 'missing_mask',
        message: `${path}: ${node.type} node "${node.id}" has no ${field.kind}; ${how(field.kind, input)}`,
      });
    }
  });
  return issues;
};
