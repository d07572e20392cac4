import type { Workflow } from '@atelier/graph';
import type { SharedInput, SharedRun } from './share-api';
import { imagesOf } from './share-api';

/**
 * The label of an app-page field: the author's own label if they wrote one, else the name
 * they gave the input ("subject", not the field's generic "Text") — as the run dialog and a
 * recipe node's ports read.
 */
export const appInputLabel = (document: Workflow, input: SharedInput): string =>
  document.inputs.find((i) => i.name === input.name)?.label ?? input.name;

/** One result shown on the app page: a declared output (or, lacking any, an image node). */
export interface AppOutput {
  /** The name shown and used for downloads. */
  name: string;
  nodeId: string;
  images: ReturnType<typeof imagesOf>;
  partial?: string;
}

const INPUT_TYPES = new Set(['reference', 'mask']);

/**
 * What the app page shows of a run: the document's declared outputs by name, each with its
 * port's image (or the newest partial while it generates). A document that declares none (written
 * before outputs existed) shows the images of every node that makes one.
 */
export const appOutputs = (
  document: Workflow,
  run: SharedRun | undefined,
  partials: Record<string, string>,
): AppOutput[] => {
  const declared = document.outputs ?? [];
  const rows: AppOutput[] =
    declared.length > 0
      ? declared.map((o) => ({
          name: o.label ?? o.name,
          nodeId: o.node,
          images: imagesOf(run?.nodes[o.node]?.outputs).filter((i) => i.port === o.port),
          partial: partials[o.node],
        }))
      : document.nodes
          .filter((n) => !INPUT_TYPES.has(n.type))
          .map((n) => ({
            name: typeof n.view?.title === 'string' ? n.view.title : n.id,
            nodeId: n.id,
            images: imagesOf(run?.nodes[n.id]?.outputs),
            partial: partials[n.id],
          }));
  return rows.filter((r) => r.images.length > 0 || r.partial !== undefined);
};
