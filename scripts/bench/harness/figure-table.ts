import type { Figure } from './benchmark.ts';
import { verdict } from './budget.ts';

export const figureVerdict = (figure: Figure) => verdict(figure.value, figure.budget);

/** The budget table: each figure beside its budget, "OVER BUDGET" where a change broke one. */
export function figureTable(figures: readonly Figure[]): string[] {
  const digits = (figure: Figure) => (figure.unit === 'KiB' || figure.unit === 'MB' || figure.unit === 's' ? 1 : 0);
  const width = Math.max(36, ...figures.map((figure) => figure.figure.length));
  return [
    '',
    'Machine action watch: benchmark (this machine, this run)',
    '',
    `${'figure'.padEnd(width)} ${'value'.padStart(10)}  unit   budget`,
    ...figures.map((figure) => `${figure.figure.padEnd(width)} ${figure.value.toFixed(digits(figure)).padStart(10)}  ${figure.unit.padEnd(6)} ${figureVerdict(figure)}`),
  ];
}
