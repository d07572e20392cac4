import type { Rect } from '@xyflow/react';
import { useReactFlow } from '@xyflow/react';
import { useCallback } from 'react';
import { definitionOf } from '../model/catalogue';
import type { FlowNode } from '../model/types';
import { useDocument } from '../store/document-store';
import { FIT_PADDING, readableViewport } from './fit-readable';
import { denied } from '../team/me-store';
import { withAnnotations } from '../model/annotation-layout';

/** A card not measured yet (off screen): its definition's width and a typical height. */
const UNMEASURED_HEIGHT = 300;

export const boundsOf = (nodes: readonly FlowNode[]): Rect => {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const n of nodes) {
    const width = n.measured?.width ?? definitionOf(n.type)?.view.width ?? 270;
    const height = n.measured?.height ?? UNMEASURED_HEIGHT;
    x0 = Math.min(x0, n.position.x);
    y0 = Math.min(y0, n.position.y);
    x1 = Math.max(x1, n.position.x + width);
    y1 = Math.max(y1, n.position.y + height);
  }
  return nodes.length
    ? { x: x0, y: y0, width: x1 - x0, height: y1 - y0 }
    : { x: 0, y: 0, width: 1, height: 1 };
};

/**
 * Fit (Shift+F, Tidy, a newly opened document): the graph at a zoom a person can read, panned
 * to its start when it does not fit whole (readableViewport).
 */
export const useFitReadable = () => {
  const flow = useReactFlow();
  return useCallback(
    (duration = 200) => {
      const doc = useDocument.getState();
      const nodes = doc.nodes;
      const rect = document.querySelector('.canvas')?.getBoundingClientRect();
      if (!rect || nodes.length === 0) return;
      // The cards that show images (a generate, an edit): what a fit should keep in view.
      const imaging = nodes.filter((n) => definitionOf(n.type)?.view.preview === 'image');
      const focus = imaging.length ? boundsOf(imaging) : undefined;
      // Notes and groups are part of what a person laid out: the fit takes them in.
      const bounds = withAnnotations(boundsOf(nodes), doc);
      // A viewer only looks: the whole graph, not the readable part an editor works on.
      const whole = !!denied('edit');
      const viewport = readableViewport(bounds, rect.width, rect.height, focus, FIT_PADDING, whole);
      void flow.setViewport(viewport, {
        duration,
      });
    },
    [flow],
  );
};
