// The polling benchmark's table: the app's figures beside the naive poller's, with a target on the app's.
import { verdict } from '../harness/budget.ts';
import type { PollingFigures } from './figures.ts';

export interface ComparisonLine {
  figure: string;
  app: number;
  naive: number;
  digits: number;
  /** A target on the app's figure. */
  max?: number;
  min?: number;
}

export const lineVerdict = (line: ComparisonLine) => verdict(line.app, line);

export function comparisonLines(app: PollingFigures, naive: PollingFigures): ComparisonLine[] {
  const fewerTimes = app.calls > 0 ? naive.calls / app.calls : Number.POSITIVE_INFINITY;
  return [
    { figure: 'Defender calls in the hour', app: app.calls, naive: naive.calls, digits: 0, max: 1_200 },
    { figure: '  of which answered 429', app: app.throttled, naive: naive.throttled, digits: 0 },
    { figure: 'Most calls in any minute', app: app.maxCallsInAMinute, naive: naive.maxCallsInAMinute, digits: 0, max: 80 },
    { figure: 'Calls per finished action', app: app.callsPerFinishedAction, naive: naive.callsPerFinishedAction, digits: 1 },
    { figure: 'Finishes seen (of 20)', app: app.finishedSeen, naive: naive.finishedSeen, digits: 0, min: 20 },
    { figure: 'Finish → shown, median (s)', app: app.delayMedianS, naive: naive.delayMedianS, digits: 1 },
    { figure: 'Finish → shown, 95th pct (s)', app: app.delayP95S, naive: naive.delayP95S, digits: 1 },
    { figure: '  median, finished within 2 min (s)', app: app.earlyDelayMedianS, naive: naive.earlyDelayMedianS, digits: 1, max: 5 },
    // Printed, no longer a target: latency comes before saving calls the share already allows (the planner).
    { figure: 'Naive calls ÷ app calls', app: fewerTimes, naive: Number.NaN, digits: 1 },
  ];
}

export function comparisonTable(lines: readonly ComparisonLine[]): string[] {
  const show = (value: number, digits: number) => (Number.isNaN(value) ? '—' : value.toFixed(digits)).padStart(9);
  return [
    '',
    'Watch board vs. naive poller: 20 actions, 3 tabs, 1 simulated hour (this machine, this run)',
    '',
    `${'figure'.padEnd(38)} ${'app'.padStart(9)} ${'naive'.padStart(9)}  target`,
    ...lines.map((line) => `${line.figure.padEnd(38)} ${show(line.app, line.digits)} ${show(line.naive, line.digits)}  ${lineVerdict(line)}`),
    '',
    'The naive poller: every tab reads every action by itself every 5 s until it sees it final, ignoring 429s.',
    'Delays for the naive poller are to the first tab that saw the action; for the app, to the last tab whose board showed it.',
  ];
}
