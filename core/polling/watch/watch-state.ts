import type { DefenderProblem } from '../../defender/defender-problem';
import type { MachineAction } from '../../defender/machine-action';

/** A run of failed checks since the last good one. */
export interface FailureStreak {
  problem: DefenderProblem;
  /** Failed checks in a row, this one included. */
  count: number;
  /** When the first failure of the run happened (ms since epoch). */
  since: number;
  /** When the latest one did. */
  lastAt: number;
}

/** One status the action was seen in, from when (Defender's own time of the change where it gives one). */
export interface StatusChange {
  status: string;
  at: number;
}

/**
 * What we know about one watched action: the last good read (kept on screen while later checks fail)
 * and the failure streak, if the latest check failed.
 */
export interface ActionWatch {
  action: MachineAction | undefined;
  /** When the latest good read arrived. */
  readAt: number | undefined;
  failure: FailureStreak | undefined;
  /** The statuses observed, oldest first: Pending 10:02:11 → InProgress 10:02:40 → Succeeded 10:03:05. */
  history: StatusChange[];
  /**
   * A random number in [0, 1) drawn once per check, for the next delay's jitter. Drawn here rather than
   * when the delay is asked for, so that asking twice gives the same answer and the timer is not re-armed.
   */
  jitter: number;
}

export type CheckOutcome = { ok: true; action: MachineAction } | { ok: false; problem: DefenderProblem };

/** Folds one check's outcome into the watch. Pure: the poller calls it with the previous watch. */
export function recordCheck(previous: ActionWatch | undefined, outcome: CheckOutcome, now: number, jitter: number): ActionWatch {
  const history = previous?.history ?? [];
  if (outcome.ok) return { action: outcome.action, readAt: now, failure: undefined, history: withStatus(history, outcome.action, now), jitter };
  const streak = previous?.failure;
  return {
    action: previous?.action,
    readAt: previous?.readAt,
    failure: { problem: outcome.problem, count: (streak?.count ?? 0) + 1, since: streak?.since ?? now, lastAt: now },
    history,
    jitter,
  };
}

/** Appends the action's status when it differs from the last one seen. */
function withStatus(history: StatusChange[], action: MachineAction, now: number): StatusChange[] {
  const last = history.at(-1);
  if (last?.status === action.status) return history;
  // A first sight of a Pending action dates from its creation; a change, from Defender's last update.
  const stated = (!last && action.status === 'Pending' ? action.createdAt : action.lastUpdatedAt)?.getTime();
  const at = Math.max(stated !== undefined && stated <= now ? stated : now, last?.at ?? 0);
  return [...history, { status: action.status, at }];
}
