import type { NodeRunRecord } from '@atelier/engine';
import { canonicalJson } from '@atelier/engine';
import type { Workflow } from '@atelier/graph';
import { isBlobId, parseWorkflow } from '@atelier/graph';
import type { BlobStore } from '../blobs/blob-store';
import type { Db } from '../db/create-db';
import { newId } from '../db/ids';
import type { RunInputs } from '../runs/run-record';
import { RunStore } from '../runs/run-store';
import type { BundleRun } from './bundle';
import { BundleError } from './bundle';

/**
 * The document a bundled run ran (checked before anything is written): its own when the bundle
 * carries one (an earlier version than the exported one made the outputs), else the exported.
 */
export const ranDocument = (run: BundleRun): Workflow | undefined => {
  if (run.document === undefined) return undefined;
  const parsed = parseWorkflow(run.document);
  if (parsed.ok) return parsed.workflow;
  throw new BundleError(
    `The run in manifest.json carries a document that is not a workflow: ${parsed.issues[0]?.message ?? 'unreadable'}.`,
    'manifest.json',
  );
};

/**
 * The bundled run as a finished run (`via: import`) of the new workflow, its outputs restored
 * where their images are on this server now. It records the document that made them: when that
 * is the imported one, as a run of `version`; otherwise as a run of no library version (as a run
 * of an unsaved edit is), so History, compare and provenance never credit a version that did
 * not make it. Synchronous: the caller writes it in the import's transaction.
 */
export const recordImportedRun = (
  deps: { db: Db; blobs: Pick<BlobStore, 'has'> },
  run: BundleRun,
  imported: { workflowId: string; version: number; document: Workflow; ran?: Workflow },
): { run: string; images: number } => {
  const workflow = imported.ran ?? imported.document;
  const sameDocument = canonicalJson(workflow) === canonicalJson(imported.document);
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
    workflowId: imported.workflowId,
    ...(sameDocument ? { workflowVersion: imported.version } : {}),
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
