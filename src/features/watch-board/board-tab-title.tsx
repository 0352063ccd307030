import { usePageTitle } from '../../lib/use-page-title';
import type { BoardRow } from './board-rows';
import { boardTitle } from './board-title';
import { useBoardCounts } from './use-board-counts';

/** Keeps the tab's title on the board's counts and its unread finish notices; the plain title once the board closes. */
export function BoardTabTitle({ rows, unreadNotices }: { rows: readonly BoardRow[]; unreadNotices: number }) {
  usePageTitle(boardTitle(useBoardCounts(rows), unreadNotices));
  return null;
}
