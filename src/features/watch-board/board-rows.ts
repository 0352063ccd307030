import { isFinalStatus } from '../../api/action-status';
import type { Guid } from '../../lib/guid';
import type { ActionWatch } from '../../polling/watch-state';

export interface BoardRow {
  id: Guid;
  watch: ActionWatch | undefined;
  /** Position in the watch list, to keep the analyst's order within a group. */
  order: number;
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
