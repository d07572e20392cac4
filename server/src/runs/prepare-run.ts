import type { RunSummary } from '@atelier/engine';
import { planRun, RunInputError } from '@atelier/engine';
import type { Issue, Workflow } from '@atelier/graph';
import { applyInputs, parseWorkflow, validateWorkflow } from '@atelier/graph';
import type { ModelCatalogue, ModelDefaults, NodeRegistry } from '@atelier/nodes';
import { checkModels } from '@atelier/nodes';
import { missingImages, neededNodes } from './missing-images';
import type { BlobLookup } from './resolve-images';
import { resolveImages } from './resolve-images';
import type { RunRecord } from './run-record';
import { RunValidationError } from './run-record';
import type { StartRunRequest } from './run-service';

/** The models a run is checked against: the catalogue (merged with the API's list) now. */
export interface ModelContext {
  catalogue: ModelCatalogue;
  defaults: ModelDefaults;
  now: number;
}

/**
 * parse → apply named inputs → validate → models of the needed nodes alive and their options
 * accepted → images from the blob store, none missing → plan; every problem as an Issue,
 * nothing recorded. Warnings (a model shutting down soon) do not stop the run.
 */
export const prepareRun = (
  req: StartRunRequest,
  registry: NodeRegistry,
  blobs: BlobLookup,
  models?: ModelContext,
): { workflow: Workflow; nodeIds: string[]; warnings: Issue[] } => {
  const parsed = parseWorkflow(req.workflow);
  if (!parsed.ok) throw new RunValidationError(parsed.issues);
  const applied = applyInputs(parsed.workflow, registry, req.inputs ?? {});
  if (!applied.ok) throw new RunValidationError(applied.issues);
  const valid = validateWorkflow(applied.workflow, registry);
  if (!valid.ok) throw new RunValidationError(valid.issues);
  const needed = neededNodes(valid.workflow, req.target);
  const checked = models
    ? checkModels(valid.workflow, registry, models.catalogue, models.defaults, models.now, needed)
    : { errors: [], warnings: [] };
  if (checked.errors.length > 0) throw new RunValidationError(checked.errors);
  const resolved = resolveImages(valid.workflow, registry, blobs, needed);
  const issues = [...resolved.issues, ...missingImages(resolved.workflow, req.target)];
  if (issues.length > 0) throw new RunValidationError(issues);
  try {
    const plan = planRun(resolved.workflow, registry, req.target, req.force);
    return { workflow: resolved.workflow, nodeIds: plan.order, warnings: checked.warnings };
  } catch (error) {
    if (!(error instanceof RunInputError)) throw error;
    const issue: Issue = { path: error.path ?? '', code: error.code, message: error.message };
    throw new RunValidationError([issue]);
  }
};

/** The run's error: the first node that failed on its own (not skipped because of another). */
export const runError = (summary: RunSummary): RunRecord['error'] => {
  for (const [nodeId, node] of Object.entries(summary.nodes))
    if (node.status === 'failed' && node.error) return { ...node.error, nodeId };
  return undefined;
};

/**
 * Starts, records and watches runs: used by the HTTP API and the CLI alike. Every event
 * is persisted (with a per-run seq) before listeners see it, so a watcher that connects
 * late, or after a restart, replays exactly what happened.
 */
