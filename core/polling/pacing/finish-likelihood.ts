import type { MachineAction } from '../../defender/machine-action';
import type { DurationHistory } from '../history/duration-history';
import { isPendingLongerThanUsual } from './pending-hint';
import { runningInterval } from './watch-cadence';

/** The first index in `sorted` (ascending) whose value is above `value`. */
function firstAbove(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle] <= value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** How long the action has run, from its creation (as the history's durations count); unknown or ahead of this clock is a start. */
export function runningForMs(action: MachineAction, now: number): number {
  const created = action.createdAt?.getTime();
  return created === undefined || !Number.isFinite(created) ? 0 : Math.max(0, now - created);
}

/**
 * Without history, today's age-based cadence read as a likelihood: an action it checks every 5 s (new, or
 * just moved) is taken to finish within a `windowMs` with a chance of windowMs / 5 s, one it checks every
 * minute (long Pending: its device is probably offline) with windowMs / 60 s.
 */
export function ageLikelihood(action: MachineAction, now: number, windowMs: number): number {
  return Math.min(1, Math.max(0, windowMs) / runningInterval(action, now, false));
}

/**
 * The chance that a running action finishes within the next `windowMs`, given that it has not finished
 * yet: of its kind's past durations longer than its running time, the share that ended within the window.
 * The age-based likelihood counts as one more past action, so that an action outside everything its kind
 * did (a full scan done in 35 s, a straggler past the longest seen) is unlikely, never impossible.
 */
export function finishLikelihood(action: MachineAction, history: DurationHistory | undefined, now: number, windowMs: number): number {
  const prior = ageLikelihood(action, now, windowMs);
  if (!history) return prior;
  const running = runningForMs(action, now);
  const durations = history.durationsMs;
  const survivors = durations.length - firstAbove(durations, running);
  const finishing = firstAbove(durations, running + Math.max(0, windowMs)) - firstAbove(durations, running);
  return (finishing + prior) / (survivors + 1);
}

/**
 * Whether a running action is worth a check at the budget's pace: yes, unless nobody is looking (a hidden
 * tab) or it has sat Pending longer than nearly all of its kind (its device is probably offline, and
 * Defender may retry for days). Those keep today's minute: a board of them costs what it did.
 */
export function isWorthThePace(action: MachineAction, history: DurationHistory | undefined, now: number, hidden: boolean): boolean {
  return !hidden && !isPendingLongerThanUsual(action, now, history);
}
