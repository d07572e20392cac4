import type { Issue, Workflow } from '@atelier/graph';
import type { ModelCatalogue, ModelDefaults, NodeRegistry } from '@atelier/nodes';
import { checkModels, resolveModel } from '@atelier/nodes';

/** A model problem of one node, with the one-click fix when there is a live replacement. */
export interface ModelNotice {
  nodeId: string;
  field: string;
  severity: 'error' | 'warning';
  message: string;
  /** Set the field to this model (a live replacement of the dead or dying one). */
  fix?: string;
}

const PATH = /^nodes\[(\d+)\]\.data\.(\w+)$/;

/**
 * The server's own model check (checkModels) over a document, per node and field, with the
 * replacement each dead or deprecated model has. Messages drop the node-id prefix: they are
 * shown on the node.
 */
export const modelNotices = (
  workflow: Workflow,
  registry: NodeRegistry,
  catalogue: ModelCatalogue,
  defaults: ModelDefaults,
  now: number,
): ModelNotice[] => {
  const { errors, warnings } = checkModels(workflow, registry, catalogue, defaults, now);
  const notice = (issue: Issue, severity: ModelNotice['severity']): ModelNotice[] => {
    const match = PATH.exec(issue.path);
    const node = match ? workflow.nodes[Number(match[1])] : undefined;
    if (!node || !match) return [];
    const field = match[2]!;
    const result: ModelNotice = {
      nodeId: node.id,
      field,
      severity,
      message: issue.message.startsWith(`${node.id}: `)
        ? issue.message.slice(node.id.length + 2)
        : issue.message,
    };
    const spec = registry.get(node.type)?.modelFields?.find((f) => f.field === field);
    if (spec && issue.code.startsWith('model_')) {
      const fallback = spec.family === 'image' ? defaults.imageModel : defaults.model;
      const id = resolveModel(node.data[field], fallback);
      const replacement = catalogue.info(id, now).replacement;
      if (replacement) result.fix = replacement;
    }
    return [result];
  };
  return [
    ...errors.flatMap((issue) => notice(issue, 'error')),
    ...warnings.flatMap((issue) => notice(issue, 'warning')),
  ];
};
