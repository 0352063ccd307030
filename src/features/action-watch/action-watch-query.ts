import { queryOptions, type Query } from '@tanstack/react-query';
import type { DefenderClient } from '../../api/defender-client';
import { isDefenderRequestError } from '../../api/defender-problem';
import type { Guid } from '../../lib/guid';
import { isPageHidden } from '../../lib/use-page-visible';
import { nextPollDelay, shouldCheckOnReturn } from '../../polling/next-poll-delay';
import { recordCheck, type ActionWatch, type CheckOutcome } from '../../polling/watch-state';

export const actionWatchKeys = {
  all: ['action-watch'] as const,
  detail: (id: Guid) => [...actionWatchKeys.all, id] as const,
};

type WatchQuery = Query<ActionWatch, Error, ActionWatch, ReturnType<typeof actionWatchKeys.detail>>;

export function pollDelayFor(query: WatchQuery): number | false {
  return nextPollDelay(query.state.data, { now: Date.now(), hidden: isPageHidden() });
}

/**
 * One machine action, polled until it is final. A check never fails the query: its outcome is folded into
 * an ActionWatch, so the last good read stays on screen while later checks fail, and the next delay is
 * derived from the whole record (see nextPollDelay). Built-in retries are off on purpose: they pause in
 * hidden tabs and would hide a 429's Retry-After.
 */
export function actionWatchQuery(defender: DefenderClient, id: Guid) {
  return queryOptions({
    queryKey: actionWatchKeys.detail(id),
    queryFn: async ({ signal, client, queryKey }): Promise<ActionWatch> => {
      let outcome: CheckOutcome;
      try {
        outcome = { ok: true, action: await defender.getMachineAction(id, signal) };
      } catch (error) {
        if (!isDefenderRequestError(error)) throw error;
        outcome = { ok: false, problem: error.problem };
      }
      return recordCheck(client.getQueryData(queryKey), outcome, Date.now(), Math.random());
    },
    retry: false,
    refetchInterval: pollDelayFor,
    refetchIntervalInBackground: true,
    refetchOnWindowFocus: (query) => shouldCheckOnReturn(query.state.data, Date.now(), query.state.dataUpdatedAt),
    refetchOnReconnect: (query) => shouldCheckOnReturn(query.state.data, Date.now(), query.state.dataUpdatedAt),
  });
}
