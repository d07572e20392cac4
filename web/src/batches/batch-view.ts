import type { ImageValue, PortValue, WorkflowInput } from '@atelier/graph';
import { fieldInputKind } from '@atelier/graph';
import type { BatchRecord, BatchRowRecord } from '../api/batch-api';
import type { RunRecordView } from '../api/run-types';
import { definitionOf } from '../model/catalogue';
import type { FlowNode } from '../model/types';
import type { BatchColumn } from './batch-grid';
import type { Progress } from './batch-store';

/** The grid's columns: the recipe's named inputs, in document order, with their kinds. */
export const columnsOf = (inputs: readonly WorkflowInput[], nodes: readonly FlowNode[]) =>
  inputs.flatMap((input): BatchColumn[] => {
    const node = nodes.find((n) => n.id === input.node);
    const field = definitionOf(node?.type)?.fields.find((f) => f.name === input.field);
    const kind = field ? fieldInputKind(field) : undefined;
    if (!kind || kind === 'sources') return [];
    return [{ name: input.name, label: input.label ?? input.name, kind }];
  });

const isImage = (value: PortValue | undefined): value is ImageValue =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && 'blob' in value;

/** A column of the results grid: a named output, or (without any) an image-making node. */
export interface ResultColumn {
  key: string;
  label: string;
  image(run: RunRecordView): ImageValue | undefined;
  /** The node whose output the cell shows (what a star or a comment is pinned to). */
  nodeId(run: RunRecordView): string | undefined;
}

/**
 * The results grid's image columns, from the rows' runs: the recipe's named image outputs
 * when it declares any, otherwise one per step node that made an image (as results.zip).
 */
export const resultColumns = (runs: readonly RunRecordView[]): ResultColumn[] => {
  const columns = new Map<string, ResultColumn>();
  for (const run of runs) {
    const named = Object.entries(run.outputs ?? {}).filter(([, v]) => isImage(v));
    if (named.length > 0) {
      for (const [name] of named)
        if (!columns.has(`output:${name}`))
          columns.set(`output:${name}`, {
            key: `output:${name}`,
            label: name,
            image: (r) => {
              const value = r.outputs?.[name];
              return isImage(value) ? value : undefined;
            },
            nodeId: (r) => r.workflow.outputs?.find((o) => o.name === name)?.node,
          });
      continue;
    }
    const types = new Map(run.workflow.nodes.map((n) => [n.id, n.type]));
    for (const [nodeId, node] of Object.entries(run.nodes ?? {})) {
      if (definitionOf(types.get(nodeId))?.role !== 'step' || !isImage(node.outputs?.image))
        continue;
      if (!columns.has(`node:${nodeId}`))
        columns.set(`node:${nodeId}`, {
          key: `node:${nodeId}`,
          label: nodeId,
          image: (r) => {
            const value = r.nodes?.[nodeId]?.outputs?.image;
            return isImage(value) ? value : undefined;
          },
          nodeId: () => nodeId,
        });
    }
  }
  // Named outputs first: a recipe that declares them is read by those names.
  return [...columns.values()].sort(
    (a, b) => Number(b.key.startsWith('output:')) - Number(a.key.startsWith('output:')),
  );
};

/** What a filter may know beyond the row: the runs of this batch with a starred output. */
export interface FilterContext {
  starredRuns: ReadonlySet<string>;
}

/**
 * Filters of the results grid, as data, keyed by id, with a label and a test on the row (and
 * its run once loaded).
 */
export interface ResultFilter {
  id: string;
  label: string;
  test(row: BatchRowRecord, run: RunRecordView | undefined, context: FilterContext): boolean;
}

export const RESULT_FILTERS: ResultFilter[] = [
  { id: 'all', label: 'All', test: () => true },
  { id: 'succeeded', label: 'Succeeded', test: (row) => row.status === 'succeeded' },
  {
    id: 'failed',
    label: 'Failed',
    test: (row) => row.status === 'failed' || row.status === 'cancelled',
  },
  {
    id: 'starred',
    label: '★ Starred',
    test: (row, _run, { starredRuns }) => row.runId !== undefined && starredRuns.has(row.runId),
  },
];

export const doneOf = (batch: Pick<BatchRecord, 'succeeded' | 'failed' | 'cancelled'>) =>
  batch.succeeded + batch.failed + batch.cancelled;

/** Seconds left at the rate rows finished since the panel started watching, or undefined. */
export const etaSeconds = (progress: Progress | undefined, total: number): number | undefined => {
  if (!progress) return undefined;
  const rows = progress.latest.done - progress.since.done;
  const ms = progress.latest.at - progress.since.at;
  if (rows <= 0 || ms <= 0) return undefined;
  const left = total - progress.latest.done;
  return Math.max(0, Math.round(((left * ms) / rows - (Date.now() - progress.latest.at)) / 1000));
};

export const formatEta = (seconds: number): string => {
  if (seconds < 60) return `${seconds}s`;
  const m = Math.floor(seconds / 60);
  if (m < 60) return `${m}m ${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
};

export const STATUS_LABEL: Record<BatchRecord['status'], string> = {
  queued: 'Queued',
  running: 'Running',
  paused: 'Paused',
  budget_reached: 'Stopped at its cap',
  succeeded: 'Finished',
  failed: 'Finished with failures',
  cancelled: 'Cancelled',
};

export const isFinished = (status: BatchRecord['status']) =>
  status === 'succeeded' || status === 'failed' || status === 'cancelled';
