import { toGuid, type Guid } from '../../core/lib/guid';

export interface RecentlyWatched {
  id: Guid;
  /** When this browser last opened or added it (ms since epoch). */
  at: number;
}

export const recentlyWatchedStorageKey = 'machine-action-watch:recently-watched';
const kept = 20;

/** Only IDs and times are stored, as for the watch list: no action data, no token. Anything else is ignored. */
export function loadRecentlyWatched(storage: Pick<Storage, 'getItem'>): RecentlyWatched[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(recentlyWatchedStorageKey) ?? '[]');
    if (!Array.isArray(parsed)) return [];
    const entries: RecentlyWatched[] = [];
    for (const item of parsed) {
      if (typeof item !== 'object' || item === null) continue;
      const { id, at }: { id?: unknown; at?: unknown } = item;
      const guid = typeof id === 'string' ? toGuid(id) : undefined;
      if (guid && typeof at === 'number' && Number.isFinite(at) && !entries.some((entry) => entry.id === guid)) entries.push({ id: guid, at });
    }
    return entries.slice(0, kept);
  } catch {
    return [];
  }
}

/** Puts these IDs first, newest first, keeping the last `kept` the browser watched. */
export function rememberWatched(storage: Pick<Storage, 'getItem' | 'setItem'>, ids: readonly Guid[], at: number): void {
  const fresh = new Set(ids);
  const next = [...ids.map((id) => ({ id, at })), ...loadRecentlyWatched(storage).filter((entry) => !fresh.has(entry.id))].slice(0, kept);
  try {
    storage.setItem(recentlyWatchedStorageKey, JSON.stringify(next));
  } catch {
    // storage full or disabled: the list is a convenience, nothing depends on it
  }
}
