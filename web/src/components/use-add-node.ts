import { useReactFlow } from '@xyflow/react';
import { useCallback } from 'react';
import { useDocument } from '../store/document-store';
import type { FlowNode } from '../store/types';

/** The first place at or below `start` where a new card does not cover another one. */
const freeSpot = (nodes: readonly FlowNode[], start: { x: number; y: number }) => {
  const size = { w: 300, h: 200 };
  const hits = (p: { x: number; y: number }) =>
    nodes.some((n) => {
      const w = n.measured?.width ?? 280;
      const h = n.measured?.height ?? 200;
      return (
        p.x < n.position.x + w &&
        p.x + size.w > n.position.x &&
        p.y < n.position.y + h &&
        p.y + size.h > n.position.y
      );
    });
  // Only look near the view: a huge graph should not cost a long search.
  for (let i = 0; i < 40; i++) {
    const p = { x: start.x, y: start.y + i * 60 };
    if (!hits(p)) return p;
  }
  return start;
};

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
      return focusText(
        doc.addNode(type, freeSpot(doc.nodes, { x: centre.x - 140, y: centre.y - 80 })),
      );
    },
    [flow, keepInView],
  );
};
