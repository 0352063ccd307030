import { isFinalStatus } from '../../defender/action-status';
import type { DurationHistory } from '../history/duration-history';
import { historyInterval } from './history-pace';
import { cadence, runningInterval } from './watch-cadence';
import type { ActionWatch, FailureStreak } from '../watch/watch-state';

export const pollTimings = {
  /** A new action can 404 for a few seconds before Defender lists it: re-check that long before giving up. */
  notFoundGraceMs: 20_000,
  notFoundRecheckMs: 3_000,
  /** Failed checks back off from this delay, doubling up to the cap. */
  backoffBaseMs: 5_000,
  backoffMaxMs: 120_000,
  /** A 429 without a readable Retry-After: retrying sooner keeps the app throttled longer. */
  throttledBaseMs: 30_000,
  /**
   * A cross-origin call the browser refuses: only the deployment can change that, so a check now and then
   * (one call, the verdict being remembered: cross-origin-probe.ts) notices the fix without spending the quota.
   */
  crossOriginRecheckMs: 5 * 60_000,
} as const;

export interface PollContext {
  now: number;
  hidden: boolean;
  /** How long the action's kind takes in this tenant, when there is enough history to go by. */
  history?: DurationHistory;
}

/** Exponential backoff with "equal jitter": half the delay fixed, half random, so that tabs spread out. */
function backoff(base: number, failures: number, jitter: number): number {
  const delay = Math.min(base * 2 ** Math.max(failures - 1, 0), pollTimings.backoffMaxMs);
  return Math.round(delay / 2 + (delay / 2) * jitter);
}

function delayAfterFailure(watch: ActionWatch, failure: FailureStreak, context: PollContext): number | false {
  const { problem } = failure;
  switch (problem.kind) {
    case 'sign-in-required':
    case 'forbidden':
    case 'bad-request':
      return false; // only the analyst can fix these; the page offers the way
    case 'not-found':
      // Judged at the last check, not at the time of asking: the page and the poller must agree.
      return failure.lastAt - failure.since < pollTimings.notFoundGraceMs ? pollTimings.notFoundRecheckMs : false;
    case 'throttled':
      if (problem.retryAfterMs !== undefined) {
        // Honour Retry-After to the second, plus a little jitter so that tabs do not all return at once.
        return Math.max(problem.retryAfterMs, 1_000) + Math.round(1_000 * watch.jitter);
      }
      return backoff(pollTimings.throttledBaseMs, failure.count, watch.jitter);
    case 'cross-origin':
      if (watch.action && isFinalStatus(watch.action.status)) return false;
      // No jitter: a board's actions, refused together, come due together, for one list call.
      return Math.max(pollTimings.crossOriginRecheckMs, context.hidden ? cadence.hiddenMs : 0);
    case 'server':
    case 'network':
    case 'timeout':
    case 'malformed':
      if (watch.action && isFinalStatus(watch.action.status)) return false; // nothing left to learn
      return Math.max(backoff(pollTimings.backoffBaseMs, failure.count, watch.jitter), context.hidden ? cadence.hiddenMs : 0);
  }
}

/**
 * When to check an action next, in milliseconds after the last check, or false to stop. A pure function
 * of what the last checks found: polling stops at a final status and at failures only the analyst can fix,
 * and a running action is checked at the pace its kind's history calls for (history-pace), or without
 * enough history, at the pace its age calls for (watch-cadence).
 * Asked again with the same watch, it gives the same answer (TanStack re-arms its timer on any change).
 */
export function nextPollDelay(watch: ActionWatch | undefined, context: PollContext): number | false {
  if (watch?.failure) return delayAfterFailure(watch, watch.failure, context);
  if (watch?.action && isFinalStatus(watch.action.status)) return false;
  if (watch?.action && context.history) {
    const interval = historyInterval(watch.action, context.history, context.now);
    return context.hidden ? Math.max(interval, cadence.hiddenMs) : interval;
  }
  return runningInterval(watch?.action, context.now, context.hidden);
}

