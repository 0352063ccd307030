import { isFinalStatus } from '../../core/defender/action-status';
import type { MachineAction } from '../../core/defender/machine-action';

/**
 * How long the action has run: to its last update once final, to now while it runs. A creation date ahead
 * of this browser's clock counts as now, never as a negative time.
 */
export function elapsedMs(action: MachineAction, now: number): number | undefined {
  if (!action.createdAt) return undefined;
  const end = isFinalStatus(action.status) ? action.lastUpdatedAt?.getTime() : now;
  return end === undefined ? undefined : Math.max(0, end - action.createdAt.getTime());
}
