import { roundUsd } from './pricing';
import type { CostBudget } from './types';

/**
 * A CostBudget with a cap in USD: `spent` (settled actual costs) plus `reserved` (estimates of
 * calls in flight) never goes past `maxCost` through a reservation. `refused` records the
 * first estimate it could not cover, so a caller can say how much more would let it go on.
 */
export class SpendingCap implements CostBudget {
  spent: number;
  reserved = 0;
  /** Highest spent + reserved seen: what the cap is tested against. */
  peak: number;
  refused = false;
  /** What a refused node's error says (CostBudget.refusal); default: raise the cap. */
  refusal?: (usd: number) => string;

  constructor(
    public maxCost: number | undefined,
    spent = 0,
  ) {
    this.spent = spent;
    this.peak = spent;
  }

  reserve(usd: number): boolean {
    if (this.maxCost !== undefined && roundUsd(this.spent + this.reserved + usd) > this.maxCost) {
      this.refused = true;
      return false;
    }
    this.reserved = roundUsd(this.reserved + usd);
    this.peak = Math.max(this.peak, roundUsd(this.spent + this.reserved));
    return true;
  }

  settle(reserved: number, actual: number): void {
    this.reserved = roundUsd(Math.max(0, this.reserved - reserved));
    this.spent = roundUsd(this.spent + actual);
    this.peak = Math.max(this.peak, roundUsd(this.spent + this.reserved));
  }
}
