import { isFinalStatus } from '../../../core/defender/action-status';
import type { DefenderProblemKind } from '../../../core/defender/defender-problem';
import { pollTimings } from '../../../core/polling/pacing/next-poll-delay';
import type { FailureStreak } from '../../../core/polling/watch/watch-state';
import { statusTone } from '../../action-ui/status-tone';
import type { BoardRow } from './board-rows';
import { rowExpectation } from './row-expectation';
import { rowStatus, shownAction } from './row-status';

/** Where a row counts on the board: each row in exactly one. */
export type BoardCategory = 'running' | 'looking-up' | 'succeeded' | 'needs-attention' | 'unreadable';

/**
 * Where a row counts when the latest check failed and no status was ever read. Listed by a mapped type, so
 * that a new kind of problem fails the type check here until someone decides where it counts.
 */
const categoryOfProblem: Record<DefenderProblemKind, BoardCategory> = {
  // A 404 past its grace (within it the row is "not listed yet"): an unknown ID, or a device outside the
  // analyst's device groups. The API cannot tell the two apart; neither is running as far as the board knows.
  'not-found': 'unreadable',
  forbidden: 'unreadable',
  'bad-request': 'unreadable',
  // Only the deployment can fix it: re-checked now and then, but nothing will be read until then.
  'cross-origin': 'unreadable',
  // The analyst can fix it at once, by signing in again.
  'sign-in-required': 'needs-attention',
  // These mend themselves and the checks go on: nothing has been read yet, so it is still being looked up.
  throttled: 'looking-up',
  server: 'looking-up',
  network: 'looking-up',
  timeout: 'looking-up',
  malformed: 'looking-up',
};

/** A failure after which nothing more will be read: one the board counts as "can't be read", its grace over for a 404. */
function isPastReading(failure: FailureStreak): boolean {
  if (categoryOfProblem[failure.problem.kind] !== 'unreadable') return false;
  return failure.problem.kind !== 'not-found' || failure.lastAt - failure.since >= pollTimings.notFoundGraceMs;
}

function categoryOfStatus(status: string): BoardCategory {
  // An unknown status is watched as still running (isFinalStatus), so it counts as running too.
  if (!isFinalStatus(status)) return 'running';
  return statusTone(status) === 'attention' ? 'needs-attention' : 'succeeded';
}

/**
 * A row with a status read (even one a later check could not confirm) counts by that status, as its badge
 * shows it, unless it was running and can be read no more (then it is "can't be read", never running). A
 * row with none counts by its problem; before the first answer, and while a 404 is within the grace a new
 * action gets ("not listed yet"), it is being looked up: nothing says it runs.
 */
export function rowCategory(row: Pick<BoardRow, 'watch'>): BoardCategory {
  const status = rowStatus(row.watch);
  const action = shownAction(status);
  if (action) {
    const byStatus = categoryOfStatus(action.status);
    // Read running once, now past reading (a 404 past the grace, access withdrawn): the board no longer
    // knows it runs, and checking has stopped. A final status stays what it was.
    return byStatus === 'running' && row.watch?.failure && isPastReading(row.watch.failure) ? 'unreadable' : byStatus;
  }
  if (status.kind === 'problem' && row.watch?.failure) return categoryOfProblem[row.watch.failure.problem.kind];
  return 'looking-up';
}

/**
 * A running row read just now that has run longer than 9 in 10 of its kind here: the row's own "slower
 * than 9 in 10" flag, so that the count and the rows never disagree.
 */
export function isLate(row: Pick<BoardRow, 'watch' | 'history'>, now: number): boolean {
  return rowExpectation(rowStatus(row.watch), row.history, now)?.slower !== undefined;
}

export interface BoardCounts {
  /** Read running (a later check may have failed, and will be retried). */
  running: number;
  /** Of the running ones, those slower than 9 in 10 of their kind here. */
  late: number;
  /** Nothing read yet: before the first answer, or not listed yet (a new action's grace), or a check to retry. */
  lookingUp: number;
  succeeded: number;
  /** Failed, timed out and cancelled, and a session only the analyst can renew. */
  needsAttention: number;
  /** Nothing read and no more to learn by waiting: not found (or not the analyst's to see), access denied. */
  unreadable: number;
}

/** The one count of the board: its summary and the tab's title both say this. */
export function countForBoard(rows: readonly Pick<BoardRow, 'watch' | 'history'>[], now: number): BoardCounts {
  const counts: BoardCounts = { running: 0, late: 0, lookingUp: 0, succeeded: 0, needsAttention: 0, unreadable: 0 };
  for (const row of rows) {
    const category = rowCategory(row);
    if (category === 'running') {
      counts.running += 1;
      if (isLate(row, now)) counts.late += 1;
    } else if (category === 'looking-up') counts.lookingUp += 1;
    else if (category === 'succeeded') counts.succeeded += 1;
    else if (category === 'needs-attention') counts.needsAttention += 1;
    else counts.unreadable += 1;
  }
  return counts;
}

/** "1 needs attention", "2 need attention" */
export function needsAttentionWords(count: number): string {
  return `${count} ${count === 1 ? 'needs' : 'need'} attention`;
}

/** "1 can't be read" */
export function unreadableWords(count: number): string {
  return `${count} can't be read`;
}

/**
 * "3 running (1 late) · 2 being looked up · 1 succeeded · 1 needs attention · 2 can't be read": the three
 * usual counts always; late, being looked up and unreadable only when there are some, as they pass or are
 * the exceptions.
 */
export function describeCounts({ running, late, lookingUp, succeeded, needsAttention, unreadable }: BoardCounts): string {
  const parts = [`${running} running${late > 0 ? ` (${late} late)` : ''}`];
  if (lookingUp > 0) parts.push(`${lookingUp} being looked up`);
  parts.push(`${succeeded} succeeded`, needsAttentionWords(needsAttention));
  if (unreadable > 0) parts.push(unreadableWords(unreadable));
  return parts.join(' · ');
}
