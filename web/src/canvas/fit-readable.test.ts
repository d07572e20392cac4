import { describe, expect, it } from 'vitest';
import { OVERVIEW_ZOOM } from './overview-zoom';
import { FIT_PADDING, READABLE_ZOOM, readableViewport } from './fit-readable';

/** A 7-node recipe laid out left to right: about 2,300 × 700 flow px. */
const recipe = { x: 0, y: 0, width: 2300, height: 700 };

describe('readableViewport', () => {
  it('fits a small graph whole at up to 100 %', () => {
    const v = readableViewport({ x: 0, y: 0, width: 600, height: 300 }, 1440, 900);
    expect(v.zoom).toBe(1);
  });

  it('keeps a 7-node recipe readable at 1024×768 and pans to its start instead of shrinking it', () => {
    const v = readableViewport(recipe, 584, 640);
    expect(v.zoom).toBe(READABLE_ZOOM);
    expect(v.zoom).toBeGreaterThan(OVERVIEW_ZOOM);
    expect(v.x).toBe(FIT_PADDING.left);
  });

  it('fits a graph too large to read anyway into the overview', () => {
    const v = readableViewport({ x: 0, y: 0, width: 15000, height: 14000 }, 1440, 900);
    expect(v.zoom).toBeLessThan(OVERVIEW_ZOOM);
  });

  it('leaves the minimap strip free at the bottom', () => {
    const v = readableViewport({ x: 0, y: 0, width: 400, height: 700 }, 1440, 900);
    expect(700 * v.zoom + v.y).toBeLessThanOrEqual(900 - FIT_PADDING.bottom + 0.5);
  });
});

describe('readableViewport with a focus', () => {
  it('centres the image nodes when the whole graph does not fit at a readable zoom', () => {
    // Inputs at the left, the edit with its image at the right (1,100 px wide in all).
    const v = readableViewport({ x: 0, y: 0, width: 1100, height: 500 }, 584, 640, {
      x: 800,
      y: 0,
      width: 300,
      height: 500,
    });
    expect(v.zoom).toBe(READABLE_ZOOM);
    // The focus is whole on screen.
    expect(800 * v.zoom + v.x).toBeGreaterThanOrEqual(FIT_PADDING.left);
    expect(1100 * v.zoom + v.x).toBeLessThanOrEqual(584 - FIT_PADDING.right + 0.5);
  });
});

describe('readableViewport for someone who cannot edit (REVIEW-2 #19)', () => {
  it('fits the whole graph in view, start included, rather than panning over part of it', () => {
    const v = readableViewport(
      recipe,
      880,
      790,
      { x: 400, y: 0, width: 1900, height: 700 },
      FIT_PADDING,
      true,
    );
    expect(v.zoom).toBeLessThan(READABLE_ZOOM);
    expect(v.x).toBeGreaterThanOrEqual(FIT_PADDING.left - 0.5);
    expect(v.x + recipe.width * v.zoom).toBeLessThanOrEqual(880 - FIT_PADDING.right + 0.5);
  });
});
