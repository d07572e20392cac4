import type { Clipboard } from '../../model/clipboard';

type Point = { x: number; y: number };

/**
 * How far to move the clipboard so that what was copied lands at `at` (flow coordinates): the
 * top-left corner of its cards, notes and groups goes to the point, their layout kept as copied.
 * The canvas menu's "Paste here" uses it with the point the menu was opened at.
 */
export const pasteOffset = (clip: Clipboard, at: Point): Point => {
  const corners = [...clip.nodes, ...(clip.notes ?? []), ...(clip.groups ?? [])].map(
    (item) => item.position,
  );
  if (corners.length === 0) return { x: 0, y: 0 };
  const left = Math.min(...corners.map((p) => p.x));
  const top = Math.min(...corners.map((p) => p.y));
  return { x: at.x - left, y: at.y - top };
};
