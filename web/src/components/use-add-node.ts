import { useReactFlow } from '@xyflow/react';
import { useCallback } from 'react';
import { useDocument } from '../store/document-store';

let nudge = 0;

/** A new node with a text to write (a prompt) takes the focus, so typing goes straight in. */
const focusText = (id: string): string => {
  requestAnimationFrame(() =>
    requestAnimationFrame(() => {
      const field = document.querySelector<HTMLElement>(
        `[data-testid="node-${id}"] .fields textarea`,
      );
      field?.focus();
    }),
  );
  return id;
};

/**
 * Adds a node where a person expects it: right of the single selected node (and wired to it
 * when a port fits, for keyboard-only building), else in the middle of the view.
 */
export const useAddNode = () => {
  const flow = useReactFlow();
  /** Pans (keeping the zoom) when a new node would land outside the visible canvas. */
  const keepInView = useCallback(
    (position: { x: number; y: number }) => {
      const rect = document.querySelector('.canvas')?.getBoundingClientRect();
      if (!rect) return;
      const topLeft = flow.flowToScreenPosition(position);
      const bottomRight = flow.flowToScreenPosition({ x: position.x + 300, y: position.y + 200 });
      const inside =
        topLeft.x >= rect.left &&
        topLeft.y >= rect.top &&
        bottomRight.x <= rect.right &&
        bottomRight.y <= rect.bottom;
      if (!inside)
        void flow.setCenter(position.x + 150, position.y + 100, {
          zoom: flow.getZoom(),
          duration: 200,
        });
    },
    [flow],
  );
  return useCallback(
    (type: string) => {
      const doc = useDocument.getState();
      const selected = doc.nodes.filter((n) => n.selected);
      const anchor = selected.length === 1 ? selected[0] : undefined;
      if (anchor) {
        const width = anchor.measured?.width ?? 280;
        const position = { x: anchor.position.x + width + 80, y: anchor.position.y };
        const id = doc.addNode(type, position, { connectFrom: anchor.id });
        keepInView(position);
        return focusText(id);
      }
      const rect = document.querySelector('.canvas')?.getBoundingClientRect();
      const centre = rect
        ? flow.screenToFlowPosition({
            x: rect.left + rect.width / 2,
            y: rect.top + rect.height / 2,
          })
        : { x: 0, y: 0 };
      nudge = (nudge + 1) % 6;
      return focusText(
        doc.addNode(type, { x: centre.x - 140 + nudge * 24, y: centre.y - 80 + nudge * 24 }),
      );
    },
    [flow, keepInView],
  );
};
