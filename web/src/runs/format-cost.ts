/**
 * Dollars as the run bar, cards and history show them: small amounts keep four decimals; an
 * estimate (the API did not report what it billed) is marked ≈.
 */
export const formatCost = (usd: number, estimated = false): string =>
  `${estimated && usd > 0 ? '≈' : ''}${usd === 0 ? '$0' : usd < 0.01 ? `$${usd.toFixed(4)}` : `$${usd.toFixed(3)}`}`;

/** What hovering an estimated cost explains. */
export const ESTIMATE_NOTE =
  '≈ an estimate: the API did not report the exact tokens it billed (tool_usage), so the cost comes from the model catalogue';
