// The figures the polling benchmark prints, worked out from what the simulator saw and the pages showed.
import { median, percentile } from '../harness/statistics.ts';
import type { PollingRun } from './runs.ts';
import { earlyFinishMs } from './scenario.ts';

export interface PollingFigures {
  calls: number;
  throttled: number;
  maxCallsInAMinute: number;
  callsPerFinishedAction: number;
  finishedSeen: number;
  delayMedianS: number;
  delayP95S: number;
  earlyDelayMedianS: number;
  /** Each action's finish (s after creation) and how long until it was shown (s; null: never). */
  perAction: { id: string; finishedAfterS: number; shownAfterS: number | null }[];
}

/** The most calls in any 60 s window (sliding, not calendar minutes). */
export function maxInAnyMinute(sortedTimes: number[]): number {
  let most = 0;
  for (let first = 0, last = 0; last < sortedTimes.length; last += 1) {
    while (sortedTimes[last] - sortedTimes[first] >= 60_000) first += 1;
    most = Math.max(most, last - first + 1);
  }
  return most;
}

export function pollingFigures(run: PollingRun): PollingFigures {
  const seen = run.finishes.filter((finish) => finish.shownAt !== undefined);
  const delaysS = (finishes: typeof seen) => finishes.map((finish) => Math.max(0, (finish.shownAt as number) - finish.finishedAt) / 1000);
  const early = seen.filter((finish) => finish.action.finishesAfterMs <= earlyFinishMs);
  return {
    calls: run.callTimes.length,
    throttled: run.throttled,
    maxCallsInAMinute: maxInAnyMinute(run.callTimes),
    callsPerFinishedAction: seen.length > 0 ? run.callTimes.length / seen.length : Number.POSITIVE_INFINITY,
    finishedSeen: seen.length,
    delayMedianS: seen.length > 0 ? median(delaysS(seen)) : Number.NaN,
    delayP95S: seen.length > 0 ? percentile(delaysS(seen), 95) : Number.NaN,
    earlyDelayMedianS: early.length > 0 ? median(delaysS(early)) : Number.NaN,
    perAction: run.finishes.map((finish) => ({
      id: finish.action.id,
      finishedAfterS: finish.action.finishesAfterMs / 1000,
      shownAfterS: finish.shownAt === undefined ? null : (finish.shownAt - finish.finishedAt) / 1000,
    })),
  };
}
