import { roundUsd, SpendingCap } from '@atelier/engine';

const usd = (n: number): string => `$${n.toFixed(2)}`;

/**
 * The cap of a run link's runs: what is left of the link's `maxCost`. Whoever runs through the
 * link cannot raise it, so a call it cannot cover says the link's budget is used up or too
 * small and to ask the link's owner (the node still fails with `budget_reached`).
 */
export const linkBudget = (maxCost: number, spent: number): SpendingCap => {
  const cap = new SpendingCap(maxCost, spent);
  cap.refusal = (estimate) => {
    const left = roundUsd(Math.max(0, maxCost - cap.spent - cap.reserved));
    return left < 0.005
      ? `This link's budget is used up (${usd(maxCost)}). Ask the person who shared it to raise its budget or send a new link.`
      : `This link's budget is too small for this step: it needs about ${usd(estimate)} and ${usd(left)} of ${usd(maxCost)} is left. Ask the person who shared it to raise its budget.`;
  };
  return cap;
};
