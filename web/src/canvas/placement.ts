/** A rectangle in flow coordinates. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface Placed {
  position: { x: number; y: number };
  measured?: { width?: number; height?: number };
}

/** The size assumed for a card that has not been measured yet. */
export const CARD = { width: 280, height: 200 } as const;
/** Space kept between a new card and its neighbours. */
const GAP = 20;
/** How far from the centre the search for a free spot goes, in steps. */
const RINGS = 12;

const boxOf = (n: Placed): Box => ({
  x: n.position.x,
  y: n.position.y,
  width: n.measured?.width ?? CARD.width,
  height: n.measured?.height ?? CARD.height,
});

const overlaps = (a: Box, b: Box, gap = 0) =>
  a.x < b.x + b.width + gap &&
  a.x + a.width + gap > b.x &&
  a.y < b.y + b.height + gap &&
  a.y + a.height + gap > b.y;

/** Offsets of the square rings around (0, 0), nearest first. */
const ringOffsets = (() => {
  const all: Array<[number, number]> = [];
  for (let dx = -RINGS; dx <= RINGS; dx++)
    for (let dy = -RINGS; dy <= RINGS; dy++) all.push([dx, dy]);
  return all.sort(([ax, ay], [bx, by]) => ax * ax + ay * ay - (bx * bx + by * by));
})();

/**
 * Where a new card goes when nothing is selected: centred in the visible part of the canvas
 * (`view`, flow coordinates), else the free spot nearest the centre that is still in view, so a
 * person sees what they added. A full view gets the centre, moved diagonally until the card no
 * longer sits exactly on another one (its title stays readable).
 */
export const placeInView = (
  nodes: readonly Placed[],
  view: Box,
  size: { width: number; height: number } = CARD,
): { x: number; y: number } => {
  const start = {
    x: view.x + (view.width - size.width) / 2,
    y: view.y + (view.height - size.height) / 2,
  };
  // Only cards near the view can be in the way: a 1,000-node graph costs no more than a small one.
  const reach = { x: view.x - size.width, y: view.y - size.height };
  const near = nodes.map(boxOf).filter((b) =>
    overlaps(b, {
      ...reach,
      width: view.width + 2 * size.width,
      height: view.height + 2 * size.height,
    }),
  );
  // Steps scale with the view, so a far zoom looks over as much of the screen as a close one.
  const step = Math.max(40, Math.min(view.width, view.height) / (2 * RINGS));
  const fits = (value: number, min: number, room: number) =>
    room < 0 ? value === min + room / 2 : value >= min && value <= min + room;
  for (const [dx, dy] of ringOffsets) {
    const p = { x: start.x + dx * step, y: start.y + dy * step };
    if (!fits(p.x, view.x, view.width - size.width)) continue;
    if (!fits(p.y, view.y, view.height - size.height)) continue;
    if (!near.some((b) => overlaps({ ...p, ...size }, b, GAP))) return p;
  }
  const p = { ...start };
  const onTop = () => near.some((b) => Math.abs(b.x - p.x) < 16 && Math.abs(b.y - p.y) < 16);
  for (let i = 0; i < 50 && onTop(); i++) {
    p.x += 32;
    p.y += 32;
  }
  return p;
};
