import { describe, expect, it } from 'vitest';
import { CARD, placeInView } from './placement';

const view = { x: 0, y: 0, width: 1200, height: 800 };
const centred = { x: 600 - CARD.width / 2, y: 400 - CARD.height / 2 };
const at = (x: number, y: number, width: number = CARD.width, height: number = CARD.height) => ({
  position: { x, y },
  measured: { width, height },
});
const inside = (p: { x: number; y: number }, v = view) =>
  p.x >= v.x &&
  p.y >= v.y &&
  p.x + CARD.width <= v.x + v.width &&
  p.y + CARD.height <= v.y + v.height;

describe('placeInView', () => {
  it('centres the card in an empty view', () => {
    expect(placeInView([], view)).toEqual(centred);
  });

  it('centres the card in a view far away from the origin (panned and zoomed out)', () => {
    const far = { x: 5000, y: -3000, width: 12000, height: 8000 };
    expect(placeInView([], far)).toEqual({
      x: 5000 + 6000 - CARD.width / 2,
      y: -3000 + 4000 - CARD.height / 2,
    });
  });

  it('moves off a card at the centre to the nearest free spot, still inside the view', () => {
    const nodes = [at(centred.x, centred.y)];
    const p = placeInView(nodes, view);
    expect(p).not.toEqual(centred);
    expect(inside(p)).toBe(true);
    const overlap =
      p.x < centred.x + CARD.width &&
      p.x + CARD.width > centred.x &&
      p.y < centred.y + CARD.height &&
      p.y + CARD.height > centred.y;
    expect(overlap).toBe(false);
  });

  it('keeps each of several cards added in a row inside the view and apart', () => {
    const nodes: ReturnType<typeof at>[] = [];
    for (let i = 0; i < 4; i++) {
      const p = placeInView(nodes, view);
      expect(inside(p)).toBe(true);
      expect(nodes.some((n) => n.position.x === p.x && n.position.y === p.y)).toBe(false);
      nodes.push(at(p.x, p.y));
    }
  });

  it('puts the card at the centre, nudged off any card sitting exactly there, when the view is full', () => {
    const nodes = [at(-10_000, -10_000, 30_000, 30_000), at(centred.x, centred.y)];
    const p = placeInView(nodes, view);
    expect(p).not.toEqual(centred);
    expect(Math.abs(p.x - centred.x)).toBeLessThan(100);
    expect(Math.abs(p.y - centred.y)).toBeLessThan(100);
  });

  it('centres the card in a view smaller than the card (zoomed far in)', () => {
    const small = { x: 100, y: 100, width: 150, height: 100 };
    expect(placeInView([], small)).toEqual({ x: 100 - 65, y: 100 - 50 });
  });
});
