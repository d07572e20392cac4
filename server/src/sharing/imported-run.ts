import type { NodeRunRecord } from '@atelier/engine';
import type { Workflow } from '@atelier/graph';
import { isBlobId } from '@atelier/graph';
import type { BlobStore } from '../blobs/blob-store';
import type { Db } from '../db/create-db';
import { newId } from '../db/ids';
import type { RunInputs } from '../runs/run-record';
import { RunStore } from '../runs/run-store';
import type { BundleRun } from './bundle';

/**
 * The bundled run as a finished run (`via: import`) of `workflowId` at `workflowVersion`, its
 * outputs restored where their images are on this server now. Synchronous: the caller writes it
 * in the import's transaction.
 */
export const recordImportedRun = (
  deps: { db: Db; blobs: Pick<BlobStore, 'has'> },
  run: BundleRun,
  workflow: Workflow,
  at: { workflowId: string; workflowVersion: number },
): { run: string; images: number } => {
  const store = new RunStore(deps.db);
  const id = newId('run');
  const now = Date.now();
  const here = (blob: string) => isBlobId(blob) && deps.blobs.has(blob);
  let images = 0;
  const nodes: Record<string, NodeRunRecord> = {};
  const known = new Set(workflow.nodes.map((node) => node.id));
  for (const [nodeId, node] of Object.entries(run.nodes)) {
    if (!known.has(nodeId)) continue;
    const outputs: Record<string, unknown> = {};
    for (const [port, value] of Object.entries(node.outputs)) {
      const blob = (value as { blob?: unknown } | null)?.blob;
      if (typeof blob === 'string') {
        if (!here(blob)) continue;
        images++;
      }
      outputs[port] = value;
    }
    nodes[nodeId] = {
      status: 'succeeded',
      cached: false,
      cost: 0,
      outputs: outputs as NodeRunRecord['outputs'],
      startedAt: now,
      finishedAt: now,
      log: [`imported from a bundle (run ${run.id} on the server it was exported from)`],
    };
  }
  const inputs = Object.fromEntries(
    Object.entries(run.inputs).filter(([, value]) => typeof value === 'string' || here(value.blob)),
  ) as RunInputs;
  store.insert({
    id,
    ...at,
    workflow,
    inputs,
    force: [],
    provider: run.provider,
    nodeIds: [],
    createdAt: now,
    via: 'import',
  });
  store.finish(id, { status: 'succeeded', startedAt: now, finishedAt: now }, nodes);
  return { run: id, images };
};
