import type { Rect } from '@xyflow/react';

/**
 * Below this zoom a card's 13 px text is under ~10 px: a fit goes no further for a graph a
 * person can read, and pans instead. Only a graph that would take many screens at this zoom
 * is fitted whole, into the far-zoom overview.
 */
export const READABLE_ZOOM = 0.75;
/** At the readable zoom, a graph up to this many canvases big is panned, not fitted whole. */
const SCREENS = 6;

/** Space kept clear at the canvas edges when fitting (minimap, legend and zoom controls are
 * in the palette, off the canvas: nothing lies over a card). */
export const FIT_PADDING = { top: 24, right: 24, bottom: 24, left: 24 } as const;

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

/**
 * The viewport that shows `bounds` (flow coordinates) on a canvas of `width`×`height` px:
 * the whole graph at up to 100 % when that is readable; else the readable zoom, centred on
 * the axis that fits and, on one that does not, on `focus` (the nodes that show images: what
 * a run is for) when that fits, else at the graph's start; a graph too large even for that
 * is fitted whole (the overview), and so is any graph for someone who cannot edit it.
 */
export const readableViewport = (
  bounds: Rect,
  width: number,
  height: number,
  focus: Rect = bounds,
  padding: typeof FIT_PADDING = FIT_PADDING,
  /** Someone who may only look (a viewer): the whole graph in view, whatever the zoom. */
  whole = false,
): Viewport => {
  const room = {
    width: Math.max(1, width - padding.left - padding.right),
    height: Math.max(1, height - padding.top - padding.bottom),
  };
  const fitZoom = Math.min(
    1,
    room.width / Math.max(1, bounds.width),
    room.height / Math.max(1, bounds.height),
  );
  const tooBig =
    (bounds.width * READABLE_ZOOM) / room.width > SCREENS ||
    (bounds.height * READABLE_ZOOM) / room.height > SCREENS;
  const zoom = fitZoom >= READABLE_ZOOM || tooBig || whole ? fitZoom : READABLE_ZOOM;
  const place = (
    start: number,
    size: number,
    focusStart: number,
    focusSize: number,
    roomSize: number,
    pad: number,
  ) => {
    if (size * zoom <= roomSize) return pad + (roomSize - size * zoom) / 2 - start * zoom;
    if (focusSize * zoom > roomSize) return pad - focusStart * zoom;
    // The focus centred, without showing empty space beyond either end of the graph.
    const centred = pad + (roomSize - focusSize * zoom) / 2 - focusStart * zoom;
    const lowest = pad + roomSize - (start + size) * zoom;
    return Math.min(pad - start * zoom, Math.max(lowest, centred));
  };
  return {
    x: place(bounds.x, bounds.width, focus.x, focus.width, room.width, padding.left),
    y: place(bounds.y, bounds.height, focus.y, focus.height, room.height, padding.top),
    zoom,
  };
};
