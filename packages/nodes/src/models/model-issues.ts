import type { Issue, Workflow } from '@atelier/graph';
import type { ModelDefaults } from '../context';
import type { NodeRegistry } from '../definition';
import type { ModelCatalogue } from './model-catalogue';
import { daysUntil } from './model-catalogue';

/** What the model check found: errors stop a run before any call, warnings do not. */
export interface ModelCheck {
  errors: Issue[];
  warnings: Issue[];
}

/** The model a node's field resolves to: its own value, else the configured default. */
export const resolveModel = (field: unknown, fallback: string): string =>
  (typeof field === 'string' ? field.trim() : '') || fallback;

const DEFAULT_VARIABLE = { image: 'ATELIER_IMAGE_MODEL', mainline: 'ATELIER_MODEL' } as const;

/**
 * Every node's models against the catalogue (merged with the API's list when there is one)
 * at time `now`: a shut-down or unavailable model is an error naming its replacement, a
 * deprecated one a warning with its date; then each node's choices (size, quality,
 * background…) against what its resolved models accept. Only `nodeIds` are checked when
 * given (the nodes a run needs).
 */
export const checkModels = (
  workflow: Workflow,
  registry: NodeRegistry,
  catalogue: ModelCatalogue,
  defaults: ModelDefaults,
  now: number,
  nodeIds?: ReadonlySet<string>,
): ModelCheck => {
  const errors: Issue[] = [];
  const warnings: Issue[] = [];
  workflow.nodes.forEach((node, i) => {
    if (nodeIds && !nodeIds.has(node.id)) return;
    const definition = registry.get(node.type);
    if (!definition?.modelFields) return;
    const data = node.data as Record<string, unknown>;
    const resolved = { model: defaults.model, imageModel: defaults.imageModel };
    for (const spec of definition.modelFields) {
      const fallback = spec.family === 'image' ? defaults.imageModel : defaults.model;
      const id = resolveModel(data[spec.field], fallback);
      if (spec.family === 'image') resolved.imageModel = id;
      else resolved.model = id;
      const path = `nodes[${i}].data.${spec.field}`;
      const fromDefault = resolveModel(data[spec.field], '') === '';
      const who = `${node.id}: ${fromDefault ? `the default ${spec.family === 'image' ? 'image ' : ''}model (${DEFAULT_VARIABLE[spec.family]}) ` : ''}${id}`;
      const info = catalogue.info(id, now);
      const instead = info.replacement ? `; switch to ${info.replacement}` : '';
      switch (info.status) {
        case 'shut_down':
          errors.push({
            path,
            code: 'model_shut_down',
            message: `${who} was shut down by OpenAI on ${info.shutdownDate}${instead}`,
          });
          break;
        case 'unavailable':
          errors.push({
            path,
            code: 'model_unavailable',
            message: `${who} is not in the API's model list for this key${instead}`,
          });
          break;
        case 'deprecated': {
          const days = daysUntil(info.shutdownDate!, now);
          const reported =
            info.source === '3rd-party' ? ' (reported, not confirmed by OpenAI)' : '';
          warnings.push({
            path,
            code: 'model_deprecated',
            message: `${who} shuts down on ${info.shutdownDate}${reported}, in ${days} day${days === 1 ? '' : 's'}${instead}`,
          });
          break;
        }
        case 'unknown':
          warnings.push({
            path,
            code: 'model_unknown',
            message: `${who} is not in Atelier's model catalogue: its options cannot be checked and its cost is an estimate`,
          });
          break;
        case 'active':
          break;
      }
      if (spec.needsImageTool && info.imageTool === false)
        errors.push({
          path,
          code: 'model_lacks_image_tool',
          message: `${who} cannot call the image_generation tool; use ${defaults.model}`,
        });
    }
    for (const problem of definition.checkModels?.(data, resolved) ?? [])
      (problem.severity === 'error' ? errors : warnings).push({
        path: `nodes[${i}].data.${problem.field}`,
        code: problem.severity === 'error' ? 'unsupported_option' : 'preview_option',
        message: `${node.id}: ${problem.message}`,
      });
  });
  return { errors, warnings };
};
