import type { NodeCatalogue, Workflow, WorkflowNode } from '@atelier/graph';
import { recipePinOf } from '@atelier/graph';

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

const blobOf = (value: unknown): string | undefined => {
  const blob = (value as { blob?: unknown } | null | undefined)?.blob;
  return typeof blob === 'string' && blob !== '' ? blob : undefined;
};

/**
 * Images a recipe node sets for its recipe's inputs (`data.inputs.<name>`); their kind is the
 * recipe's to say, so they count as images here (a mask is an image file all the same).
 */
const recipeInputRefs = (node: WorkflowNode, catalogue: NodeCatalogue): BlobRef[] =>
  Object.entries(recipePinOf(node)?.inputs ?? {}).flatMap(([name, value]) => {
    const blob = blobOf(value);
    return blob
      ? [
          {
            node: node.id,
            title: nodeTitle(node, catalogue),
            field: `inputs.${name}`,
            kind: 'image' as const,
            blob,
          },
        ]
      : [];
  });

/** Every image/mask field of the document that names a blob, in node order. */
export const blobRefs = (workflow: Workflow, catalogue: NodeCatalogue): BlobRef[] =>
  workflow.nodes.flatMap((node) => {
    if (recipePinOf(node)) return recipeInputRefs(node, catalogue);
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
