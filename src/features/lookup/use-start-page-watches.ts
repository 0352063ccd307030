import { useQueries } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { isFinalStatus } from '../../../core/defender/action-status';
import type { Guid } from '../../../core/lib/guid';
import type { ActionWatch } from '../../../core/polling/watch/watch-state';
import { loadSeenStatuses } from '../../action-ui/away/seen-statuses';
import { loadRecentlyWatched, type RecentlyWatched } from '../../action-ui/recently-watched';
import { loadWatchList } from '../../action-ui/watch-list';
import { actionQueries } from '../../polling/react/action-queries';
import { useWatchInterest } from '../../polling/react/poller-provider';

/** "Watched lately" lists this many; the store keeps more. */
export const watchedLatelyShown = 10;

export interface StartPageWatches {
  /** The board's IDs last seen running: the only ones that can have finished unseen. */
  boardIds: Guid[];
  /** Every ID on the board, to keep the seen store to them. */
  board: Guid[];
  recent: RecentlyWatched[];
  watchOf(id: Guid): ActionWatch | undefined;
}

/**
 * What the start page reads of the analyst's own actions: the board's that were running when last seen
 * (to tell what finished meanwhile) and the last few watched in this browser (their type, device and
 * status). Through the poller, like the board: in its list calls, within its budget.
 */
export function useStartPageWatches(): StartPageWatches {
  const [{ board, boardIds, recent }] = useState(() => {
    const seen = loadSeenStatuses(window.localStorage);
    const saved = loadWatchList(window.localStorage);
    const running = saved.filter((id) => {
      const status = seen.get(id)?.status;
      return status !== undefined && !isFinalStatus(status);
    });
    return { board: saved, boardIds: running, recent: loadRecentlyWatched(window.localStorage).slice(0, watchedLatelyShown) };
  });
  const ids = useMemo(() => [...new Set([...boardIds, ...recent.map((entry) => entry.id)])], [boardIds, recent]);
  useWatchInterest('start-page', ids);
  const watches = useQueries({ queries: ids.map((id) => actionQueries.watch(id)), combine: (results) => results.map((result) => result.data) });
  const byId = new Map(ids.map((id, index) => [id, watches[index]]));
  return { board, boardIds, recent, watchOf: (id) => byId.get(id) };
}
