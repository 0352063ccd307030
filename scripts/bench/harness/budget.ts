/** A figure's target: at most `max`, or at least `min`. */
export interface Budget {
  max?: number;
  min?: number;
}

/** "ok (max 130)", "OVER BUDGET (max 130)", or "" for a figure without a budget. */
export function verdict(value: number, budget: Budget | undefined): string {
  if (!budget || (budget.max === undefined && budget.min === undefined)) return '';
  if (!Number.isFinite(value)) return 'NOT MEASURED';
  const { max, min } = budget;
  if (max !== undefined && value > max) return `OVER BUDGET (max ${max})`;
  if (min !== undefined && value < min) return `UNDER BUDGET (min ${min})`;
  return max !== undefined ? `ok (max ${max})` : `ok (min ${min})`;
}
