import type { Issue, Workflow } from './document';
import type { FieldSpec, NodeCatalogue, NodeSpec } from './spec';
import { fieldInputKind } from './spec';

/** Resolves a named input to its node and field, or says why it cannot. */
export const resolveNamedInput = (
  workflow: Workflow,
  specOf: (type: string) => NodeSpec | undefined,
  input: { node: string; field: string },
):
  | { ok: true; nodeIndex: number; spec: NodeSpec; field: FieldSpec }
  | { ok: false; code: string; where: 'node' | 'field'; message: string } => {
  const nodeIndex = workflow.nodes.findIndex((node) => node.id === input.node);
  const node = workflow.nodes[nodeIndex];
  if (!node)
    return {
      ok: false,
      code: 'unknown_input',
      where: 'node',
      message: `no node has id "${input.node}"`,
    };
  const spec = specOf(node.type);
  if (!spec)
    return {
      ok: false,
      code: 'unknown_input',
      where: 'node',
      message: `node "${input.node}" has unknown type "${node.type}"`,
    };
  const field = spec.fields.find((f) => f.name === input.field);
  if (!field)
    return {
      ok: false,
      code: 'unknown_input',
      where: 'field',
      message: `a ${spec.type} node has no field "${input.field}"; expected one of ${spec.fields.map((f) => `"${f.name}"`).join(', ')}`,
    };
  if (!field.exposable || !fieldInputKind(field))
    return {
      ok: false,
      code: 'input_not_exposable',
      where: 'field',
      message: `field "${input.field}" of a ${spec.type} node cannot be a named input; exposable: ${
        spec.fields
          .filter((f) => f.exposable)
          .map((f) => `"${f.name}"`)
          .join(', ') || 'none'
      }`,
    };
  return { ok: true, nodeIndex, spec, field };
};

/** Named inputs that point nowhere, duplicate names, or one field exposed twice. */
export const checkNamedInputs = (workflow: Workflow, catalogue: NodeCatalogue): Issue[] => {
  const issues: Issue[] = [];
  const names = new Map<string, number>();
  const targets = new Map<string, number>();
  workflow.inputs.forEach((input, i) => {
    const at = `inputs[${i}]`;
    const sameName = names.get(input.name);
    if (sameName !== undefined)
      issues.push({
        path: `${at}.name`,
        code: 'duplicate_input',
        message: `${at}.name: "${input.name}" is already the name of inputs[${sameName}]`,
      });
    else names.set(input.name, i);
    const node = workflow.nodes.find((n) => n.id === input.node);
    // A node of unknown type is already reported by validation: don't pile on.
    if (node && !catalogue.has(node.type)) return;
    const resolved = resolveNamedInput(workflow, (type) => catalogue.get(type), input);
    if (!resolved.ok) {
      issues.push({
        path: `${at}.${resolved.where}`,
        code: resolved.code,
        message: `${at}.${resolved.where}: ${resolved.message}`,
      });
      return;
    }
    const target = `${input.node}\u0000${input.field}`;
    const sameTarget = targets.get(target);
    if (sameTarget !== undefined)
      issues.push({
        path: at,
        code: 'duplicate_input',
        message: `${at}: field "${input.field}" of ${input.node} is already exposed as inputs[${sameTarget}]`,
      });
    else targets.set(target, i);
  });
  return issues;
};
