import type { Workflow } from '@atelier/graph';
import { useCallback } from 'react';
import type { ReadOnlyCard } from '../canvas/ReadOnlyGraph';
import { ReadOnlyGraph, readOnlyTitle } from '../canvas/ReadOnlyGraph';
import type { SharedRun } from './share-api';
import { imagesOf } from './share-api';

const shown = (value: unknown): string | undefined => {
  if (typeof value === 'string') return value.length > 60 ? `${value.slice(0, 57)}…` : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
};

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
      const fields = Object.entries(node.data).flatMap(([name, value]): [string, string][] => {
        const s = name === 'text' ? undefined : shown(value);
        return s === undefined || s === '' ? [] : [[name, s]];
      });
      const ran = run?.nodes[node.id];
      // Input nodes' outputs are their own images again: show them once.
      const outputs = ['reference', 'mask'].includes(node.type) ? [] : imagesOf(ran?.outputs);
      const title = readOnlyTitle(node);
      return {
        title,
        note: node.id,
        status: ran?.status,
        text: typeof node.data.text === 'string' ? node.data.text : undefined,
        fields,
        images: [...imagesOf(node.data), ...outputs].map((i) => ({
          url: blobUrl(i.blob),
          alt: `${title}: ${i.port}`,
        })),
        ids: { card: 'share-node', image: 'share-node-image' },
      };
    },
    [run, blobUrl],
  );
  return <ReadOnlyGraph document={document} cardOf={cardOf} />;
};
