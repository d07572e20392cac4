import type { Issue, Workflow, WorkflowNode } from './document';
import type { PortValue } from './ports';
import type { PortSpec } from './spec';

/** A node's output ports, or undefined when its type is unknown (reported elsewhere). */
export type OutputPortsOf = (node: WorkflowNode) => readonly PortSpec[] | undefined;

/** Named outputs that point nowhere, at a port the node lacks, or share a name. */
export const checkNamedOutputs = (workflow: Workflow, outputsOf: OutputPortsOf): Issue[] => {
  const issues: Issue[] = [];
  const names = new Map<string, number>();
  (workflow.outputs ?? []).forEach((output, i) => {
    const at = `outputs[${i}]`;
    const sameName = names.get(output.name);
    if (sameName !== undefined)
      issues.push({
        path: `${at}.name`,
        code: 'duplicate_output',
        message: `${at}.name: "${output.name}" is already the name of outputs[${sameName}]`,
      });
    else names.set(output.name, i);
    const node = workflow.nodes.find((n) => n.id === output.node);
    if (!node) {
      issues.push({
        path: `${at}.node`,
        code: 'unknown_output',
        message: `${at}.node: no node has id "${output.node}"`,
      });
      return;
    }
    const ports = outputsOf(node);
    if (!ports) return;
    if (!ports.some((port) => port.name === output.port))
      issues.push({
        path: `${at}.port`,
        code: 'unknown_output',
        message: `${at}.port: a ${node.type} node has no output "${output.port}"; expected one of ${
          ports.map((p) => `"${p.name}"`).join(', ') || 'none'
        }`,
      });
  });
  return issues;
};

/** A run's results by output name: the named ports' values among the nodes that succeeded. */
export const namedOutputValues = (
  workflow: Pick<Workflow, 'outputs'>,
  nodes: Readonly<Record<string, { outputs?: Record<string, PortValue> }>>,
): Record<string, PortValue> => {
  const values: Record<string, PortValue> = Object.create(null);
  for (const output of workflow.outputs ?? []) {
    const value = nodes[output.node]?.outputs?.[output.port];
    if (value !== undefined) values[output.name] = value;
  }
  return values;
};
