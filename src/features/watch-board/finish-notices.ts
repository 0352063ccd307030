import { isFinalStatus } from '../../../core/defender/action-status';
import type { Guid } from '../../../core/lib/guid';
import { actionTypeWords } from '../../action-ui/action-type-words';
import { statusTone } from '../../action-ui/status-tone';
import type { BoardRow } from './board-rows';

export interface FinishNotice {
  id: Guid;
  status: string;
  type: string;
  device: string;
  /** Failed, TimeOut and Cancelled: the action did not do what was asked. */
  needsAttention: boolean;
}

/**
 * The watches that became final since the last look: a status seen running before and final now.
 * An action already final when first seen is not news.
 */
export function newlyFinished(previous: ReadonlyMap<Guid, string>, rows: readonly BoardRow[]): FinishNotice[] {
  const notices: FinishNotice[] = [];
  for (const row of rows) {
    const action = row.watch?.action;
    const before = previous.get(row.id);
    if (!action || before === undefined || isFinalStatus(before) || !isFinalStatus(action.status)) continue;
    notices.push({
      id: row.id,
      status: action.status,
      type: actionTypeWords(action.type),
      device: action.computerDnsName ?? action.machineId ?? 'unknown device',
      needsAttention: statusTone(action.status) === 'attention',
    });
  }
  return notices;
}
