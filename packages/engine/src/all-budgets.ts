import type { CostBudget } from './types';

/**
 * Several caps at once (a batch's `maxCost` and the server's daily cap): a call is made only
 * when every one of them can reserve its estimate; when one refuses, the reservations already
 * made are given back, and the refusal is that cap's.
 */
export const allBudgets = (...budgets: (CostBudget | undefined)[]): CostBudget | undefined => {
  const caps = budgets.filter((b): b is CostBudget => b !== undefined);
  if (caps.length <= 1) return caps[0];
  let refusedBy: CostBudget | undefined;
  return {
    reserve(usd) {
      const taken: CostBudget[] = [];
      for (const cap of caps) {
        if (!cap.reserve(usd)) {
          for (const t of taken) t.settle(usd, 0);
          refusedBy = cap;
          return false;
        }
        taken.push(cap);
      }
      return true;
    },
    settle(reserved, actual) {
      for (const cap of caps) cap.settle(reserved, actual);
    },
    refusal(usd) {
      return (
        refusedBy?.refusal?.(usd) ??
        `The budget cannot cover this call (about $${usd}): raise the cap to continue.`
      );
    },
  };
};
