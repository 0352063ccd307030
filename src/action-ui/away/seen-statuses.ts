import { toGuid, type Guid } from '../../../core/lib/guid';
import { boardLimit } from '../watch-list';

/** The status a watched action was last shown in to the analyst, and when they last looked at it. */
export interface SeenStatus {
  status: string;
  /** When the analyst last looked (ms since epoch): "Since 12:04" in the away summary. */
  at: number;
}

export type SeenStatuses = ReadonlyMap<Guid, SeenStatus>;

export const seenStatusesStorageKey = 'machine-action-watch:seen-statuses';
/** As many as a board holds; the rest were pruned with the board's IDs. */
const kept = boardLimit;
/** A status is one of Defender's few words; anything longer was not written by this app. */
const longestStatus = 40;

/**
 * IDs, statuses and times only, as the watch list is kept: no device, no requestor, no token. Anything
 * else found under the key (another version's shape, a hand edit) is skipped, entry by entry.
 */
export function loadSeenStatuses(storage: Pick<Storage, 'getItem'>): Map<Guid, SeenStatus> {
  const seen = new Map<Guid, SeenStatus>();
  try {
    const parsed: unknown = JSON.parse(storage.getItem(seenStatusesStorageKey) ?? '{}');
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return seen;
    for (const [key, value] of Object.entries(parsed)) {
      const id = toGuid(key);
      if (!id || typeof value !== 'object' || value === null || seen.size >= kept) continue;
      const { status, at }: { status?: unknown; at?: unknown } = value;
      if (typeof status === 'string' && status.length > 0 && status.length <= longestStatus && typeof at === 'number' && Number.isFinite(at)) {
        seen.set(id, { status, at });
      }
    }
  } catch {
    // unreadable: as if nothing had been seen, which only means no away summary this once
  }
  return seen;
}

export function saveSeenStatuses(storage: Pick<Storage, 'setItem'>, seen: SeenStatuses): void {
  try {
    storage.setItem(seenStatusesStorageKey, JSON.stringify(Object.fromEntries([...seen].slice(0, kept))));
  } catch {
    // storage full or disabled: the away summary is a convenience, nothing depends on it
  }
}

/**
 * What was seen, with these statuses now shown to the analyst at `now`, keeping only the IDs still watched
 * (an ID taken off the board is forgotten with it).
 */
export function withSeen(seen: SeenStatuses, shown: ReadonlyMap<Guid, string>, watched: ReadonlySet<Guid>, now: number): Map<Guid, SeenStatus> {
  const next = new Map<Guid, SeenStatus>();
  for (const [id, entry] of seen) if (watched.has(id) && !shown.has(id)) next.set(id, entry);
  for (const [id, status] of shown) if (watched.has(id)) next.set(id, { status, at: now });
  return next;
}
