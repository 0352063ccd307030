// The team benchmark's figures per run, its table and the issue's targets.
import { verdict } from '../harness/budget.ts';
import { limitFigures } from '../harness/limit.ts';
import { median, percentile } from '../harness/statistics.ts';
import { maxInAnyMinute } from '../polling/figures.ts';
import type { TeamRun } from './team-run.ts';

export interface TeamFigures {
  label: string;
  analysts: number;
  actions: number;
  calls: number;
  busiestMinute: number;
  accessChecks: number;
  throttled: number;
  /** Watches of actions that finished within the hour, and how many of them were shown final within it. */
  finishedWatches: number;
  shown: number;
  shownMedianS: number;
  shownP95S: number;
  missedDeliveries: number;
  realSeconds: number;
  /** What checking every running action at the budget's full rate would show (harness/limit.ts). */
  limitMedianS: number;
  limitP95S: number;
}

function limitOf(run: TeamRun): Pick<TeamFigures, 'limitMedianS' | 'limitP95S'> {
  const limit = limitFigures([{ finishedAts: run.finishes.map((finish) => finish.finishedAt), spans: run.spans }]);
  return { limitMedianS: limit.delayMedianS, limitP95S: limit.delayP95S };
}

export function teamFigures(label: string, run: TeamRun): TeamFigures {
  const delaysS = run.finishes.flatMap((finish) => (finish.shownAt === undefined ? [] : [Math.max(0, finish.shownAt - finish.finishedAt) / 1000]));
  return {
    label,
    analysts: run.analysts,
    actions: run.actions,
    calls: run.callTimes.length,
    busiestMinute: maxInAnyMinute(run.callTimes),
    accessChecks: run.accessChecks,
    throttled: run.throttled,
    finishedWatches: run.finishes.length,
    shown: delaysS.length,
    shownMedianS: delaysS.length > 0 ? median(delaysS) : Number.NaN,
    shownP95S: delaysS.length > 0 ? percentile(delaysS, 95) : Number.NaN,
    missedDeliveries: run.missedDeliveries,
    realSeconds: run.realSeconds,
    ...limitOf(run),
  };
}

export interface SizeFigures {
  relay: TeamFigures;
  direct: TeamFigures;
  /** The same actions through the relay, watched by one analyst. */
  oneAnalyst: TeamFigures;
}

const seconds = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : '—');

export function teamTable(sizes: readonly SizeFigures[]): string[] {
  const columns = ['analysts', 'actions', 'how', 'calls/h', 'busiest min', 'access reads', '429s', 'shown/finished', 'median s', 'p95 s', 'limit: median', 'p95'];
  const widths = [8, 7, 30, 8, 11, 12, 5, 14, 8, 7, 13, 5];
  const row = (cells: string[]) => cells.map((cell, index) => (index === 2 ? cell.padEnd(widths[index]) : cell.padStart(widths[index]))).join(' ');
  const line = (figures: TeamFigures) =>
    row([
      String(figures.analysts),
      String(figures.actions),
      figures.label,
      String(figures.calls),
      String(figures.busiestMinute),
      figures.label.startsWith('direct') ? '—' : String(figures.accessChecks),
      String(figures.throttled),
      `${figures.shown}/${figures.finishedWatches}`,
      seconds(figures.shownMedianS),
      seconds(figures.shownP95S),
      seconds(figures.limitMedianS),
      seconds(figures.limitP95S),
    ]);
  return [
    '',
    'Team: one relay for the team vs every analyst polling directly on a split budget (one simulated hour each, this run)',
    '',
    row(columns),
    ...sizes.flatMap((size) => [line(size.relay), line(size.direct), ...(size.relay.analysts > 1 ? [line(size.oneAnalyst)] : [])]),
    '',
    'calls/h: Defender reads by the relay\'s poller (app token) or by the analysts\' own pollers, from the simulator\'s log;',
    'access reads: the relay\'s access checks (GET /api/machineactions/{id} with the analyst\'s own token, once per account and action),',
    'counted apart: they draw on the app\'s quota, the poller\'s calls on the relay\'s. shown/finished: watches of actions that',
    'finished within the hour, and how many of them the analyst\'s client received final within it; median and p95 of',
    'finish → shown over those. limit: what checking every running action at the budget\'s full rate would show.',
  ];
}

/** The issue's targets for the relay, with the measured figures beside them. */
export function teamVerdicts(sizes: readonly SizeFigures[]): { target: string; verdict: string }[] {
  const largest = sizes[sizes.length - 1];
  const ratio = largest.oneAnalyst.calls > 0 ? largest.relay.calls / largest.oneAnalyst.calls : Number.POSITIVE_INFINITY;
  const most = Math.max(...sizes.map((size) => size.relay.calls));
  const slowest = Math.max(...sizes.map((size) => (Number.isFinite(size.relay.shownMedianS) ? size.relay.shownMedianS : Number.POSITIVE_INFINITY)));
  const calls = (size: SizeFigures) => `${size.relay.analysts}: ${size.relay.calls}`;
  const ratios = sizes.map((size) => `${size.relay.analysts}: ${(size.oneAnalyst.calls > 0 ? size.relay.calls / size.oneAnalyst.calls : Number.NaN).toFixed(2)}×`).join(', ');
  return [
    {
      target: `calls at ${largest.relay.analysts} analysts within 1.2× of the same ${largest.relay.actions} actions watched by one analyst`,
      verdict: `${ratio.toFixed(2)}× (${largest.relay.calls} vs ${largest.oneAnalyst.calls}; every size ${ratios}) ${verdict(ratio, { max: 1.2 })}`,
    },
    { target: 'relay calls never over 1,200 an hour', verdict: `most ${most} (${sizes.map(calls).join(', ')}) ${verdict(most, { max: 1_200 })}` },
    {
      target: `finish → shown at ${largest.relay.analysts} analysts within 1.2× of one analyst watching the same actions`,
      verdict: (() => {
        const medianRatio = largest.relay.shownMedianS / largest.oneAnalyst.shownMedianS;
        const p95Ratio = largest.relay.shownP95S / largest.oneAnalyst.shownP95S;
        const worst = Math.max(medianRatio, p95Ratio);
        return `median ${seconds(largest.relay.shownMedianS)} s vs ${seconds(largest.oneAnalyst.shownMedianS)} s (${medianRatio.toFixed(2)}×), p95 ${seconds(largest.relay.shownP95S)} s vs ${seconds(largest.oneAnalyst.shownP95S)} s (${p95Ratio.toFixed(2)}×) ${verdict(worst, { max: 1.2 })}`;
      })(),
    },
    {
      target: 'finishes shown at a median of 5 s or less, every size',
      verdict: `slowest median ${seconds(slowest)} s (${sizes.map((size) => `${size.relay.analysts}: ${seconds(size.relay.shownMedianS)}`).join(', ')}) ${verdict(slowest, { max: 5 })}`,
    },
  ];
}
