import { useEffect, useMemo, useState } from 'react';
import type { ForgettableLists } from '../auth/sign-out-choice';
import { seenStatusesStorageKey } from './away/seen-statuses';
import { recentlyWatchedStorageKey } from './recently-watched';
import { watchListStorageKey } from './watch-list';
import { actionTenantsStorageKey } from '../polling/tenants/action-tenants-key';

/**
 * Every list this browser keeps of what the analyst watched: what "forget this browser's lists" removes.
 * A new store of watched actions adds its key here, and sign-out forgets it too.
 */
export const browserListKeys: readonly string[] = [recentlyWatchedStorageKey, watchListStorageKey, seenStatusesStorageKey, actionTenantsStorageKey];

export function forgetBrowserLists(storage: Pick<Storage, 'removeItem'>): void {
  for (const key of browserListKeys) storage.removeItem(key);
}

/** Whether this browser keeps any of them: the offer to forget them is made only then. */
export function browserListsKept(storage: Pick<Storage, 'getItem'>): boolean {
  return browserListKeys.some((key) => storage.getItem(key) !== null);
}

/**
 * This browser's lists, for sign-out to forget, and a count of the times they were forgotten (here or in
 * another tab). Pages read the lists when they mount, and "watched lately" only then: keyed by the count,
 * a page mounts afresh and nothing forgotten stays on screen.
 */
export function useBrowserLists(): { lists: ForgettableLists; forgotten: number } {
  const [forgotten, setForgotten] = useState(0);
  useEffect(() => {
    // Another tab's removeItem arrives as a storage event with no new value (a clear() has no key).
    const onStorage = (event: StorageEvent) => {
      if (event.key === null || (browserListKeys.includes(event.key) && event.newValue === null)) setForgotten((count) => count + 1);
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, []);
  const lists = useMemo<ForgettableLists>(
    () => ({
      kept: () => browserListsKept(window.localStorage),
      forget: () => {
        forgetBrowserLists(window.localStorage);
        // The storage event reaches only the other tabs.
        setForgotten((count) => count + 1);
      },
    }),
    [],
  );
  return { lists, forgotten };
}
