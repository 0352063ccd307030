import { isFinalStatus } from '../../../core/defender/action-status';
import type { Guid } from '../../../core/lib/guid';
import type { HistoryReading } from '../../../core/polling/history/duration-history';
import type { ActionWatch } from '../../../core/polling/watch/watch-state';

export interface BoardRow {
  id: Guid;
  watch: ActionWatch | undefined;
  /** Position in the watch list, to keep the analyst's order within a group. */
  order: number;
  /** How long its kind takes in this tenant, once the action and that history have been read. */
  history?: HistoryReading;
  /** Finished while the analyst was away, and not yet marked as seen. */
  finishedAway?: boolean;
  /** The customer whose tenant holds it, when the analyst watches several; undefined while it is looked up. */
  customer?: string;
}

export function isFinished(row: Pick<BoardRow, 'watch'>): boolean {
  return row.watch?.action !== undefined && isFinalStatus(row.watch.action.status);
}

/** Running (and not yet read) actions first, then finished ones; within each, the order they were added. */
export function sortForBoard(rows: BoardRow[]): BoardRow[] {
  return [...rows].sort((a, b) => Number(isFinished(a)) - Number(isFinished(b)) || a.order - b.order);
}

/** When the action last changed status, as far as anyone saw; Defender's last update otherwise. */
export function lastChangeAt(watch: ActionWatch | undefined): number | undefined {
  return watch?.history.at(-1)?.at ?? watch?.action?.lastUpdatedAt?.getTime();
}
