import type { NodeRunRecord } from '@atelier/engine';
import type { FieldChange, NodeCatalogue, WorkflowEdge } from '@atelier/graph';
import { diffWorkflows } from '@atelier/graph';
import type { RunRecord, RunStarter } from '../runs/run-record';

/** One run as the comparison shows it. */
export interface ComparedRun {
  id: string;
  workflowId?: string;
  workflowVersion?: number;
  workflowName: string;
  status: RunRecord['status'];
  startedBy?: RunStarter;
  createdAt: number;
  durationMs?: number;
  cost: number;
  saved: RunRecord['saved'];
  /** Nodes that called the API (or computed) this time, and those answered from the cache. */
  reran: number;
  cached: number;
}

/** A node on one side: whether it reran or came from the cache, its time, cost and image. */
export interface ComparedNodeSide {
  status: NodeRunRecord['status'];
  cached: boolean;
  reran: boolean;
  /** What this run paid for it (0 from the cache). */
  cost: number;
  durationMs?: number;
  /** Its `image` output (generate, edit, reference), for the side-by-side view. */
  image?: { blob: string; mime: string; width: number; height: number };
  error?: { code: string; message: string };
}

export interface ComparedNode {
  id: string;
  type: string;
  title?: string;
  /** `added`: only in b; `removed`: only in a; `changed`: its parameters differ. */
  change: 'added' | 'removed' | 'changed' | 'same';
  /** Each changed parameter, `data.<field>` (or `type`), old (a) → new (b). */
  changes: FieldChange[];
  a?: ComparedNodeSide;
  b?: ComparedNodeSide;
}

export interface RunComparison {
  a: ComparedRun;
  b: ComparedRun;
  /** How the two runs' workflows are related. */
  relation: 'same_version' | 'versions' | 'fork' | 'documents';
  nodes: ComparedNode[];
  edges: { added: WorkflowEdge[]; removed: WorkflowEdge[] };
  /** Named inputs whose values differ between the runs. */
  inputs: { name: string; a: unknown; b: unknown }[];
}

const sideOf = (node: NodeRunRecord | undefined): ComparedNodeSide | undefined => {
  if (!node) return undefined;
  const image = node.outputs?.image as ComparedNodeSide['image'] | undefined;
  const ended = node.status === 'succeeded' || node.status === 'failed';
  return {
    status: node.status,
    cached: node.cached,
    reran: ended && !node.cached,
    // A cache hit's record keeps what it cost when first made; this run paid nothing for it.
    cost: node.cached ? 0 : node.cost,
    ...(node.startedAt !== undefined && node.finishedAt !== undefined
      ? { durationMs: node.finishedAt - node.startedAt }
      : {}),
    ...(image && typeof image === 'object' && 'blob' in image ? { image } : {}),
    ...(node.error ? { error: { code: node.error.code, message: node.error.message } } : {}),
  };
};

const summary = (run: RunRecord): ComparedRun => {
  const nodes = Object.values(run.nodes);
  return {
    id: run.id,
    ...(run.workflowId !== undefined ? { workflowId: run.workflowId } : {}),
    ...(run.workflowVersion !== undefined ? { workflowVersion: run.workflowVersion } : {}),
    workflowName: run.workflow.name,
    status: run.status,
    ...(run.startedBy ? { startedBy: run.startedBy } : {}),
    createdAt: run.createdAt,
    ...(run.durationMs !== undefined ? { durationMs: run.durationMs } : {}),
    cost: run.cost,
    saved: run.saved,
    reran: nodes.filter((n) => sideOf(n)?.reran).length,
    cached: nodes.filter((n) => n.cached).length,
  };
};

const jsonEqual = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);

/**
 * Two runs side by side (pure): each node's rerun/cache state, time, cost and image on both
 * sides, and the parameters that differ between the documents as run (named inputs applied,
 * so a changed input shows as the field it sets). Parameter changes come from graph's
 * `diffWorkflows`; view-only changes (titles, sizes) are left out since they change no result.
 */
export const compareRuns = (
  a: RunRecord,
  b: RunRecord,
  options: { catalogue?: NodeCatalogue; forkedFrom?: (workflowId: string) => string | undefined },
): RunComparison => {
  const diff = diffWorkflows(
    a.workflow,
    b.workflow,
    options.catalogue ? { catalogue: options.catalogue } : {},
  );
  const changed = new Map(diff.nodes.changed.map((n) => [n.id, n]));
  const added = new Set(diff.nodes.added.map((n) => n.id));
  const nodes: ComparedNode[] = [];
  const titleOf = (view: Record<string, unknown> | undefined) =>
    typeof view?.title === 'string' && view.title.trim() ? { title: view.title.trim() } : {};
  // The order of run b's document, then what only a had.
  for (const node of [...b.workflow.nodes, ...diff.nodes.removed]) {
    const inB = b.workflow.nodes.includes(node);
    const changes = (changed.get(node.id)?.changes ?? []).filter(
      (c) => !c.field.startsWith('view.'),
    );
    const change = !inB
      ? 'removed'
      : added.has(node.id)
        ? 'added'
        : changes.length > 0
          ? 'changed'
          : 'same';
    const sideA = sideOf(a.nodes[node.id]);
    const sideB = sideOf(b.nodes[node.id]);
    nodes.push({
      id: node.id,
      type: node.type,
      ...titleOf(node.view),
      change,
      changes,
      ...(sideA ? { a: sideA } : {}),
      ...(sideB ? { b: sideB } : {}),
    });
  }
  const names = [...new Set([...Object.keys(a.inputs), ...Object.keys(b.inputs)])].sort();
  const inputs = names
    .map((name) => ({ name, a: a.inputs[name], b: b.inputs[name] }))
    .filter((i) => !jsonEqual(i.a, i.b));
  const fork = (x?: string, y?: string) =>
    x !== undefined && y !== undefined && options.forkedFrom?.(x) === y;
  const relation =
    a.workflowId !== undefined && a.workflowId === b.workflowId
      ? a.workflowVersion === b.workflowVersion
        ? 'same_version'
        : 'versions'
      : fork(a.workflowId, b.workflowId) || fork(b.workflowId, a.workflowId)
        ? 'fork'
        : 'documents';
  return {
    a: summary(a),
    b: summary(b),
    relation,
    nodes,
    edges: { added: diff.edges.added, removed: diff.edges.removed },
    inputs,
  };
};
