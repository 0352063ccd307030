import { useCallback, useEffect, useState } from 'react';
import type { Guid } from '../../core/lib/guid';
import { findActionIds } from './find-action-ids';
import { rememberWatched } from './recently-watched';
import { addToWatchList, loadWatchList, saveWatchList, watchListStorageKey, type AddResult } from './watch-list';

/**
 * The analyst's watched IDs, kept in localStorage (IDs only) so they survive a reload, and kept in step
 * across tabs through the storage event.
 */
export function useWatchList() {
  const [ids, setIds] = useState<Guid[]>(() => loadWatchList(window.localStorage));

  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key === watchListStorageKey) setIds(loadWatchList(window.localStorage));
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, []);

  const update = useCallback((change: (current: Guid[]) => Guid[]) => {
    // Read the stored list afresh: another tab may have changed it since this one rendered.
    const next = change(loadWatchList(window.localStorage));
    saveWatchList(window.localStorage, next);
    setIds(next);
    return next;
  }, []);

  const addIds = useCallback(
    (found: readonly Guid[]): AddResult => {
      let result: AddResult = { ids: [], added: [], alreadyWatched: [], overLimit: [] };
      update((current) => {
        result = addToWatchList(current, found);
        return result.ids;
      });
      rememberWatched(window.localStorage, result.added, Date.now());
      return result;
    },
    [update],
  );
  /** For a caller that holds text (the board's paste field): its IDs are read here, once. */
  const add = useCallback((text: string): AddResult => addIds(findActionIds(text)), [addIds]);
  const remove = useCallback((id: Guid) => update((current) => current.filter((other) => other !== id)), [update]);
  const removeAll = useCallback((gone: ReadonlySet<Guid>) => update((current) => current.filter((id) => !gone.has(id))), [update]);

  return { ids, add, addIds, remove, removeAll };
}
