import type { RunSummary } from '@atelier/engine';
import { planRun, RunInputError } from '@atelier/engine';
import type { Issue, NodePorts, RecipeSource, ResolvedRecipeNode, Workflow } from '@atelier/graph';
import {
  applyInputs,
  expandRecipes,
  parseWorkflow,
  RECIPE_ID_SEPARATOR,
  validateWithRecipes,
} from '@atelier/graph';
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

const NO_RECIPES: RecipeSource = { get: () => undefined };

/** What a run executes: the document, and its recipe nodes expanded (expandRecipes). */
export interface PreparedRun {
  /** The document as run (named inputs applied, images resolved). */
  workflow: Workflow;
  /** The same with its recipe nodes expanded: what the engine runs (the same object without any). */
  expanded: Workflow;
  recipePorts: ReadonlyMap<string, NodePorts>;
  recipes: Record<string, ResolvedRecipeNode>;
  nodeIds: string[];
  warnings: Issue[];
}

/**
 * An issue found in the expanded graph, said of the document's own node: a node inside a
 * recipe (`r1/g1`, index k of the expanded graph) is reported at its outermost recipe node.
 */
const outerIssues = (issues: Issue[], expanded: Workflow, workflow: Workflow): Issue[] => {
  if (expanded === workflow) return issues;
  const index = new Map(workflow.nodes.map((node, i) => [node.id, i]));
  return issues.map((issue) => {
    const match = /^nodes\[(\d+)\]/.exec(issue.path);
    const id = match ? expanded.nodes[Number(match[1])]?.id : undefined;
    if (!id || !id.includes(RECIPE_ID_SEPARATOR)) {
      const at = id === undefined ? undefined : index.get(id);
      return at === undefined || !match
        ? issue
        : {
            ...issue,
            path: issue.path.replace(match[0], `nodes[${at}]`),
            message: issue.message.replace(match[0], `nodes[${at}]`),
          };
    }
    const outer = id.split(RECIPE_ID_SEPARATOR)[0]!;
    const path = `nodes[${index.get(outer)}]`;
    return { ...issue, path, message: `${path}: inside recipe node "${outer}", ${issue.message}` };
  });
};

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
  recipes: RecipeSource = NO_RECIPES,
): PreparedRun => {
  const parsed = parseWorkflow(req.workflow);
  if (!parsed.ok) throw new RunValidationError(parsed.issues);
  const applied = applyInputs(parsed.workflow, registry, req.inputs ?? {});
  if (!applied.ok) throw new RunValidationError(applied.issues);
  const self = req.workflowId
    ? { self: { workflowId: req.workflowId, name: applied.workflow.name } }
    : {};
  const valid = validateWithRecipes(applied.workflow, registry, recipes, self);
  if (!valid.ok) throw new RunValidationError(valid.issues);
  // Recipe nodes expanded: their inner nodes are checked (models, images) like the others.
  const expansion = expandRecipes(valid.workflow, valid.book);
  const flat = expansion.workflow;
  const outer = (issues: Issue[]) => outerIssues(issues, flat, valid.workflow);
  const needed = neededNodes(flat, req.target);
  const checked = models
    ? checkModels(flat, registry, models.catalogue, models.defaults, models.now, needed)
    : { errors: [], warnings: [] };
  if (checked.errors.length > 0) throw new RunValidationError(outer(checked.errors));
  const resolved = resolveImages(flat, registry, blobs, needed);
  const issues = [...resolved.issues, ...missingImages(resolved.workflow, req.target)];
  if (issues.length > 0) throw new RunValidationError(outer(issues));
  const byId = new Map(resolved.workflow.nodes.map((node) => [node.id, node]));
  const workflow =
    flat === valid.workflow
      ? resolved.workflow
      : { ...valid.workflow, nodes: valid.workflow.nodes.map((node) => byId.get(node.id)!) };
  try {
    const plan = planRun(resolved.workflow, registry, req.target, req.force, expansion.ports);
    return {
      workflow,
      expanded: resolved.workflow,
      recipePorts: expansion.ports,
      recipes: expansion.recipes,
      nodeIds: plan.order,
      warnings: outer(checked.warnings),
    };
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
