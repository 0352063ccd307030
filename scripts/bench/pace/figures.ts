// The pace benchmark's figures for one run, and the table that sets the two paces side by side.
import { verdict } from '../harness/budget.ts';
import { median, percentile } from '../harness/statistics.ts';
import { maxInAnyMinute } from '../polling/figures.ts';
import type { PaceRun } from './pace-run.ts';

export interface PaceFigures {
  calls: number;
  historyReads: number;
  maxCallsInAMinute: number;
  finished: number;
  finishedSeen: number;
  callsPerFinishedAction: number;
  delayMedianS: number;
  delayP95S: number;
  /** Each finish: its kind and end, how long it ran and how long until the poller had it (s; null: not within the hour). */
  perAction: { kind: string; status: string; ranS: number; shownAfterS: number | null }[];
}

/** Several hours' figures together: calls per hour on average, the busiest minute of any, every finish's delay. */
export function paceFigures(runs: readonly PaceRun[]): PaceFigures {
  const finishes = runs.flatMap((run) => run.finishes);
  const seen = finishes.filter((finish) => finish.shownAt !== undefined);
  const delaysS = seen.map((finish) => Math.max(0, (finish.shownAt as number) - finish.finishedAt) / 1000);
  const calls = runs.reduce((sum, run) => sum + run.callTimes.length, 0);
  return {
    calls: calls / runs.length,
    historyReads: runs.reduce((sum, run) => sum + run.historyReads, 0) / runs.length,
    maxCallsInAMinute: Math.max(...runs.map((run) => maxInAnyMinute(run.callTimes))),
    finished: finishes.length,
    finishedSeen: seen.length,
    callsPerFinishedAction: seen.length > 0 ? calls / seen.length : Number.POSITIVE_INFINITY,
    delayMedianS: seen.length > 0 ? median(delaysS) : Number.NaN,
    delayP95S: seen.length > 0 ? percentile(delaysS, 95) : Number.NaN,
    perAction: finishes.map((finish) => ({
      kind: finish.kind,
      status: finish.status,
      ranS: (finish.finishedAt - finish.createdAt) / 1000,
      shownAfterS: finish.shownAt === undefined ? null : (finish.shownAt - finish.finishedAt) / 1000,
    })),
  };
}

/**
 * The target, either way: finishes shown at a median of at most 2.0 s with no more calls than the
 * age-based pace, or as soon as the age-based pace with at least 30 % fewer calls.
 */
export function paceVerdict(age: PaceFigures, history: PaceFigures): string {
  const sooner = history.delayMedianS <= 2.0 && history.calls <= age.calls;
  const cheaper = history.delayMedianS <= age.delayMedianS && history.calls <= 0.7 * age.calls;
  const saved = age.calls > 0 ? Math.round((1 - history.calls / age.calls) * 100) : 0;
  if (sooner && cheaper) return `met both ways: median ${history.delayMedianS.toFixed(1)} s (≤ 2.0) with ${saved} % fewer calls (≥ 30)`;
  if (sooner) return `met: median ${history.delayMedianS.toFixed(1)} s (≤ 2.0) with no more calls (${saved} % fewer)`;
  if (cheaper) return `met: as soon (median ${history.delayMedianS.toFixed(1)} s vs ${age.delayMedianS.toFixed(1)} s) with ${saved} % fewer calls (≥ 30)`;
  return `NOT MET: median ${history.delayMedianS.toFixed(1)} s vs ${age.delayMedianS.toFixed(1)} s, calls ${history.calls} vs ${age.calls}`;
}

export function paceTable(age: PaceFigures, history: PaceFigures, hour: string): string[] {
  const show = (value: number, digits: number) => (Number.isFinite(value) ? value.toFixed(digits) : '—').padStart(13);
  const lines: [string, Exclude<keyof PaceFigures, 'perAction'>, number][] = [
    ['Defender calls an hour (mean)', 'calls', 0],
    ['  of which history reads', 'historyReads', 0],
    ['Most calls in any minute', 'maxCallsInAMinute', 0],
    ['Finished within their hour', 'finished', 0],
    ['  seen final within it', 'finishedSeen', 0],
    ['Calls per finished action', 'callsPerFinishedAction', 1],
    ['Finish → shown, median (s)', 'delayMedianS', 1],
    ['Finish → shown, 95th pct (s)', 'delayP95S', 1],
  ];
  return [
    '',
    `Pace: age-based vs history-aware, the app's poller in ${hour}, durations drawn from the simulator's history (simulated, this run)`,
    '',
    `${'figure'.padEnd(32)} ${'age-based'.padStart(13)} ${'history-aware'.padStart(13)}`,
    ...lines.map(([label, key, digits]) => `${label.padEnd(32)} ${show(age[key], digits)} ${show(history[key], digits)}`),
    '',
    `Target: ${paceVerdict(age, history)}`,
    `Most calls in a minute within the app's share (80): ${verdict(history.maxCallsInAMinute, { max: 80 })}`,
  ];
}
