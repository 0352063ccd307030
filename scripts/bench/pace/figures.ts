// The pace benchmark's figures for one set of runs, the limit beside them, and the table that sets the
// three paces side by side.
import { limitFigures, type LimitFigures } from '../harness/limit.ts';
import { median, percentile } from '../harness/statistics.ts';
import { maxInAnyMinute } from '../polling/figures.ts';
import { paces, type Pace, type PaceRun } from './pace-run.ts';

export interface PaceFigures {
  /** Calls an hour (the mean over the runs, scaled to an hour for a shorter run). */
  calls: number;
  historyReads: number;
  maxCallsInAMinute: number;
  finished: number;
  finishedSeen: number;
  callsPerFinishedAction: number;
  delayMedianS: number;
  delayP95S: number;
  /** Each finish: its kind and end, how long it ran and how long until the poller had it (s; null: not within the run). */
  perAction: { kind: string; status: string; ranS: number; shownAfterS: number | null }[];
}

/** Several runs' figures together: calls per hour on average, the busiest minute of any, every finish's delay. */
export function paceFigures(runs: readonly PaceRun[]): PaceFigures {
  const finishes = runs.flatMap((run) => run.finishes);
  const seen = finishes.filter((finish) => finish.shownAt !== undefined);
  const delaysS = seen.map((finish) => Math.max(0, (finish.shownAt as number) - finish.finishedAt) / 1000);
  const calls = runs.reduce((sum, run) => sum + run.callTimes.length, 0);
  const hours = runs.reduce((sum, run) => sum + run.durationMs / 3_600_000, 0);
  return {
    calls: calls / hours,
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

/** The limit for these runs' finishes (harness/limit.ts). */
export function paceLimit(runs: readonly PaceRun[]): LimitFigures {
  return limitFigures(runs.map((run) => ({ finishedAts: run.finishes.map((finish) => finish.finishedAt), spans: run.spans })));
}

const show = (value: number, digits: number, width = 14) => (Number.isFinite(value) ? value.toFixed(digits) : '—').padStart(width);

/** The three paces and the limit, one column each. */
export function paceTable(figures: Record<Pace, PaceFigures>, limit: LimitFigures, title: string): string[] {
  const lines: [string, Exclude<keyof PaceFigures, 'perAction'>, number][] = [
    ['Defender calls an hour (mean)', 'calls', 0],
    ['  of which history reads', 'historyReads', 0],
    ['Most calls in any minute', 'maxCallsInAMinute', 0],
    ['Finished within the run', 'finished', 0],
    ['  seen final within it', 'finishedSeen', 0],
    ['Calls per finished action', 'callsPerFinishedAction', 1],
    ['Finish → shown, median (s)', 'delayMedianS', 1],
    ['Finish → shown, 95th pct (s)', 'delayP95S', 1],
  ];
  const limitOf = (key: string) => (key === 'delayMedianS' ? show(limit.delayMedianS, 1) : key === 'delayP95S' ? show(limit.delayP95S, 1) : show(Number.NaN, 0));
  return [
    '',
    title,
    '',
    `${'figure'.padEnd(32)}${paces.map((pace) => pace.padStart(14)).join('')}${'limit'.padStart(14)}`,
    ...lines.map(([label, key, digits]) => `${label.padEnd(32)}${paces.map((pace) => show(figures[pace][key], digits)).join('')}${limitOf(key)}`),
  ];
}

/** The targets for an analyst's hours: finishes shown fast, and the calls inside the share. */
export function hoursVerdict(planner: PaceFigures): string {
  const met = planner.delayMedianS <= 1.6 && planner.delayP95S <= 3.5 && planner.calls <= 1_200 && planner.maxCallsInAMinute <= 80;
  const figures = `median ${planner.delayMedianS.toFixed(1)} s (≤ 1.6), 95th percentile ${planner.delayP95S.toFixed(1)} s (≤ 3.5), ${Math.round(planner.calls)} calls an hour (≤ 1,200), ${planner.maxCallsInAMinute} in the busiest minute (≤ 80)`;
  return `${met ? 'met' : 'NOT MET'}: ${figures}`;
}
