import { useReactFlow } from '@xyflow/react';
import { useCallback } from 'react';
import { useDocument } from '../store/document-store';

let nudge = 0;

/**
 * Adds a node where a person expects it: right of the single selected node (and wired to it
 * when a port fits, for keyboard-only building), else in the middle of the view.
 */
export const useAddNode = () => {
  const flow = useReactFlow();
  return useCallback(
    (type: string) => {
      const doc = useDocument.getState();
      const selected = doc.nodes.filter((n) => n.selected);
      const anchor = selected.length === 1 ? selected[0] : undefined;
      if (anchor) {
        const width = anchor.measured?.width ?? 280;
        const position = { x: anchor.position.x + width + 80, y: anchor.position.y };
        return doc.addNode(type, position, { connectFrom: anchor.id });
      }
      const rect = document.querySelector('.canvas')?.getBoundingClientRect();
      const centre = rect
        ? flow.screenToFlowPosition({
            x: rect.left + rect.width / 2,
            y: rect.top + rect.height / 2,
          })
        : { x: 0, y: 0 };
      nudge = (nudge + 1) % 6;
      return doc.addNode(type, { x: centre.x - 140 + nudge * 24, y: centre.y - 80 + nudge * 24 });
    },
    [flow],
  );
};
