import { toGuid, type Guid } from '../../lib/guid';
import { findActionIds } from '../lookup/find-action-ids';

export interface AddResult {
  ids: Guid[];
  added: Guid[];
  alreadyWatched: Guid[];
}

/** Adds every action ID found in pasted text, each once; says which were new and which were there already. */
export function addFromText(ids: readonly Guid[], text: string): AddResult {
  const present = new Set(ids);
  const added: Guid[] = [];
  const alreadyWatched: Guid[] = [];
  for (const id of findActionIds(text)) (present.has(id) ? alreadyWatched : added).push(id);
  return { ids: [...ids, ...added], added, alreadyWatched };
}

/** "Added 3 actions; 1 was already watched." */
export function describeAddition({ added, alreadyWatched }: Pick<AddResult, 'added' | 'alreadyWatched'>): string {
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  if (added.length === 0 && alreadyWatched.length === 0) return 'No machine action ID found in this text. An ID looks like 1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d.';
  const parts = [`Added ${plural(added.length, 'action')}`];
  if (alreadyWatched.length > 0) parts.push(`${alreadyWatched.length === 1 ? '1 was' : `${alreadyWatched.length} were`} already watched`);
  return `${parts.join('; ')}.`;
}

export const watchListStorageKey = 'machine-action-watch:watched-ids';

/** Only the IDs are stored: no token, no action data. Anything else found there is ignored. */
export function loadWatchList(storage: Pick<Storage, 'getItem'>): Guid[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(watchListStorageKey) ?? '[]');
    if (!Array.isArray(parsed)) return [];
    const ids = parsed.map((value) => (typeof value === 'string' ? toGuid(value) : undefined)).filter((id): id is Guid => id !== undefined);
    return [...new Set(ids)];
  } catch {
    return [];
  }
}

export function saveWatchList(storage: Pick<Storage, 'setItem'>, ids: readonly Guid[]): void {
  try {
    storage.setItem(watchListStorageKey, JSON.stringify(ids));
  } catch {
    // storage full or disabled: the board still works for this page's life
  }
}

/** The board's shareable address: its IDs in the query string, so a ticket can link to the whole set. */
export function boardPath(ids: readonly Guid[]): string {
  return ids.length === 0 ? '/board' : `/board?ids=${ids.join(',')}`;
}

export function idsFromBoardSearch(search: string): Guid[] {
  return findActionIds(new URLSearchParams(search).get('ids') ?? '');
}
