import type { NodeCatalogue, Workflow } from '@atelier/graph';
import { isBlobId } from '@atelier/graph';
import type { BlobStore } from '../blobs/blob-store';
import type { StoredWorkflow, WorkflowRepo } from '../db/workflow-repo';
import type { RunRecord } from '../runs/run-record';
import { blobRefs } from './blob-refs';
import { collectRecipes } from './bundle-recipes';
import type { BundleImage, BundleRun } from './bundle';
import { writeBundle } from './bundle';

const imageOf = async (blobs: BlobStore, blob: string): Promise<BundleImage | undefined> => {
  const info = isBlobId(blob) ? blobs.info(blob) : undefined;
  if (!info) return undefined;
  return {
    sha256: blob,
    mime: info.mime,
    width: info.width,
    height: info.height,
    bytes: await blobs.get(blob),
  };
};

/**
 * The bundle of one stored version: its document, every recipe it uses (transitively, at the
 * pinned versions), every image and mask they name, and (with `run`) that run's output
 * images. An image missing from this server is listed in `missing`, a recipe version in
 * `missingRecipes` (the bundle is still written: the importer then reports them).
 */
export const exportBundle = async (
  stored: StoredWorkflow,
  catalogue: NodeCatalogue,
  blobs: BlobStore,
  workflows: Pick<WorkflowRepo, 'pinned'>,
  run?: RunRecord,
): Promise<{
  bytes: Uint8Array;
  images: number;
  recipes: number;
  missing: string[];
  missingRecipes: string[];
}> => {
  const images = new Map<string, BundleImage>();
  const missing: string[] = [];
  const add = async (blob: string) => {
    if (images.has(blob)) return true;
    const image = await imageOf(blobs, blob);
    if (image) images.set(blob, image);
    return image !== undefined;
  };
  const recipes = collectRecipes(stored.document, workflows);
  for (const document of [stored.document, ...recipes.recipes.map((r) => r.document)])
    for (const ref of blobRefs(document, catalogue))
      if (!(await add(ref.blob)) && !missing.includes(ref.blob)) missing.push(ref.blob);

  let bundleRun: BundleRun | undefined;
  if (run) {
    const nodes: BundleRun['nodes'] = {};
    for (const [nodeId, node] of Object.entries(run.nodes)) {
      if (node.status !== 'succeeded' || !node.outputs) continue;
      const outputs: Record<string, unknown> = {};
      for (const [port, value] of Object.entries(node.outputs)) {
        const blob = (value as { blob?: unknown } | null)?.blob;
        if (typeof blob === 'string' && !(await add(blob))) continue;
        outputs[port] = value;
      }
      nodes[nodeId] = { outputs };
    }
    // Image inputs of the run travel too: they are part of "the inputs that made it".
    for (const value of Object.values(run.inputs))
      if (typeof value === 'object' && value !== null) await add(value.blob);
    bundleRun = {
      id: run.id,
      provider: run.provider,
      createdAt: run.createdAt,
      // ImageValue and MaskValue are interfaces (no index signature): the same shape.
      inputs: run.inputs as BundleRun['inputs'],
      nodes,
      ...(run.workflowVersion !== stored.version ? { document: run.workflow } : {}),
    };
  }
  const bytes = writeBundle({
    name: stored.name,
    document: stored.document satisfies Workflow,
    images: [...images.values()],
    source: { workflowId: stored.id, version: stored.version },
    run: bundleRun,
    recipes: recipes.recipes,
  });
  return {
    bytes,
    images: images.size,
    recipes: recipes.recipes.length,
    missing,
    missingRecipes: recipes.missing.map((pin) => `${pin.workflowId}@${pin.version}`),
  };
};
