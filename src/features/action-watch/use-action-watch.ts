import { useQuery } from '@tanstack/react-query';
import type { Guid } from '../../../core/lib/guid';
import { useOnline } from '../../lib/use-online';
import { usePageHidden } from '../../lib/use-page-visible';
import { nextPollDelay } from '../../../core/polling/pacing/next-poll-delay';
import { usePoller, useWatchInterest } from '../../polling/react/poller-provider';
import { actionQueries } from '../../polling/react/action-queries';
import { useTypeHistory } from '../../polling/react/use-type-history';

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
  const history = useTypeHistory(watch?.action);
  // Whether polling goes on does not depend on the pace; when the next check comes is the planner's word.
  const delay = watch ? nextPollDelay(watch, { now: query.dataUpdatedAt, hidden }) : false;
  const planned = useQuery({ ...actionQueries.schedule(), select: (schedule) => schedule.get(id) }).data;
  const nextCheckAt = delay !== false ? planned : undefined;
  return {
    watch,
    isFirstCheck: watch === undefined,
    /** The poller waits while the browser is offline and resumes when it is back. */
    isOffline: !online,
    checkedAt,
    nextCheckAt,
    isWatching: watch === undefined || delay !== false,
    /** How long this kind of action takes in this tenant, once known. */
    history,
    /** Starts over, with a fresh not-found grace period. */
    checkAgain: () => poller.recheck(id),
  };
}
