import type { NodeCatalogue, Workflow, WorkflowNode } from '@atelier/graph';

/** An image or mask a document's node data points at. */
export interface BlobRef {
  node: string;
  /** What a person sees for the node: its title (view.title), else its type's title and id, like `Mask (mask)`. */
  title: string;
  field: string;
  kind: 'image' | 'mask';
  blob: string;
}

export const nodeTitle = (node: WorkflowNode, catalogue: NodeCatalogue): string => {
  const own = node.view?.title;
  if (typeof own === 'string' && own.trim() !== '') return own.trim();
  return `${catalogue.get(node.type)?.title ?? node.type} (${node.id})`;
};

/** Every image/mask field of the document that names a blob, in node order. */
export const blobRefs = (workflow: Workflow, catalogue: NodeCatalogue): BlobRef[] =>
  workflow.nodes.flatMap((node) => {
    const spec = catalogue.get(node.type);
    if (!spec) return [];
    return spec.fields.flatMap((field): BlobRef[] => {
      if (field.kind !== 'image' && field.kind !== 'mask') return [];
      const blob = (node.data[field.name] as { blob?: unknown } | null | undefined)?.blob;
      if (typeof blob !== 'string' || blob === '') return [];
      return [
        {
          node: node.id,
          title: nodeTitle(node, catalogue),
          field: field.name,
          kind: field.kind,
          blob,
        },
      ];
    });
  });
