import { describe, expect, it } from 'vitest';
import {
  BRUSH_MAX,
  BRUSH_MIN,
  clientToImage,
  countPainted,
  createMask,
  fillMask,
  invertMask,
  maskFromRgba,
  maskToRgba,
  paintSegment,
  renderOverlay,
  stepBrushSize,
  unionRect,
} from './mask-canvas';
import { MaskHistory } from './mask-history';

const at = (mask: ReturnType<typeof createMask>, x: number, y: number) =>
  mask.data[y * mask.width + x];

describe('paintSegment', () => {
  it('paints a disc of the given radius around a single point', () => {
    const mask = createMask(21, 21);
    paintSegment(mask, { x: 10.5, y: 10.5 }, { x: 10.5, y: 10.5 }, 3, 1);
    expect(at(mask, 10, 10)).toBe(1);
    expect(at(mask, 13, 10)).toBe(1);
    expect(at(mask, 14, 10)).toBe(0);
    expect(at(mask, 13, 13)).toBe(0); // corner of the bounding square is outside the disc
    // A disc of radius 3 on pixel centres covers 29 pixels.
    expect(countPainted(mask)).toBe(29);
  });

  it('joins distant pointer samples into one continuous stroke', () => {
    const mask = createMask(100, 20);
    paintSegment(mask, { x: 5, y: 10 }, { x: 95, y: 10 }, 2, 1);
    for (let x = 5; x < 95; x++) expect(at(mask, x, 10)).toBe(1);
    expect(at(mask, 50, 5)).toBe(0);
  });

  it('covers the pixel under the pointer even with the thinnest brush', () => {
    const mask = createMask(4, 4);
    paintSegment(mask, { x: 2.1, y: 1.9 }, { x: 2.1, y: 1.9 }, 0.1, 1);
    expect(at(mask, 2, 1)).toBe(1);
  });

  it('erases with value 0 and reports the touched rectangle clipped to the image', () => {
    const mask = createMask(10, 10);
    fillMask(mask, 1);
    const rect = paintSegment(mask, { x: 0, y: 0 }, { x: 0, y: 0 }, 3, 0);
    expect(rect).toEqual({ x: 0, y: 0, w: 4, h: 4 });
    expect(at(mask, 0, 0)).toBe(0);
    expect(at(mask, 9, 9)).toBe(1);
  });

  it('ignores strokes entirely outside the image', () => {
    const mask = createMask(10, 10);
    expect(paintSegment(mask, { x: -50, y: -50 }, { x: -40, y: -50 }, 2, 1)).toBeNull();
    expect(countPainted(mask)).toBe(0);
  });
});

describe('mask PNG pixels', () => {
  it('makes painted pixels fully transparent and the rest opaque, nothing in between', () => {
    const mask = createMask(3, 1);
    mask.data[1] = 1;
    const rgba = maskToRgba(mask);
    expect(Array.from(rgba)).toEqual([0, 0, 0, 255, 0, 0, 0, 0, 0, 0, 0, 255]);
  });

  it('round-trips through RGBA, reading alpha below half as painted', () => {
    const mask = createMask(4, 3);
    paintSegment(mask, { x: 1, y: 1 }, { x: 3, y: 2 }, 1, 1);
    expect(maskFromRgba(maskToRgba(mask), 4, 3).data).toEqual(mask.data);
    const soft = new Uint8ClampedArray([0, 0, 0, 127, 0, 0, 0, 128]);
    expect(Array.from(maskFromRgba(soft, 2, 1).data)).toEqual([1, 0]);
  });

  it('rejects pixels of the wrong size with both sizes in the message', () => {
    expect(() => maskFromRgba(new Uint8ClampedArray(8), 3, 3)).toThrow(/3×3.*2 pixels/);
  });

  it('rejects a mask without a positive size', () => {
    expect(() => createMask(0, 5)).toThrow(/positive integer size/);
  });
});

describe('whole-mask operations', () => {
  it('inverts painted and kept pixels', () => {
    const mask = createMask(2, 2);
    mask.data[0] = 1;
    invertMask(mask);
    expect(Array.from(mask.data)).toEqual([0, 1, 1, 1]);
  });

  it('renders the overlay only inside the dirty rectangle', () => {
    const mask = createMask(2, 1);
    fillMask(mask, 1);
    const target = new Uint8ClampedArray(8);
    renderOverlay(mask, target, [1, 2, 3], { x: 1, y: 0, w: 1, h: 1 });
    expect(Array.from(target)).toEqual([0, 0, 0, 0, 1, 2, 3, 255]);
  });

  it('unions dirty rectangles', () => {
    expect(unionRect({ x: 1, y: 1, w: 2, h: 2 }, { x: 5, y: 0, w: 1, h: 1 })).toEqual({
      x: 1,
      y: 0,
      w: 5,
      h: 3,
    });
    expect(unionRect(null, { x: 0, y: 0, w: 1, h: 1 })).toEqual({ x: 0, y: 0, w: 1, h: 1 });
  });
});

describe('pointer mapping and brush size', () => {
  it('maps screen positions on a scaled canvas to natural image pixels', () => {
    const box = { left: 100, top: 50, width: 256, height: 128 };
    expect(clientToImage(228, 114, box, 1024, 512)).toEqual({ x: 512, y: 256 });
  });

  it('steps the brush size by at least one pixel and within bounds', () => {
    expect(stepBrushSize(1, 1)).toBe(2);
    expect(stepBrushSize(100, 1)).toBe(120);
    expect(stepBrushSize(100, -1)).toBe(83);
    expect(stepBrushSize(BRUSH_MIN, -1)).toBe(BRUSH_MIN);
    expect(stepBrushSize(BRUSH_MAX, 1)).toBe(BRUSH_MAX);
  });
});

describe('MaskHistory', () => {
  it('undoes and redoes whole-mask snapshots', () => {
    const history = new MaskHistory();
    const mask = createMask(2, 1);
    history.record(mask);
    mask.data[0] = 1;
    const undone = history.undo(mask);
    expect(Array.from(undone?.data ?? [])).toEqual([0, 0]);
    const redone = history.redo(undone ?? mask);
    expect(Array.from(redone?.data ?? [])).toEqual([1, 0]);
    expect(history.canRedo).toBe(false);
  });

  it('forgets the oldest steps beyond its limit', () => {
    const history = new MaskHistory(2);
    const mask = createMask(1, 1);
    for (let k = 0; k < 3; k++) history.record(mask);
    expect(history.undo(mask)).toBeDefined();
    expect(history.undo(mask)).toBeDefined();
    expect(history.undo(mask)).toBeUndefined();
  });
});
