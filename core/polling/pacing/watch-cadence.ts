import type { MachineAction } from '../../defender/machine-action';

export const cadence = {
  /**
   * A new action, or one that has just moved (Pending → InProgress): Defender's examples finish in 30 to
   * 90 s, so the first minutes after a change are checked closely.
   */
  freshMs: 5_000,
  freshForMs: 2 * 60_000,
  /** Older but still moving. */
  runningMs: 15_000,
  /** Pending for over 10 minutes: the device is probably offline, and Defender retries for days. */
  longPendingMs: 60_000,
  longPendingAfterMs: 10 * 60_000,
  /** A hidden tab: nobody is looking, and browsers throttle its timers anyway. */
  hiddenMs: 60_000,
} as const;

/** Whether an action has been Pending long enough to suggest the device is offline. */
export function isLongPending(action: MachineAction, now: number): boolean {
  return action.status === 'Pending' && action.createdAt !== null && now - action.createdAt.getTime() > cadence.longPendingAfterMs;
}

/** How far ahead of this browser's clock Defender's dates may be and still be believed. */
const clockSkewMs = 5 * 60_000;

/**
 * When Defender last said something happened to the action: its creation or its latest update. A date a
 * little ahead of this browser's clock counts as now; one far in the future (a bad record, a badly set
 * clock) is not believed, or it would keep the action "new" for ever.
 */
function lastMovedAt(action: MachineAction, now: number): number | undefined {
  const times = [action.createdAt, action.lastUpdatedAt]
    .filter((date) => date !== null)
    .map((date) => date.getTime())
    .filter((time) => time <= now + clockSkewMs);
  return times.length > 0 ? Math.min(Math.max(...times), now) : undefined;
}

/**
 * How often to check an action that is still running: fast while it is new or has just moved, slowly once
 * it has stalled or when its dates say nothing of its age. Times come from Defender and `now` from this
 * browser, so a clock that is off shifts the pace by as much.
 */
export function runningInterval(action: MachineAction | undefined, now: number, hidden: boolean): number {
  let interval: number = cadence.freshMs; // not read yet
  if (action) {
    const movedAt = lastMovedAt(action, now);
    if (isLongPending(action, now)) interval = cadence.longPendingMs;
    else if (movedAt === undefined || now - movedAt >= cadence.freshForMs) interval = cadence.runningMs;
  }
  return hidden ? Math.max(interval, cadence.hiddenMs) : interval;
}
