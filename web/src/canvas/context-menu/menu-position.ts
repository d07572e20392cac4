/** A point where a menu opens and the space it may use (the window), in screen pixels. */
export interface Bounds {
  width: number;
  height: number;
}

/** Gap kept between a menu and the window's edge. */
const EDGE = 8;

/**
 * Where a menu of `size` opened at `at` goes so that all of it stays on screen: to the right of
 * and below the point when it fits, else flipped to the left / above it, else pushed against
 * the far edge (a menu taller than the window starts at its top and scrolls).
 */
export const menuPosition = (
  at: { x: number; y: number },
  size: { width: number; height: number },
  bounds: Bounds,
): { left: number; top: number } => {
  const place = (start: number, length: number, room: number) => {
    if (start + length <= room - EDGE) return start;
    if (start - length >= EDGE) return start - length;
    return Math.max(EDGE, room - EDGE - length);
  };
  return {
    left: place(at.x, size.width, bounds.width),
    top: place(at.y, size.height, bounds.height),
  };
};
