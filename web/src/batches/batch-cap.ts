import type { BatchRecord } from '../api/batch-api';
import { formatCost } from '../runs/format-cost';

/** Dollars rounded up to the cent: a cap set to it surely covers `usd`. */
export const centsUp = (usd: number): number => Math.ceil(usd * 100 - 1e-9) / 100;

/**
 * Before Start: the sentence that says a cap lets no row run (rows start in order, each once
 * its estimate fits the cap, so one below the first row's estimate stops before any), naming
 * the amount needed; undefined when the cap covers the first row or there is no cap.
 */
export const capTooLow = (cap: number | undefined, firstRowCost: number | undefined) => {
  if (cap === undefined || firstRowCost === undefined || cap >= firstRowCost) return undefined;
  return `The cap of ${formatCost(cap)} does not cover even one row: the first row is estimated at ${formatCost(firstRowCost)}, so no row would run. Set the cap to at least ${formatCost(centsUp(firstRowCost))}.`;
};

/**
 * Resume of a batch stopped at its cap with the cap unchanged would stop again at once: what
 * to change instead (raise the cap by at least what the server says is `needed`). Undefined
 * when a resume can go on (not at the cap, or nothing more is needed).
 */
export const resumeAdvice = (
  batch: Pick<BatchRecord, 'status' | 'maxCost' | 'needed'>,
): { message: string; suggested: number } | undefined => {
  if (batch.status !== 'budget_reached' || batch.maxCost === null) return undefined;
  const needed = batch.needed ?? 0;
  if (needed <= 0) return undefined;
  const suggested = centsUp(batch.maxCost + needed);
  return {
    suggested,
    message: `Resuming with the same cap of ${formatCost(batch.maxCost)} stops again before the next row: the rows left need about ${formatCost(needed)} more. Raise the cap by at least ${formatCost(needed)} (to ${formatCost(suggested)} or more) here, then “Raise the cap and go on”.`,
  };
};
