import type { NodeCatalogue, Workflow } from '@atelier/graph';
import { authHeaders } from '../api/access-token';

/** An image or mask a node names that this server does not have (a plain file's images). */
export interface MissingImage {
  node: string;
  title: string;
  field: string;
  kind: 'image' | 'mask';
  blob: string;
}

const titleOf = (node: Workflow['nodes'][number], catalogue: NodeCatalogue) => {
  const own = node.view?.title;
  if (typeof own === 'string' && own.trim()) return own.trim();
  return `${catalogue.get(node.type)?.title ?? node.type} (${node.id})`;
};

/** Every image/mask field of the document that names a blob. */
export const imageRefs = (workflow: Workflow, catalogue: NodeCatalogue): MissingImage[] =>
  workflow.nodes.flatMap((node) =>
    (catalogue.get(node.type)?.fields ?? []).flatMap((field): MissingImage[] => {
      if (field.kind !== 'image' && field.kind !== 'mask') return [];
      const blob = (node.data[field.name] as { blob?: unknown } | null | undefined)?.blob;
      return typeof blob === 'string' && blob !== ''
        ? [
            {
              node: node.id,
              title: titleOf(node, catalogue),
              field: field.name,
              kind: field.kind,
              blob,
            },
          ]
        : [];
    }),
  );

/** The document's images that this server cannot serve (asked with HEAD, one per blob). */
export const findMissingImages = async (
  workflow: Workflow,
  catalogue: NodeCatalogue,
): Promise<MissingImage[]> => {
  const refs = imageRefs(workflow, catalogue);
  const known = new Map<string, boolean>();
  await Promise.all(
    [...new Set(refs.map((r) => r.blob))].map(async (blob) => {
      try {
        const res = await fetch(`/api/blobs/${blob}`, { method: 'HEAD', headers: authHeaders() });
        known.set(blob, res.ok);
      } catch {
        known.set(blob, true); // the server is unreachable: say nothing rather than guess
      }
    }),
  );
  return refs.filter((r) => known.get(r.blob) === false);
};
