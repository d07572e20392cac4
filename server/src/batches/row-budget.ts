import type { CostBudget, SpendingCap } from '@atelier/engine';
import { roundUsd } from '@atelier/engine';

/**
 * One batch row's share of its batch's cap. The row was admitted by reserving its preflight
 * estimate on the cap (`held`); its run's nodes reserve inside that hold and take more from
 * the cap only past it. A node's actual cost moves from the hold to the cap's spent, keeping
 * the rest for the row's later nodes; `close` gives back what is left when the run ends, so
 * the next row is admitted against settled costs, not estimates.
 */
export class RowBudget implements CostBudget {
  /** What this row holds of `cap.reserved`. */
  private held: number;
  /** The part of `held` its nodes in flight have reserved. */
  private inUse = 0;

  constructor(
    private readonly cap: SpendingCap,
    estimate: number,
  ) {
    this.held = roundUsd(estimate);
  }

  reserve(usd: number): boolean {
    const free = roundUsd(this.held - this.inUse);
    if (usd > free) {
      const more = roundUsd(usd - free);
      if (!this.cap.reserve(more)) return false;
      this.held = roundUsd(this.held + more);
    }
    this.inUse = roundUsd(this.inUse + usd);
    return true;
  }

  settle(reserved: number, actual: number): void {
    this.inUse = roundUsd(Math.max(0, this.inUse - reserved));
    const keep = roundUsd(Math.max(this.inUse, this.held - actual, 0));
    this.cap.settle(roundUsd(this.held - keep), actual);
    this.held = keep;
  }

  /** The run ended: the rest of the hold goes back to the cap. Idempotent. */
  close(): void {
    this.cap.settle(this.held, 0);
    this.held = 0;
    this.inUse = 0;
  }
}
