import { useEffect } from 'react';
import type { BoardRow } from './board-rows';
import { baseTitle, boardTitle } from './board-title';
import { useBoardCounts } from './use-board-counts';

/** Keeps the tab's title on the board's counts and its unread finish notices; the plain title once the board closes. */
export function BoardTabTitle({ rows, unreadNotices }: { rows: readonly BoardRow[]; unreadNotices: number }) {
  const title = boardTitle(useBoardCounts(rows), unreadNotices);
  useEffect(() => {
    document.title = title;
  }, [title]);
  useEffect(
    () => () => {
      document.title = baseTitle;
    },
    [],
  );
  return null;
}
