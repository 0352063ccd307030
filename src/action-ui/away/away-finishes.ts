import { isFinalStatus } from '../../../core/defender/action-status';
import type { Guid } from '../../../core/lib/guid';
import type { ActionWatch } from '../../../core/polling/watch/watch-state';
import { actionTypeWords } from '../action-type-words';
import { statusLabel, statusTone } from '../status-tone';
import type { SeenStatus } from './seen-statuses';

/**
 * What the first status a page relies on says of an action, against the status the analyst last saw it in:
 * - `away`: seen running, final now: it finished while nobody looked;
 * - `live`: nothing to tell (never seen, seen final, or read running now: a later finish is seen live);
 * - `wait`: only a status read before the page opened and still running, which may be stale: wait for a read.
 */
export type FirstLook = 'away' | 'live' | 'wait';

export function firstLook(before: SeenStatus | undefined, watch: ActionWatch | undefined, openedAt: number): FirstLook {
  const action = watch?.action;
  if (!action) return 'wait';
  if (!before || isFinalStatus(before.status)) return 'live';
  // A final status never changes, however old the read; a running one read before the page opened might have.
  if (isFinalStatus(action.status)) return 'away';
  return watch.readAt !== undefined && watch.readAt >= openedAt ? 'live' : 'wait';
}

export interface AwayFinish {
  id: Guid;
  status: string;
  /** "Isolate device" */
  type: string;
  device: string;
  /** When the analyst last saw it running. */
  since: number;
}

export function awayFinish(id: Guid, watch: ActionWatch, before: SeenStatus): AwayFinish | undefined {
  const action = watch.action;
  if (!action) return undefined;
  return { id, status: action.status, type: actionTypeWords(action.type), device: action.computerDnsName ?? action.machineId ?? 'an unknown device', since: before.at };
}

/** The order the summary counts in: good news first, then each way of not doing what was asked. */
const statusOrder = ['Succeeded', 'Failed', 'TimeOut', 'Cancelled'];
/** Beyond these, the failures are counted, not named: the rows are marked on the board. */
const namedAtMost = 3;

/**
 * "2 succeeded, 1 failed (Isolate device on build-srv-07)": each final status counted, the ones that need
 * attention named by type and device, so that the analyst knows which to open first.
 */
export function describeAwayFinishes(finishes: readonly AwayFinish[]): string {
  const statuses = [...new Set(finishes.map((finish) => finish.status))].sort((a, b) => rank(a) - rank(b));
  let named = 0;
  const parts = statuses.map((status) => {
    const ofStatus = finishes.filter((finish) => finish.status === status);
    const words = `${ofStatus.length} ${statusLabel(status).toLowerCase()}`;
    if (statusTone(status) !== 'attention') return words;
    const names = ofStatus.slice(0, Math.max(0, namedAtMost - named)).map((finish) => `${finish.type} on ${finish.device}`);
    named += names.length;
    if (names.length === 0) return words;
    const more = ofStatus.length - names.length;
    return `${words} (${names.join('; ')}${more > 0 ? `; ${more} more` : ''})`;
  });
  return parts.join(', ');
}

function rank(status: string): number {
  const index = statusOrder.indexOf(status);
  return index === -1 ? statusOrder.length : index;
}

/** The earliest time the analyst last looked at any of them: "Since 12:04". */
export function awaySince(finishes: readonly AwayFinish[]): number | undefined {
  return finishes.length === 0 ? undefined : Math.min(...finishes.map((finish) => finish.since));
}
