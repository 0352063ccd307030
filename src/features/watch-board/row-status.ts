import { pollTimings } from '../../../core/polling/pacing/next-poll-delay';
import { describeProblem, type ProblemView } from '../../action-ui/describe-problem';
import { elapsedMs } from '../../action-ui/elapsed';
import { isFinalStatus } from '../../../core/defender/action-status';
import type { MachineAction } from '../../../core/defender/machine-action';
import { formatDuration } from '../../lib/time';
import { nextPollDelay } from '../../../core/polling/pacing/next-poll-delay';
import type { ActionWatch } from '../../../core/polling/watch/watch-state';

/** The last good read, kept on the row while later checks fail. */
export interface LastGoodRead {
  action: MachineAction;
  readAt: number;
}

/**
 * What a row says about its action, as its action page would: the status when the latest check answered,
 * otherwise that check's problem, with the last good read kept and marked as possibly out of date.
 */
export type RowStatus =
  | { kind: 'looking-up' }
  | { kind: 'current'; action: MachineAction }
  /** Not found, within the grace a new action gets before Defender lists it: still checked. */
  | { kind: 'not-listed-yet'; lastGood: LastGoodRead | undefined }
  | { kind: 'problem'; problem: ProblemView; lastGood: LastGoodRead | undefined };

export function rowStatus(watch: ActionWatch | undefined): RowStatus {
  if (!watch) return { kind: 'looking-up' };
  const { action, readAt, failure } = watch;
  if (!failure) return action ? { kind: 'current', action } : { kind: 'looking-up' };
  const lastGood = action && readAt !== undefined ? { action, readAt } : undefined;
  // The poller's own rule says whether the grace is still running; the row must not disagree with it.
  const rechecking = failure.problem.kind === 'not-found' && nextPollDelay(watch, { now: failure.lastAt, hidden: false }) !== false;
  return rechecking ? { kind: 'not-listed-yet', lastGood } : { kind: 'problem', problem: describeProblem(failure.problem), lastGood };
}

/**
 * Whether a row would say the same of two records of its action: the poller writes a new record at every
 * check (a new read time, a new jitter, Defender's dates as new objects), and a board of 500 checked every
 * few seconds must not draw every row again for news that changes nothing on it. The same Defender JSON,
 * the same failure run, the same statuses seen; the read time only where the row shows it (a stale row's
 * "as of").
 */
export function sameOnRow(first: ActionWatch | undefined, second: ActionWatch | undefined): boolean {
  if (first === second) return true;
  if (first === undefined || second === undefined) return false;
  const [one, other] = [first.failure, second.failure];
  const sameFailure =
    one === other ||
    (one !== undefined && other !== undefined && one.count === other.count && one.since === other.since && one.lastAt === other.lastAt && JSON.stringify(one.problem) === JSON.stringify(other.problem));
  if (!sameFailure || (one !== undefined && first.readAt !== second.readAt)) return false;
  if (first.history !== second.history && JSON.stringify(first.history) !== JSON.stringify(second.history)) return false;
  return first.action === second.action || JSON.stringify(first.action?.raw) === JSON.stringify(second.action?.raw);
}

/** Whether every tenant has answered, past the grace, for an action none returned: it is in none of the analyst's. */
export function searchedEverywhere(watch: ActionWatch | undefined): boolean {
  const failure = watch?.failure;
  const problem = failure?.problem;
  if (watch?.action || problem?.kind !== 'not-found' || problem.searched === undefined) return false;
  return problem.searched.stillAsking.length === 0 && failure!.lastAt - failure!.since >= pollTimings.notFoundGraceMs;
}

/** The action the row's other columns describe: the current one, or the last good read. */
export function shownAction(status: RowStatus): MachineAction | undefined {
  if (status.kind === 'current') return status.action;
  if (status.kind === 'looking-up') return undefined;
  return status.lastGood?.action;
}

/**
 * "took 1 min 06 s" once finished, "3 min 10 s so far" while it runs. A running action whose latest check
 * failed is timed to its last good read: what is known, not a clock that keeps counting.
 */
export function describeDuration(status: RowStatus, now: number): string {
  const action = shownAction(status);
  if (!action) return '—';
  const asOf = status.kind === 'current' || status.kind === 'looking-up' ? now : (status.lastGood?.readAt ?? now);
  const elapsed = elapsedMs(action, asOf);
  if (elapsed === undefined) return '—';
  return isFinalStatus(action.status) ? `took ${formatDuration(elapsed)}` : `${formatDuration(elapsed)} so far`;
}
