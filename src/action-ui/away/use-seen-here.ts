import { useEffect } from 'react';
import { isFinalStatus } from '../../../core/defender/action-status';
import type { Guid } from '../../../core/lib/guid';
import { usePageHidden } from '../../lib/use-page-visible';
import { loadWatchList } from '../watch-list';
import { readSeen, recordSeen } from './seen-store';

/**
 * An action page shows its action's status: a finish the board marks as news from while away is looked at
 * once its page shows it, however the page was opened (the board's row, a ticket's link, the start page).
 * Only for an action on the board, only its final status, only while the page is in sight.
 */
export function useSeenHere(id: Guid, status: string | undefined): void {
  const hidden = usePageHidden();
  useEffect(() => {
    if (hidden || status === undefined || !isFinalStatus(status)) return;
    const before = readSeen().get(id);
    if (!before || isFinalStatus(before.status)) return;
    recordSeen(new Map([[id, status]]), new Set(loadWatchList(window.localStorage)), Date.now());
  }, [id, status, hidden]);
}
