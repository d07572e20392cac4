import type { Workflow } from '@atelier/graph';
import { useCallback } from 'react';
import type { ReadOnlyCard } from '../canvas/ReadOnlyGraph';
import { ReadOnlyGraph, readOnlyTitle } from '../canvas/ReadOnlyGraph';
import type { SharedRun } from './share-api';
import { imagesOf } from './share-api';
import { cardFields, maskBaseBlob } from './card-fields';

/**
 * The shared recipe read-only: each node with its settings, its images and the shown run's
 * outputs; images come through the link (`blobUrl`).
 */
export const RecipeCanvas = ({
  document,
  run,
  blobUrl,
}: {
  document: Workflow;
  run: SharedRun | null;
  blobUrl: (blob: string) => string;
}) => {
  const cardOf = useCallback(
    (node: Workflow['nodes'][number]): ReadOnlyCard => {
      const ran = run?.nodes[node.id];
      // Input nodes' outputs are their own images again: show them once.
      const outputs = ['reference', 'mask'].includes(node.type) ? [] : imagesOf(ran?.outputs);
      const title = readOnlyTitle(node);
      return {
        title,
        note: node.id,
        status: ran?.status,
        text: typeof node.data.text === 'string' ? node.data.text : undefined,
        fields: cardFields(node),
        images: [...imagesOf(node.data), ...outputs].map((i) => {
          const isMask = node.type === 'mask' && i.port === 'mask';
          const base = isMask
            ? maskBaseBlob(document, node.id, (id) => run?.nodes[id]?.outputs)
            : undefined;
          return {
            url: blobUrl(i.blob),
            alt: `${title}: ${i.port}`,
            ...(isMask ? { mask: { base: base && blobUrl(base) } } : {}),
          };
        }),
        ids: { card: 'share-node', image: 'share-node-image' },
      };
    },
    [document, run, blobUrl],
  );
  return <ReadOnlyGraph document={document} cardOf={cardOf} />;
};
