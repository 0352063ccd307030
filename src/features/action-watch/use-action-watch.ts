import { useQuery } from '@tanstack/react-query';
import type { Guid } from '../../lib/guid';
import { useOnline } from '../../lib/use-online';
import { usePageHidden } from '../../lib/use-page-visible';
import { nextPollDelay } from '../../polling/next-poll-delay';
import { usePoller, useWatchInterest } from '../../polling/poller-provider';
import { actionQueries } from '../../polling/action-queries';

/**
 * One watched action as the page shows it. The tab's shared poller does the reading (one request per
 * check for everything watched, in every tab); this only declares interest and reads the cache.
 */
export function useActionWatch(id: Guid) {
  const poller = usePoller();
  useWatchInterest(`action-page:${id}`, [id]);
  const query = useQuery(actionQueries.watch(id));
  const hidden = usePageHidden();
  const online = useOnline();
  const watch = query.data;
  const checkedAt = watch ? query.dataUpdatedAt : undefined;
  const delay = watch ? nextPollDelay(watch, { now: query.dataUpdatedAt, hidden }) : false;
  const nextCheckAt = checkedAt !== undefined && delay !== false ? Math.max(checkedAt + delay, poller.pausedUntil ?? 0) : undefined;
  return {
    watch,
    isFirstCheck: watch === undefined,
    /** The poller waits while the browser is offline and resumes when it is back. */
    isOffline: !online,
    checkedAt,
    nextCheckAt,
    isWatching: watch === undefined || delay !== false,
    /** Starts over, with a fresh not-found grace period. */
    checkAgain: () => poller.recheck(id),
  };
}
