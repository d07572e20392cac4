import type { EditorNodeType } from '../model/types';
import { useReactFlow } from '@xyflow/react';
import { useCallback } from 'react';
import { useDocument } from '../store/document-store';
import type { Box } from './placement';
import { CARD, placeInView } from './placement';

/** Screen pixels kept clear at the canvas edges (minimap, zoom controls, legend sit there). */
const VIEW_MARGIN = 40;

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
 * when a port fits, for keyboard-only building), else in the middle of the view (next to what
 * is already there, never outside the view).
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
  /** The part of the flow on screen (the canvas less a margin for its overlays). */
  const visibleFlowBox = useCallback((): Box => {
    const rect = document.querySelector('.canvas')?.getBoundingClientRect();
    if (!rect) return { x: -CARD.width / 2, y: -CARD.height / 2, ...CARD };
    const m = Math.min(VIEW_MARGIN, rect.width / 4, rect.height / 4);
    const a = flow.screenToFlowPosition({ x: rect.left + m, y: rect.top + m });
    const b = flow.screenToFlowPosition({ x: rect.right - m, y: rect.bottom - m });
    return { x: a.x, y: a.y, width: b.x - a.x, height: b.y - a.y };
  }, [flow]);
  return useCallback(
    (type: EditorNodeType, data?: Record<string, unknown>) => {
      const doc = useDocument.getState();
      const selected = doc.nodes.filter((n) => n.selected);
      const anchor = selected.length === 1 ? selected[0] : undefined;
      if (anchor) {
        const width = anchor.measured?.width ?? 280;
        const position = { x: anchor.position.x + width + 80, y: anchor.position.y };
        const id = doc.addNode(type, position, { connectFrom: anchor.id, data });
        keepInView(position);
        return focusText(id);
      }
      return focusText(doc.addNode(type, placeInView(doc.nodes, visibleFlowBox()), { data }));
    },
    [keepInView, visibleFlowBox],
  );
};
