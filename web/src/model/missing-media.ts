import type { Issue, Workflow } from '@atelier/graph';
import { ancestorsOf } from '@atelier/graph';
import { definitionOf } from './catalogue';

/**
 * Image and mask fields a run needs that are empty and not given by the run's named inputs
 * (the server refuses such a run; saying so here names the node before anything is sent).
 */
export const missingMedia = (
  workflow: Workflow,
  given: Readonly<Record<string, unknown>> = {},
  target?: string,
): Issue[] => {
  const needed =
    target === undefined ? undefined : new Set([target, ...ancestorsOf(workflow, target)]);
  return workflow.nodes.flatMap((node, i) => {
    if (needed && !needed.has(node.id)) return [];
    return (definitionOf(node.type)?.fields ?? []).flatMap((field): Issue[] => {
      if (!field.required || (field.kind !== 'image' && field.kind !== 'mask')) return [];
      if (node.data[field.name]) return [];
      const input = workflow.inputs.find((x) => x.node === node.id && x.field === field.name);
      if (input && given[input.name]) return [];
      const path = `nodes[${i}].data.${field.name}`;
      return [
        {
          path,
          code: field.kind === 'image' ? 'missing_image' : 'missing_mask',
          message: `${path}: ${field.label} is empty`,
        },
      ];
    });
  });
};
