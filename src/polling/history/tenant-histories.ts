import type { HistoryStore } from '../../../core/polling/history/type-histories';
import { browserHistoryCache, historyStoragePrefix } from './history-cache';

/**
 * The tenant's history store for this page, and word of its changes: the poller keeps what it reads into
 * it, and the pages show what it holds, whichever tab's poller read it (another tab's write reaches this one
 * as a `storage` event).
 */
export interface TenantHistories {
  store: HistoryStore;
  /** For useSyncExternalStore: called whenever what the store holds may have changed. */
  subscribe(listener: () => void): () => void;
  /** Changes with every change of what the store holds. */
  version(): number;
}

const byTenant = new Map<string, TenantHistories>();
const listeners = new Set<() => void>();
let version = 0;
let listening = false;

function changed(): void {
  version += 1;
  for (const listener of listeners) listener();
}

function listenToOtherTabs(): void {
  if (listening || typeof window === 'undefined') return;
  listening = true;
  window.addEventListener('storage', (event) => {
    // A cleared storage (key null) may have taken a history with it.
    if (event.key === null || event.key.startsWith(historyStoragePrefix)) changed();
  });
}

/** Word of a change in any tenant's histories, for useSyncExternalStore. */
export function subscribeHistories(listener: () => void): () => void {
  listenToOtherTabs();
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Changes with every change of what any tenant's store holds. */
export function historiesVersion(): number {
  return version;
}

/** One per tenant: a browser used for two tenants never shows one tenant's durations for the other. */
export function tenantHistories(tenant: string): TenantHistories {
  const known = byTenant.get(tenant);
  if (known) return known;
  const cache = browserHistoryCache({ tenant });
  const histories: TenantHistories = {
    store: {
      reading: (kind) => cache.reading(kind),
      isDue: (type) => cache.isDue(type),
      keep(type, gathered, options) {
        cache.keep(type, gathered, options);
        changed();
      },
    },
    subscribe: subscribeHistories,
    version: historiesVersion,
  };
  byTenant.set(tenant, histories);
  return histories;
}
