import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useServices } from '../../app/services';
import type { Guid } from '../../lib/guid';
import { usePageHidden } from '../../lib/use-page-visible';
import { actionWatchKeys, actionWatchQuery } from './action-watch-query';
import { nextPollDelay } from '../../polling/next-poll-delay';

/** One watched action as the page shows it: the record, when it was last checked and when it will be next. */
export function useActionWatch(id: Guid) {
  const { defender } = useServices();
  const queryClient = useQueryClient();
  const query = useQuery(actionWatchQuery(defender, id));
  const hidden = usePageHidden();
  const watch = query.data;
  const checkedAt = watch ? query.dataUpdatedAt : undefined;
  const delay = watch ? nextPollDelay(watch, { now: query.dataUpdatedAt, hidden }) : false;
  return {
    watch,
    isFirstCheck: query.isPending,
    /** TanStack pauses queries while the browser is offline and resumes them when it is back. */
    isOffline: query.fetchStatus === 'paused',
    isChecking: query.fetchStatus === 'fetching',
    checkedAt,
    nextCheckAt: checkedAt !== undefined && delay !== false ? checkedAt + delay : undefined,
    isWatching: delay !== false,
    /** Starts over, with a fresh not-found grace period. */
    checkAgain: () => queryClient.resetQueries({ queryKey: actionWatchKeys.detail(id) }),
  };
}
