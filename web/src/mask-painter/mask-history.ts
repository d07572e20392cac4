import type { MaskBitmap } from './mask-canvas';
import { copyMask } from './mask-canvas';

/**
 * Undo/redo inside the painter, one entry per stroke, clear or invert. Snapshots are whole
 * bitmaps (one byte per pixel), bounded by `limit`, which keeps the logic trivial and the
 * memory predictable (a 1536×1024 image costs 1.5 MB per step).
 */
export class MaskHistory {
  private past: MaskBitmap[] = [];
  private future: MaskBitmap[] = [];

  constructor(private readonly limit = 30) {}

  /** Call before changing the mask, with its state before the change. */
  record(before: MaskBitmap): void {
    this.past.push(copyMask(before));
    if (this.past.length > this.limit) this.past.shift();
    this.future = [];
  }

  /** The state to restore, or undefined when there is nothing to undo. */
  undo(current: MaskBitmap): MaskBitmap | undefined {
    const previous = this.past.pop();
    if (previous) this.future.push(copyMask(current));
    return previous;
  }

  redo(current: MaskBitmap): MaskBitmap | undefined {
    const next = this.future.pop();
    if (next) this.past.push(copyMask(current));
    return next;
  }

  get canUndo(): boolean {
    return this.past.length > 0;
  }

  get canRedo(): boolean {
    return this.future.length > 0;
  }
}
