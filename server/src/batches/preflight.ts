import type { CacheStore } from '@atelier/engine';
import {
  boundData,
  cacheKeyFor,
  DEFAULT_PRICING,
  estimateNodeCost,
  gatherInputs,
  planRun,
  roundUsd,
} from '@atelier/engine';
import type { PortValue, RecipeSource, Workflow } from '@atelier/graph';
import type { BlobAccess, ModelDefaults, NodeDefinition, NodeRegistry } from '@atelier/nodes';
import type { BlobLookup } from '../runs/resolve-images';
import type { ModelContext, PreparedRun } from '../runs/prepare-run';
import { prepareRun } from '../runs/prepare-run';
import type { RunInputs } from '../runs/run-record';
import { RunValidationError } from '../runs/run-record';

export interface PreflightDeps {
  registry: NodeRegistry;
  blobs: BlobLookup & BlobAccess;
  cache: CacheStore;
  models: ModelDefaults;
  /** The provider identity, part of every cache key (as the engine computes it). */
  identity: string;
  modelContext: () => ModelContext;
  /** Where recipe nodes' recipes come from (their inner nodes are counted like the others). */
  recipes?: RecipeSource;
  now?: () => number;
}

/** A problem with one cell (or the row as a whole when `column` is absent). */
export interface RowProblem {
  row: number;
  column?: string;
  code: string;
  message: string;
}

export interface RowPreflight {
  /** The document with the row applied, validated and ready to run. */
  calls: number;
  cachedNodes: number;
  estimatedCost: number;
}

export interface Preflight {
  rows: number;
  /** API calls the batch is expected to make (nodes not in the cache). */
  calls: number;
  /** Nodes that call the API whose result is already cached (no call, no cost). */
  cachedNodes: number;
  estimatedCost: number;
  perRow: RowPreflight[];
  problems: RowProblem[];
}

/** Outputs standing in for a node whose result is not known before the run. */
const placeholderOutputs = (definition: NodeDefinition): Record<string, PortValue> => {
  const outputs: Record<string, PortValue> = {};
  for (const port of definition.outputs)
    outputs[port.name] =
      port.kind === 'text'
        ? ''
        : port.kind === 'sources'
          ? []
          : ({ blob: '', mime: 'image/png', width: 0, height: 0 } as unknown as PortValue);
  return outputs;
};

const YIELD_EVERY_ROWS = 50;

const noApi = {
  identity: 'preflight',
  create: () => Promise.reject(new Error('The preflight makes no API call.')),
};

/**
 * Counts, with no API call, what a batch would do: each row is validated as a run would be,
 * then its nodes are walked in run order computing the cache keys the engine would compute
 * (nodes that call no API are run here, as they are free; a node fed by a call that has not
 * happened yet cannot be cached). A key seen earlier in the same batch counts as cached: the
 * first row pays for it. Cost comes from the model catalogue (estimateNodeCost).
 */
export const preflight = async (
  document: Workflow,
  rows: readonly RunInputs[],
  deps: PreflightDeps,
): Promise<Preflight> => {
  const result: Preflight = {
    rows: rows.length,
    calls: 0,
    cachedNodes: 0,
    estimatedCost: 0,
    perRow: [],
    problems: [],
  };
  const seen = new Set<string>();
  const now = deps.now ?? Date.now;
  for (const [row, inputs] of rows.entries()) {
    // 10,000 rows take a while: let the server answer other requests meanwhile.
    if (row > 0 && row % YIELD_EVERY_ROWS === 0) await new Promise((r) => setImmediate(r));
    let workflow: Workflow;
    let recipePorts: PreparedRun['recipePorts'];
    try {
      const prepared = prepareRun(
        { workflow: document, inputs },
        deps.registry,
        deps.blobs,
        deps.modelContext(),
        deps.recipes,
      );
      workflow = prepared.expanded;
      recipePorts = prepared.recipePorts;
    } catch (error) {
      if (!(error instanceof RunValidationError)) throw error;
      for (const issue of error.issues) {
        const column = /^inputs\.(.+)$/.exec(issue.path)?.[1];
        result.problems.push({
          row,
          ...(column !== undefined ? { column } : {}),
          code: issue.code,
          message: issue.message,
        });
      }
      result.perRow.push({ calls: 0, cachedNodes: 0, estimatedCost: 0 });
      continue;
    }
    const counted: RowPreflight = { calls: 0, cachedNodes: 0, estimatedCost: 0 };
    const plan = planRun(workflow, deps.registry, undefined, [], recipePorts);
    const outputs = new Map<string, Record<string, PortValue>>();
    const known = new Set<string>();
    for (const id of plan.order) {
      const planned = plan.nodes.get(id)!;
      const { definition } = planned;
      const outputOf = (source: string) => outputs.get(source);
      const nodeInputs = gatherInputs(planned, outputOf);
      // Fields a recipe input sets from an edge, as the engine sets them.
      const node = { ...planned.node, data: boundData(planned, outputOf) };
      const knowable = planned.dependsOn.every((source) => known.has(source));
      let hit: Record<string, PortValue> | undefined;
      let key: string | undefined;
      if (knowable) {
        key = cacheKeyFor({
          type: definition.type,
          version: definition.version,
          data: node.data,
          ports: planned.ports,
          inputs: nodeInputs,
          provider: deps.identity,
        });
        const entry = await deps.cache.get(key);
        const maxAge = definition.maxAgeSeconds?.(node.data);
        if (entry && (maxAge === undefined || (now() - entry.createdAt) / 1000 <= maxAge))
          hit = entry.outputs;
      }
      if (hit) {
        outputs.set(id, hit);
        known.add(id);
        if (definition.callsApi) counted.cachedNodes++;
        continue;
      }
      if (!definition.callsApi && knowable) {
        try {
          const ran = await definition.run({
            nodeId: id,
            data: node.data,
            inputs: nodeInputs,
            signal: AbortSignal.abort(),
            responses: noApi as never,
            blobs: deps.blobs,
            models: deps.models,
            log: () => {},
            progress: () => {},
          });
          outputs.set(id, ran.outputs);
          known.add(id);
          continue;
        } catch {
          // It fails in the run too; counted as nothing here.
        }
      }
      outputs.set(id, placeholderOutputs(definition));
      if (!definition.callsApi) continue;
      if (key !== undefined && seen.has(key)) {
        counted.cachedNodes++;
        continue;
      }
      if (key !== undefined) seen.add(key);
      counted.calls++;
      counted.estimatedCost += estimateNodeCost(
        definition,
        node.data,
        nodeInputs,
        deps.models,
        DEFAULT_PRICING,
      );
    }
    counted.estimatedCost = roundUsd(counted.estimatedCost);
    result.perRow.push(counted);
    result.calls += counted.calls;
    result.cachedNodes += counted.cachedNodes;
    result.estimatedCost += counted.estimatedCost;
  }
  result.estimatedCost = roundUsd(result.estimatedCost);
  return result;
};
