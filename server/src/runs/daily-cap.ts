import type { CostBudget } from '@atelier/engine';
import { roundUsd, SpendingCap } from '@atelier/engine';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The server-wide daily cap (ATELIER_DAILY_MAX_COST): every API call of every run and batch
 * row of this process reserves from it, as from a batch's cap. At the first call of each UTC
 * day it starts from what the database says was spent that day (runs that ended, including
 * those of a CLI on the same file); within the day it counts in memory, so calls in flight
 * together can never pass it.
 */
export class DailyCap implements CostBudget {
  private day = -1;
  private cap = new SpendingCap(0);

  constructor(
    readonly maxCost: number,
    private readonly spentSince: (dayStartMs: number) => number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Spent and reserved today (USD). */
  get spentToday(): number {
    this.roll();
    return roundUsd(this.cap.spent + this.cap.reserved);
  }

  reserve(usd: number): boolean {
    this.roll();
    return this.cap.reserve(usd);
  }

  settle(reserved: number, actual: number): void {
    this.cap.settle(reserved, actual);
  }

  refusal(usd: number): string {
    return (
      `The server's daily budget ($${this.maxCost}, ATELIER_DAILY_MAX_COST) cannot cover this ` +
      `call (about $${usd}; $${this.spentToday} spent today). It starts again at 00:00 UTC, ` +
      `or an admin can raise it.`
    );
  }

  private roll(): void {
    const day = Math.floor(this.now() / DAY_MS);
    if (day === this.day) return;
    // Reservations of calls still in flight carry over; they settle against the new day.
    const reserved = this.day === -1 ? 0 : this.cap.reserved;
    this.day = day;
    this.cap = new SpendingCap(this.maxCost, this.spentSince(day * DAY_MS));
    if (reserved > 0) this.cap.reserve(reserved);
  }
}
