import { toGuid, type Guid } from '../../core/lib/guid';
import { findActionIds } from './find-action-ids';

/**
 * The most actions one board watches. Beyond it the shared quota (100 calls a minute for everyone on the
 * app registration) would leave each action checked too rarely to be worth watching.
 */
export const boardLimit = 500;

export interface AddResult {
  ids: Guid[];
  added: Guid[];
  alreadyWatched: Guid[];
  /** Found, but past the board's limit: not watched, kept for the analyst to copy. */
  overLimit: Guid[];
}

/**
 * Adds the IDs found in a paste or a link, each once, up to the board's limit; says what became of each.
 * It takes IDs, not text: whoever holds the text has already read the IDs out of it (findActionIds).
 */
export function addToWatchList(ids: readonly Guid[], found: readonly Guid[], limit = boardLimit): AddResult {
  const present = new Set(ids);
  const added: Guid[] = [];
  const alreadyWatched: Guid[] = [];
  const overLimit: Guid[] = [];
  for (const id of new Set(found)) {
    if (present.has(id)) alreadyWatched.push(id);
    else if (ids.length + added.length < limit) added.push(id);
    else overLimit.push(id);
  }
  return { ids: [...ids, ...added], added, alreadyWatched, overLimit };
}

/** "Added 3 actions; 1 was already watched." */
export function describeAddition({ added, alreadyWatched, overLimit = [] }: Pick<AddResult, 'added' | 'alreadyWatched'> & { overLimit?: readonly Guid[] }): string {
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  if (added.length === 0 && alreadyWatched.length === 0 && overLimit.length === 0) return 'No machine action ID found in this text. An ID looks like 1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d.';
  const parts = [`Added ${plural(added.length, 'action')}`];
  if (alreadyWatched.length > 0) parts.push(`${alreadyWatched.length === 1 ? '1 was' : `${alreadyWatched.length} were`} already watched`);
  if (overLimit.length > 0) parts.push(`${plural(overLimit.length, 'action')} not added: the board holds at most ${boardLimit}`);
  return `${parts.join('; ')}.`;
}

/** "Found 3 action IDs in what you pasted: added 2; 1 was already watched." */
export function describePaste(found: number, { added, alreadyWatched, overLimit = [] }: Pick<AddResult, 'added' | 'alreadyWatched'> & { overLimit?: readonly Guid[] }): string {
  const already = alreadyWatched.length > 0 ? `; ${alreadyWatched.length} ${alreadyWatched.length === 1 ? 'was' : 'were'} already watched` : '';
  const over = overLimit.length > 0 ? `; ${overLimit.length} not added (the board holds at most ${boardLimit})` : '';
  return `Found ${found} action IDs in what you pasted: added ${added.length}${already}${over}.`;
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

/**
 * The most IDs a board link carries: 300 IDs make about 11,000 characters, which chat and ticket tools
 * still keep whole. A bigger board is shared as text instead.
 */
export const linkLimit = 300;

/**
 * The board's shareable address, or undefined when it has more IDs than a link carries. The IDs go in the
 * fragment (`#ids=`): a browser never sends it to the server, so they stay out of its logs and of Referer.
 */
export function boardPath(ids: readonly Guid[], tenantOf: (id: Guid) => string | undefined = () => undefined): string | undefined {
  if (ids.length > linkLimit) return undefined;
  // Each ID's tenant, when known, rides with it (`id~tenant`): the board that opens it asks no other tenant.
  const entries = ids.map((id) => {
    const tenant = tenantOf(id);
    return tenant ? `${id}~${encodeURIComponent(tenant)}` : id;
  });
  return ids.length === 0 ? '/board' : `/board#ids=${entries.join(',')}`;
}

/** The tenants a board link names for its IDs (`id~tenant`): a tenant the app is not set up for is the caller's to ignore. */
export function tenantsFromBoardLink(hash: string): Map<Guid, string> {
  const entries = new URLSearchParams(hash.replace(/^#/, '')).get('ids') ?? '';
  const named = new Map<Guid, string>();
  for (const entry of entries.split(',')) {
    const [id, tenant] = entry.split('~');
    const guid = toGuid(id ?? '');
    if (guid && tenant && /^[a-z0-9.-]{1,256}$/i.test(tenant)) named.set(guid, tenant.toLowerCase());
  }
  return named;
}

/** The IDs a board link carries: in the fragment, or in the query string of links made before it moved. */
export function idsFromBoardLink(search: string, hash: string): Guid[] {
  // Each ID's tenant (`id~tenant`) is no ID of its own, though a tenant ID is a GUID too.
  const fromHash = (new URLSearchParams(hash.replace(/^#/, '')).get('ids') ?? '').replace(/~[^,]*/g, '');
  const fromSearch = new URLSearchParams(search).get('ids') ?? '';
  return findActionIds(`${fromHash} ${fromSearch}`);
}
