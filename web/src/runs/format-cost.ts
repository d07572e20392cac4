/** Dollars as the run bar, cards and history show them: small amounts keep four decimals. */
export const formatCost = (usd: number): string =>
  usd === 0 ? '$0' : usd < 0.01 ? `$${usd.toFixed(4)}` : `$${usd.toFixed(3)}`;
