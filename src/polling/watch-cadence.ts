import type { MachineAction } from '../api/machine-action';

export const cadence = {
  /** A new action: Defender's examples finish in 30 to 90 s, so the first minutes are checked closely. */
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

/** How often to check an action that is still running: fast while it is new, slowly once it has stalled. */
export function runningInterval(action: MachineAction | undefined, now: number, hidden: boolean): number {
  if (!action) return hidden ? cadence.hiddenMs : cadence.freshMs;
  const age = action.createdAt ? now - action.createdAt.getTime() : 0;
  const interval = isLongPending(action, now) ? cadence.longPendingMs : age < cadence.freshForMs ? cadence.freshMs : cadence.runningMs;
  return hidden ? Math.max(interval, cadence.hiddenMs) : interval;
}
