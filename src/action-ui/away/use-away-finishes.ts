import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { isFinalStatus } from '../../../core/defender/action-status';
import type { Guid } from '../../../core/lib/guid';
import type { ActionWatch } from '../../../core/polling/watch/watch-state';
import { usePageHidden } from '../../lib/use-page-visible';
import { awayFinish, awaySince, firstLook, type AwayFinish, type FirstLook } from './away-finishes';
import { loadSeenStatuses, type SeenStatuses } from './seen-statuses';
import { readSeen, recordSeen, subscribeSeen } from './seen-store';

export interface AwayFinishes {
  /** In the order of the IDs given. */
  finishes: AwayFinish[];
  /** When the analyst last looked at the earliest of them. */
  since: number | undefined;
  /** Looked at: these, or every one of them, drop out of the summary and lose their mark. */
  markSeen(ids?: readonly Guid[]): void;
}

export interface AwayOptions {
  /** Every ID on the board: what was seen of an ID taken off it is forgotten. */
  watched: readonly Guid[];
  /**
   * The board shows each action's status, so while it is open and visible what it shows counts as seen;
   * the start page shows only the summary and records nothing but what the analyst marks as seen.
   */
  recordsWhatItShows: boolean;
}

/** The IDs judged finished while away that the store still has running, as one string (a stable snapshot). */
function unseenKey(looks: ReadonlyMap<Guid, FirstLook>, stored: SeenStatuses): string {
  const unseen: Guid[] = [];
  for (const [id, look] of looks) {
    const status = stored.get(id)?.status;
    if (look === 'away' && status !== undefined && !isFinalStatus(status)) unseen.push(id);
  }
  return unseen.join(' ');
}

/** The looks with every ID that can now be judged added; the same map when there is none. */
function judgeNew(
  looks: ReadonlyMap<Guid, FirstLook>,
  ids: readonly Guid[],
  watches: readonly (ActionWatch | undefined)[],
  before: SeenStatuses,
  openedAt: number,
): ReadonlyMap<Guid, FirstLook> {
  let judged: Map<Guid, FirstLook> | undefined;
  ids.forEach((id, index) => {
    if (looks.has(id)) return;
    const look = firstLook(before.get(id), watches[index], openedAt);
    if (look === 'wait') return;
    judged ??= new Map(looks);
    judged.set(id, look);
  });
  return judged ?? looks;
}

/**
 * What finished while nobody looked: the statuses each action was last seen in (this browser's store)
 * against the first status this page relies on. Each ID is judged once per page (FirstLook), so a finish
 * seen here later is told live (finish notices), never as news from while away. A mark stays until the
 * analyst marks it seen, here or in another tab.
 */
export function useAwayFinishes(ids: readonly Guid[], watches: readonly (ActionWatch | undefined)[], { watched, recordsWhatItShows }: AwayOptions): AwayFinishes {
  const [openedAt] = useState(() => Date.now());
  const [before] = useState(() => loadSeenStatuses(window.localStorage));
  const [looks, setLooks] = useState<ReadonlyMap<Guid, FirstLook>>(() => new Map());

  // Judged during render (React's "adjusting state when a prop changes"): the marks come with the first
  // paint that has the statuses, never a frame later.
  const judged = judgeNew(looks, ids, watches, before, openedAt);
  if (judged !== looks) setLooks(judged);

  // Which of the finishes from while away are still unseen: while the store says running. Marked seen (in
  // any tab) it says the final status. Only this answer is subscribed to, not the whole store, so that the
  // board's own writes of what it shows do not draw the page again.
  const stillUnseen = useCallback(() => unseenKey(looks, readSeen()), [looks]);
  const unseen = useSyncExternalStore(subscribeSeen, stillUnseen, () => '');
  const finishes = useMemo(() => {
    const unseenIds = new Set(unseen.split(' '));
    return ids.flatMap((id, index) => {
      const [seenBefore, watch] = [before.get(id), watches[index]];
      if (!unseenIds.has(id) || !seenBefore || !watch) return [];
      return awayFinish(id, watch, seenBefore) ?? [];
    });
  }, [ids, watches, before, unseen]);

  const watchedSet = useMemo(() => new Set(watched), [watched]);
  const shownStatuses = useCallback(
    (only?: ReadonlySet<Guid>) => {
      const shown = new Map<Guid, string>();
      ids.forEach((id, index) => {
        const status = watches[index]?.action?.status;
        if (status && (!only || only.has(id))) shown.set(id, status);
      });
      return shown;
    },
    [ids, watches],
  );

  // While the board is visible, what it shows is seen: each row once judged, except the finishes it marks
  // as news (marking them seen writes them). Written when a status changes, and at most a minute apart
  // otherwise, so that "since" is when the analyst last looked.
  const hidden = usePageHidden();
  const written = useRef({ text: '', at: 0 });
  useEffect(() => {
    if (!recordsWhatItShows || hidden) return;
    const shown = shownStatuses(new Set(ids.filter((id) => looks.get(id) === 'live')));
    const text = JSON.stringify([...shown]);
    const now = Date.now();
    if (text === written.current.text && now - written.current.at < 60_000) return;
    written.current = { text, at: now };
    recordSeen(shown, watchedSet, now);
  }, [recordsWhatItShows, hidden, ids, looks, shownStatuses, watchedSet]);

  const markSeen = useCallback(
    (only?: readonly Guid[]) => recordSeen(shownStatuses(new Set(only ?? finishes.map((finish) => finish.id))), watchedSet, Date.now()),
    [finishes, shownStatuses, watchedSet],
  );

  return { finishes, since: awaySince(finishes), markSeen };
}
