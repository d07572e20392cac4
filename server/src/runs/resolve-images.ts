import type { ImageValue, Issue, NodeCatalogue, Workflow } from '@atelier/graph';
import { isBlobId, MAX_IMAGE_SIDE, maskSizeProblem } from '@atelier/graph';
import type { BlobInfo } from '../blobs/blob-store';

/** What resolving needs of the blob store. */
export interface BlobLookup {
  info(blob: string): BlobInfo | undefined;
  /** Whether a stored PNG can hold transparency (undefined: not a PNG, or unknown). */
  pngHasAlpha?(blob: string): boolean | undefined;
}

/**
 * Image and mask values in node data must name a stored blob, and their type and size are
 * the blob's own, whatever the document says: nodes, size checks and the cache trust them,
 * and the cache key knows an image only by its blob. Provenance (responseId…) is kept.
 * Only the `needed` nodes are looked at (all when undefined); empty fields are left to
 * missingImages.
 */
export const resolveImages = (
  workflow: Workflow,
  catalogue: NodeCatalogue,
  blobs: BlobLookup,
  needed?: ReadonlySet<string>,
): { workflow: Workflow; issues: Issue[] } => {
  const issues: Issue[] = [];
  const nodes = workflow.nodes.map((node, i) => {
    const spec = catalogue.get(node.type);
    if (!spec || (needed && !needed.has(node.id))) return node;
    let data = node.data;
    for (const field of spec.fields) {
      if (field.kind !== 'image' && field.kind !== 'mask') continue;
      const value = node.data[field.name] as ImageValue | null | undefined;
      if (!value) continue;
      const path = `nodes[${i}].data.${field.name}`;
      const info = isBlobId(value.blob) ? blobs.info(value.blob) : undefined;
      if (!info) {
        issues.push({
          path,
          code: 'unknown_blob',
          message: `${path}: ${field.kind} ${value.blob} is not stored on this server (uploaded elsewhere, or never); upload it (POST /api/blobs) and set it on node "${node.id}" again`,
        });
        continue;
      }
      if (field.kind === 'mask' && info.mime !== 'image/png') {
        issues.push({
          path,
          code: 'invalid_mask',
          message: `${path}: a mask must be a PNG with alpha (transparent = change); blob ${value.blob} is ${info.mime}`,
        });
        continue;
      }
      const tooLarge = field.kind === 'mask' ? maskSizeProblem(info.bytes) : undefined;
      if (tooLarge) {
        issues.push({
          path,
          code: 'mask_too_large',
          message: `${path}: the mask ${value.blob} ${tooLarge}; paint it again or upload a smaller PNG`,
        });
        continue;
      }
      if (field.kind === 'mask' && blobs.pngHasAlpha?.(value.blob) === false) {
        issues.push({
          path,
          code: 'invalid_mask',
          message: `${path}: the mask ${value.blob} has no alpha channel; transparent pixels mark the region to change, so paint it again or upload a PNG with transparency`,
        });
        continue;
      }
      if (info.width > MAX_IMAGE_SIDE || info.height > MAX_IMAGE_SIDE) {
        issues.push({
          path,
          code: 'image_too_large',
          message: `${path}: blob ${value.blob} is ${info.width}x${info.height}; images may be at most ${MAX_IMAGE_SIDE} pixels on a side`,
        });
        continue;
      }
      if (value.mime === info.mime && value.width === info.width && value.height === info.height)
        continue;
      data = {
        ...data,
        [field.name]: { ...value, mime: info.mime, width: info.width, height: info.height },
      };
    }
    return data === node.data ? node : { ...node, data };
  });
  return { workflow: { ...workflow, nodes }, issues };
};
