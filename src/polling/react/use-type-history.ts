import { useSyncExternalStore } from 'react';
import type { MachineAction } from '../../../core/defender/machine-action';
import { toGuid } from '../../../core/lib/guid';
import { historyKindOf, type HistoryReading } from '../../../core/polling/history/duration-history';
import { historiesVersion, subscribeHistories, tenantHistories } from '../history/tenant-histories';
import { useTenantOf } from './use-action-tenant';

/**
 * How long actions of an action's kind took lately in its own tenant: what the poller has read (it reads
 * each watched type's history itself, once a day per tenant: core/polling/history/type-histories.ts).
 * Undefined until known, while the action's tenant is looked up, and when the read failed: the page goes
 * on without it. Nothing here calls Defender.
 */
export function useTypeHistories(): (action: MachineAction) => HistoryReading | undefined {
  const tenantOf = useTenantOf();
  // Drawn again whenever any tenant's store changes, in this tab or another.
  useSyncExternalStore(subscribeHistories, historiesVersion);
  return (action) => {
    const id = toGuid(action.id);
    const tenant = id && tenantOf(id);
    return tenant ? tenantHistories(tenant.authority).store.reading(historyKindOf(action)) : undefined;
  };
}

/** The history of one action's kind (see useTypeHistories); undefined until the action has been read. */
export function useTypeHistory(action: MachineAction | undefined): HistoryReading | undefined {
  const historyOf = useTypeHistories();
  return action ? historyOf(action) : undefined;
}
