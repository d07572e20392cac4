import { modelNotFound } from './errors';
import { shutdownSeconds, type ModelEntry, type ModelTable } from './models';

/**
 * One entry of GET /v1/models in the SDK's `Model` shape, plus `shutdown_date` (unix seconds of
 * the shutdown day, 00:00 UTC) for deprecated models and null for the others.
 */
export interface ModelObject {
  id: string;
  object: 'model';
  created: number;
  owned_by: string;
  shutdown_date: number | null;
}

export const modelObject = (entry: ModelEntry): ModelObject => ({
  id: entry.id,
  object: 'model',
  created: entry.created,
  owned_by: 'system',
  shutdown_date: shutdownSeconds(entry),
});

/** GET /v1/models: the models that exist now; shut-down ones are absent. */
export const listModels = (
  table: ModelTable,
  now: number,
): { object: 'list'; data: ModelObject[] } => ({
  object: 'list',
  data: table.list(now).map(modelObject),
});

/** GET /v1/models/{id}: 404 model_not_found for an unknown or shut-down model. */
export function retrieveModel(table: ModelTable, id: string, now: number): ModelObject {
  const entry = table.live(id, now);
  if (!entry) throw modelNotFound(id);
  return modelObject(entry);
}
