import type { MachineAction } from '../../defender/machine-action';
import { quantile } from '../../lib/quantile';
import type { DurationHistory } from '../history/duration-history';
import { isPendingLongerThanUsual } from './pending-hint';
import { cadence } from './watch-cadence';

/**
 * Twenty equal-probability steps: between one check and the next, one more in twenty of this kind of
 * action finishes. Where durations crowd (around the typical finish) the steps are short and the checks
 * close; towards the long tail they are far apart, so a slow action costs few calls.
 */
export const paceSteps = 20;

/**
 * Past the last step (19 in 20 of its kind have finished by then) the durations seen are too few to step
 * by: the action is checked in proportion to how long it has run, a tenth of it, from every 10 s up to the
 * ceiling. An isolation at 4 minutes is shown within about 24 s of finishing, a full scan at an hour within
 * the minute.
 */
export const paceTail = { share: 0.1, minMs: 10_000 } as const;

/** The running times at which to check: the 5th, 10th, …, 95th percentiles of the durations. */
export function checkpointsMs(history: DurationHistory): number[] {
  const levels = Array.from({ length: paceSteps - 1 }, (_, index) => (index + 1) / paceSteps);
  return [...new Set(levels.map((level) => quantile(history.durationsMs, level)))];
}

/**
 * Milliseconds until the next check of an action that has run for `runningForMs`: to the next step of its
 * kind's durations, or past the last one, a tenth of its running time (paceTail). Never sooner than the
 * floor (steps closer than that are checked once) nor later than the ceiling; where the two cross, the
 * floor wins, as the rate budget would. A running time below zero (a creation date ahead of this clock) or
 * unknown counts as a start. The rate budget and a 429's pause still come on top: this only says when a
 * check is worth it.
 */
export function nextCheckFromHistory(history: DurationHistory, runningForMs: number, floorMs: number, ceilingMs: number): number {
  const floor = Math.max(floorMs, 0);
  const ceiling = Math.max(ceilingMs, floor);
  const running = Number.isFinite(runningForMs) ? Math.max(runningForMs, 0) : 0;
  const next = checkpointsMs(history).find((checkpoint) => checkpoint > running);
  const delay = next === undefined ? Math.max(paceTail.minMs, running * paceTail.share) : next - running;
  return Math.min(Math.max(Math.ceil(delay), floor), ceiling);
}

/**
 * Bounds on the history's pace. The floor keeps a crowd of likely finishes from costing a call a second (and
 * a check set off by one action refreshes every other on the board in the same list call). The ceiling is
 * today's slowest pace: an action in its long tail is still seen within a minute of finishing.
 */
export const paceBounds = { floorMs: 2_000, ceilingMs: cadence.longPendingMs } as const;

/**
 * When to check a running action next, from its kind's history: at the next equal-probability step of its
 * running time, or the long-pending pace once it has waited on its device longer than nearly all of its
 * kind. Its running time counts from its creation, as the history's durations do.
 */
export function historyInterval(action: MachineAction, history: DurationHistory, now: number): number {
  if (isPendingLongerThanUsual(action, now, history)) return cadence.longPendingMs;
  const runningForMs = action.createdAt === null ? 0 : now - action.createdAt.getTime();
  return nextCheckFromHistory(history, runningForMs, paceBounds.floorMs, paceBounds.ceilingMs);
}
