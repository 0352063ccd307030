import { queryOptions, skipToken, type QueryKey } from '@tanstack/react-query';
import type { MachineAction } from '../../../core/defender/machine-action';
import { isGuid, type Guid } from '../../../core/lib/guid';
import type { ActionWatch } from '../../../core/polling/watch/watch-state';

const scope = 'machine-actions';

/**
 * Every query of the app, in one place, so that call sites write `useQuery(actionQueries.watch(id))` and
 * get typed data with no generics or casts, and the cache keys cannot drift apart.
 */
export const actionQueries = {
  all: [scope] as const,
  /**
   * One watched action's record. No query function: the shared poller writes it (one list call for
   * everything watched), and pages only read it.
   */
  watch: (id: Guid) => queryOptions<ActionWatch, Error, ActionWatch, readonly [typeof scope, 'watch', Guid]>({ queryKey: [scope, 'watch', id], queryFn: skipToken }),
  /**
   * When the polling tab's planner will check each watched action next. No query function: the poller
   * writes it after every change of plan; empty while no poller here plans (the relay polls, say).
   */
  schedule: () =>
    queryOptions<ReadonlyMap<Guid, number>, Error, ReadonlyMap<Guid, number>, readonly [typeof scope, 'schedule']>({ queryKey: [scope, 'schedule'], queryFn: skipToken }),
  /** The newest actions on one device of one tenant, read on request through that tenant's budget (`read`). */
  deviceActions: (tenant: string, machineId: string, read: (signal: AbortSignal) => Promise<MachineAction[]>) =>
    queryOptions({ queryKey: [scope, 'device', tenant, machineId] as const, queryFn: ({ signal }) => read(signal), retry: false, staleTime: 60_000 }),
  /**
   * The signed-in analyst's own actions of the last day, for the start page. Read once and kept for ten
   * minutes: coming back to the start page does not spend the quota again.
   */
  requestedBy: (tenant: string, requestor: string, read: (signal: AbortSignal) => Promise<MachineAction[]>) =>
    queryOptions({ queryKey: [scope, 'requested-by', tenant, requestor] as const, queryFn: ({ signal }) => read(signal), retry: false, staleTime: 10 * 60_000, gcTime: 30 * 60_000 }),
};

/** The action a cache entry watches, for code that follows the whole cache (the finish notices). */
export function watchedActionId(queryKey: QueryKey): Guid | undefined {
  const [first, kind, id] = queryKey;
  return first === scope && kind === 'watch' && typeof id === 'string' && isGuid(id) ? id : undefined;
}
