import type { WorkflowGroup } from '@atelier/graph';
import { groupHolds } from '@atelier/graph';
import type { Rect } from './annotation-layout';
import { frameAround, overlaps } from './annotation-layout';
import type { FlowNode } from './types';

/** Space left between a card and the one it was pushed below. */
const GAP = 32;

const measuredBox = (n: FlowNode): Rect | undefined =>
  n.measured?.width && n.measured.height
    ? { ...n.position, width: n.measured.width, height: n.measured.height }
    : undefined;

/**
 * New positions that take measured cards off each other: a document's positions were saved for
 * the sizes its cards had then (or never, in a hand-written file), and a card that grew (a
 * recipe card with its results box) may cover the next one. Cards are taken top to bottom; one
 * lying on a card already placed moves straight down below it, so columns stay columns. Only
 * cards both measured are compared (the others are not on screen yet). Empty when none overlap.
 */
export const spreadOverlapping = (
  nodes: readonly FlowNode[],
): Map<string, { x: number; y: number }> => {
  const boxes = nodes
    .flatMap((n) => {
      const box = measuredBox(n);
      return box ? [{ id: n.id, box }] : [];
    })
    .sort((a, b) => a.box.y - b.box.y || a.box.x - b.box.x);
  const placed: Rect[] = [];
  const moved = new Map<string, { x: number; y: number }>();
  for (const { id, box } of boxes) {
    const spot = { ...box };
    for (;;) {
      const blockers = placed.filter((p) => overlaps(spot, p));
      if (blockers.length === 0) break;
      spot.y = Math.max(...blockers.map((p) => p.y + p.height)) + GAP;
    }
    placed.push(spot);
    if (spot.y !== box.y) moved.set(id, { x: spot.x, y: spot.y });
  }
  return moved;
};

/** Groups grown to keep the cards they held before some of those cards moved. */
export const groupsAfterMoves = (
  groups: readonly WorkflowGroup[],
  before: readonly FlowNode[],
  moved: ReadonlyMap<string, { x: number; y: number }>,
): WorkflowGroup[] =>
  groups.map((g) => {
    const members = before.filter((n) => moved.has(n.id) && groupHolds(g, n.position));
    if (members.length === 0) return g;
    const frame = frameAround(
      members.map((n) => ({
        ...moved.get(n.id)!,
        width: n.measured?.width ?? 0,
        height: n.measured?.height ?? 0,
      })),
    )!;
    const x = Math.min(g.position.x, frame.x);
    const y = Math.min(g.position.y, frame.y);
    return {
      ...g,
      position: { x, y },
      size: {
        width: Math.max(g.position.x + g.size.width, frame.x + frame.width) - x,
        height: Math.max(g.position.y + g.size.height, frame.y + frame.height) - y,
      },
    };
  });
