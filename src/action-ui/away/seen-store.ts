import type { Guid } from '../../../core/lib/guid';
import { loadSeenStatuses, saveSeenStatuses, seenStatusesStorageKey, withSeen, type SeenStatuses } from './seen-statuses';

// The seen statuses as React state: every component of every tab reads the same stored map, kept in step
// by the storage event (other tabs) and by the writes here (this tab). The map read is kept while the
// stored text is the same, as useSyncExternalStore asks.
const listeners = new Set<() => void>();
let read: { text: string | null; seen: SeenStatuses } | undefined;

export function readSeen(): SeenStatuses {
  const text = window.localStorage.getItem(seenStatusesStorageKey);
  if (read?.text !== text || read === undefined) read = { text, seen: loadSeenStatuses(window.localStorage) };
  return read.seen;
}

export function subscribeSeen(onChange: () => void): () => void {
  const onStorage = (event: StorageEvent) => {
    if (event.key === seenStatusesStorageKey || event.key === null) onChange();
  };
  listeners.add(onChange);
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(onChange);
    window.removeEventListener('storage', onStorage);
  };
}

/** Records these statuses as shown to the analyst now, among the IDs still watched. */
export function recordSeen(shown: ReadonlyMap<Guid, string>, watched: ReadonlySet<Guid>, now: number): void {
  saveSeenStatuses(window.localStorage, withSeen(readSeen(), shown, watched, now));
  listeners.forEach((listener) => listener());
}
