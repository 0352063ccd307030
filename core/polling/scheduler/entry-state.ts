import { finishLikelihood, isWorthThePace } from '../pacing/finish-likelihood';
import { nextPollDelay } from '../pacing/next-poll-delay';
import type { HistoryOf } from '../history/duration-history';
import type { ActionWatch } from '../watch/watch-state';

/** Where one watched action stands before a check, as far as choosing its call goes. */
export type EntryState =
  /** No check has answered for it yet: due at once, ahead of every routine check (the analyst waits on it). */
  | { kind: 'never-read' }
  /** Checked, but no call has brought it back yet (a 500, a 429, a timeout): due once its backoff is over. */
  | { kind: 'read-failed'; dueAt: number }
  /**
   * Defender returned it before and it is still running (a later call may have failed). `dueAt` is the
   * latest it may wait (today's cadence, or its kind's history, or a failure's backoff); `eager`, whether it
   * is worth a check at the budget's pace before then; `likelihood`, its chance of finishing within the
   * next pace interval, which decides who gets the calls when there are not enough.
   */
  | { kind: 'found'; dueAt: number; checkedAt: number; eager: boolean; likelihood: number }
  /** The last list call (since then) did not return it: read it alone next, as that read has the 404 grace. */
  | { kind: 'missing-from-list'; since: number }
  /** Its own read found no such action, and the not-found grace is still running. */
  | { kind: 'not-found-grace'; dueAt: number }
  /** Final, a failure only the analyst can fix, the grace over, or no one watches it: no call. */
  | { kind: 'stopped' };

/** What the poller keeps of one action between checks. */
export interface WatchedEntry {
  /** Someone watches it now. An entry no one watches keeps what was learnt, should it be watched again. */
  watched: boolean;
  /** The latest check's result, made here or learnt from another tab; absent until a check answers. */
  last?: { watch: ActionWatch; checkedAt: number };
  /** When the last list call (all its pages) left it out; undefined once a later check answered for it. */
  missingFromListSince: number | undefined;
}

/** What the state of an entry is judged with, besides the entry. */
export interface StateContext {
  now: number;
  hidden: boolean;
  /** The pace between checks, the window a finish's likelihood is judged over. */
  paceMs: number;
  historyOf?: HistoryOf;
  /** False: no check before an action's latest time (the benchmarks' comparison with the pace before the planner). */
  eagerChecks?: boolean;
}

/**
 * The entry's state. Its latest time to be checked is judged as of the last check, as the page judges
 * it, so both agree; whether a check before then is worth it, as of now.
 */
export function entryState(entry: WatchedEntry, context: StateContext): EntryState {
  if (!entry.watched) return { kind: 'stopped' };
  if (entry.missingFromListSince !== undefined) return { kind: 'missing-from-list', since: entry.missingFromListSince };
  if (!entry.last) return { kind: 'never-read' };
  const { watch, checkedAt } = entry.last;
  const history = watch.action ? context.historyOf?.(watch.action) : undefined;
  const delay = nextPollDelay(watch, { now: checkedAt, hidden: context.hidden, history });
  if (delay === false) return { kind: 'stopped' };
  const dueAt = checkedAt + delay;
  // A found action stays "found" through a later 404: the list call tries it first, then its own read.
  if (watch.action) {
    // A failing read is retried at its backoff, never sooner: calls would not make the failure pass.
    const eager = context.eagerChecks !== false && watch.failure === undefined && isWorthThePace(watch.action, history, context.now, context.hidden);
    return { kind: 'found', dueAt, checkedAt, eager, likelihood: finishLikelihood(watch.action, history, context.now, context.paceMs) };
  }
  if (watch.failure?.problem.kind === 'not-found') return { kind: 'not-found-grace', dueAt };
  return { kind: 'read-failed', dueAt };
}

/**
 * When the state asks for a call at the latest, or undefined when it asks for none. An eager action may be
 * checked before then, at the budget's pace: `readyAt` says from when.
 */
export function dueAt(state: EntryState, now: number): number | undefined {
  switch (state.kind) {
    case 'never-read':
    case 'missing-from-list':
      return now;
    case 'read-failed':
    case 'found':
    case 'not-found-grace':
      return state.dueAt;
    case 'stopped':
      return undefined;
  }
}

/**
 * Never sooner than this after an action's last check, whatever the budget allows: a finish is seen within
 * about a second of it, and Defender's own pages refresh no faster.
 */
export const checkFloorMs = 2_000;

/** From when an eager action is worth a check at the budget's pace (the floor after its last check); undefined for any other. */
export function eagerFrom(state: EntryState): number | undefined {
  return state.kind === 'found' && state.eager ? state.checkedAt + checkFloorMs : undefined;
}

/** When a check of the action is worth making: its latest time, or for an eager one, the floor after its last check. */
export function readyAt(state: EntryState, now: number): number | undefined {
  const latest = dueAt(state, now);
  const eager = eagerFrom(state);
  return latest === undefined || eager === undefined ? latest : Math.min(latest, eager);
}
