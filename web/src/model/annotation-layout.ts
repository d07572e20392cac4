import type { WorkflowGroup, WorkflowNote } from '@atelier/graph';
import { groupHolds } from '@atelier/graph';
import type { DocSnapshot, FlowNode } from './types';

/** A rectangle in flow coordinates. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A note without its own size. */
export const NOTE_SIZE = { width: 240, height: 150 } as const;
/** Room around the cards of a group, and above them for its title bar. */
export const GROUP_PADDING = 32;
export const GROUP_TITLE = 40;
/** A card not measured yet (the layout's own assumption). */
const CARD = { width: 280, height: 220 } as const;
/** Space kept between a note and the cards after Tidy. */
const GAP = 24;

export const cardBox = (n: FlowNode): Rect => ({
  x: n.position.x,
  y: n.position.y,
  width: n.measured?.width ?? n.width ?? CARD.width,
  height: n.measured?.height ?? n.height ?? CARD.height,
});

export const noteBox = (n: WorkflowNote): Rect => ({
  ...n.position,
  width: n.size?.width ?? NOTE_SIZE.width,
  height: n.size?.height ?? NOTE_SIZE.height,
});

export const overlaps = (a: Rect, b: Rect, gap = 0): boolean =>
  a.x < b.x + b.width + gap &&
  a.x + a.width + gap > b.x &&
  a.y < b.y + b.height + gap &&
  a.y + a.height + gap > b.y;

/** The group rectangle around `boxes`: padding on every side and room for the title above. */
export const frameAround = (boxes: readonly Rect[]): Rect | undefined => {
  if (boxes.length === 0) return undefined;
  const x0 = Math.min(...boxes.map((b) => b.x));
  const y0 = Math.min(...boxes.map((b) => b.y));
  const x1 = Math.max(...boxes.map((b) => b.x + b.width));
  const y1 = Math.max(...boxes.map((b) => b.y + b.height));
  return {
    x: x0 - GROUP_PADDING,
    y: y0 - GROUP_PADDING - GROUP_TITLE,
    width: x1 - x0 + 2 * GROUP_PADDING,
    height: y1 - y0 + 2 * GROUP_PADDING + GROUP_TITLE,
  };
};

const centre = (r: Rect) => ({ x: r.x + r.width / 2, y: r.y + r.height / 2 });
const distance = (a: Rect, b: Rect) => {
  const p = centre(a);
  const q = centre(b);
  return Math.hypot(p.x - q.x, p.y - q.y);
};

/**
 * Notes and groups after Tidy moved the cards from `before.nodes` to `after`:
 * - a note follows the card nearest to it (keeping its offset); a note inside a group follows
 *   the nearest card of that group, so it stays with the cards it was written about;
 * - a note that would then cover a card goes below its group's cards (a note in a group) or
 *   above the graph, beside the other notes put there;
 * - a group is fitted around the cards, groups and notes it held before (its title and colour
 *   stay), inner groups first; a group that held no card and no group stays where it is.
 * So Tidy never leaves a note over a card, and a group keeps its members, notes included.
 */
export const tidyAnnotations = (
  before: Pick<DocSnapshot, 'nodes' | 'notes' | 'groups'>,
  after: readonly FlowNode[],
): Pick<DocSnapshot, 'notes' | 'groups'> => {
  const moved = new Map(after.map((n) => [n.id, n]));
  const cards = after.map(cardBox);
  const movedBox = (n: FlowNode) => {
    const m = moved.get(n.id);
    return m ? [cardBox(m)] : [];
  };
  const area = (g: WorkflowGroup) => g.size.width * g.size.height;
  // Smaller groups first: the innermost group holding a thing comes first, and a group inside
  // another is fitted before it.
  const bySize = [...(before.groups ?? [])].sort((a, b) => area(a) - area(b));
  const cardsOf = (g: WorkflowGroup) => before.nodes.filter((n) => groupHolds(g, n.position));

  const top = Math.min(...cards.map((c) => c.y));
  const parked: Rect[] = [];
  const clear = (spot: Rect) =>
    !cards.some((c) => overlaps(spot, c, GAP / 2)) &&
    !parked.some((p) => overlaps(spot, p, GAP / 2));
  const notes = before.notes?.map((note): WorkflowNote => {
    const box = noteBox(note);
    // The innermost group around the note that holds cards: the note stays among them.
    const home = bySize.find((g) => groupHolds(g, note.position) && cardsOf(g).length > 0);
    let anchor: FlowNode | undefined;
    let best = Infinity;
    for (const n of home ? cardsOf(home) : before.nodes) {
      const d = distance(box, cardBox(n));
      if (d < best) [best, anchor] = [d, n];
    }
    const target = anchor && moved.get(anchor.id);
    const placed =
      anchor && target
        ? {
            ...box,
            x: box.x + target.position.x - anchor.position.x,
            y: box.y + target.position.y - anchor.position.y,
          }
        : box;
    if (!cards.some((c) => overlaps(placed, c, GAP / 2)))
      return { ...note, position: { x: placed.x, y: placed.y } };
    const homeCards = home ? cardsOf(home).flatMap(movedBox) : [];
    const spot = homeCards.length
      ? {
          ...placed,
          x: Math.min(...homeCards.map((c) => c.x)),
          y: Math.max(...homeCards.map((c) => c.y + c.height)) + GAP,
        }
      : { ...placed, y: top - placed.height - GAP };
    while (!clear(spot)) spot.x += spot.width + GAP;
    parked.push(spot);
    return { ...note, position: { x: spot.x, y: spot.y } };
  });

  const placedNote = new Map((notes ?? []).map((n) => [n.id, noteBox(n)]));
  const fitted = new Map<string, WorkflowGroup>();
  for (const g of bySize) {
    const inner = bySize.filter(
      (o) => o.id !== g.id && area(o) < area(g) && groupHolds(g, o.position),
    );
    const frames = inner.flatMap((o) => {
      const f = fitted.get(o.id);
      return f && f !== o ? [{ ...f.position, ...f.size }] : [];
    });
    const held = [...cardsOf(g).flatMap(movedBox), ...frames];
    const frame =
      held.length > 0
        ? frameAround([
            ...held,
            ...(before.notes ?? []).flatMap((n) => {
              const box = placedNote.get(n.id);
              return box && groupHolds(g, n.position) ? [box] : [];
            }),
          ])
        : undefined;
    fitted.set(
      g.id,
      frame
        ? {
            ...g,
            position: { x: frame.x, y: frame.y },
            size: { width: frame.width, height: frame.height },
          }
        : g,
    );
  }
  const groups = before.groups?.map((g) => fitted.get(g.id) ?? g);
  return { ...(groups && { groups }), ...(notes && { notes }) };
};

/** `bounds` grown to take in every note and group (a fit shows them too). */
export const withAnnotations = (bounds: Rect, doc: Pick<DocSnapshot, 'notes' | 'groups'>): Rect => {
  const boxes = [
    bounds,
    ...(doc.notes ?? []).map(noteBox),
    ...(doc.groups ?? []).map((g) => ({ ...g.position, ...g.size })),
  ];
  if (boxes.length === 1) return bounds;
  const x = Math.min(...boxes.map((b) => b.x));
  const y = Math.min(...boxes.map((b) => b.y));
  return {
    x,
    y,
    width: Math.max(...boxes.map((b) => b.x + b.width)) - x,
    height: Math.max(...boxes.map((b) => b.y + b.height)) - y,
  };
};
