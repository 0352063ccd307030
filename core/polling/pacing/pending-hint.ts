import type { MachineAction } from '../../defender/machine-action';
import type { DurationHistory } from '../history/duration-history';
import { cadence } from './watch-cadence';

/**
 * Bounds on the history's Pending threshold. Not before 2 minutes: a tenant whose isolations all move
 * within 40 s would otherwise call a device offline after a coffee. Not after today's 10 minutes: Pending
 * is the wait for the device to check in, the same for a full scan as for an isolation, and the
 * percentile runs high on purpose (a finished action counts its whole run as Pending: Defender keeps no
 * time of the move to InProgress), so a full scan's would be most of its 20 minutes. History only ever
 * brings the hint sooner, for a tenant whose devices answer fast.
 */
export const pendingHintBounds = { floorMs: 2 * 60_000, ceilingMs: cadence.longPendingAfterMs } as const;

/**
 * How long an action may sit Pending before the page says its device may be offline: longer than 19 in 20
 * of its kind that a device picked up waited. Those that never were (still Pending, timed out) are left
 * out: they are the offline devices the hint is about, and counting them would put it out of reach.
 */
export function longPendingAfterMs(history: DurationHistory | undefined): number {
  if (history?.pickedUpHighMs === undefined) return cadence.longPendingAfterMs; // today's fixed rule
  return Math.min(Math.max(history.pickedUpHighMs, pendingHintBounds.floorMs), pendingHintBounds.ceilingMs);
}

/** Whether the action has sat Pending longer than nearly all of its kind here: its device may be offline. */
export function isPendingLongerThanUsual(action: MachineAction, now: number, history: DurationHistory | undefined): boolean {
  return action.status === 'Pending' && action.createdAt !== null && now - action.createdAt.getTime() > longPendingAfterMs(history);
}
