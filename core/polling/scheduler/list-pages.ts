import type { Guid } from '../../lib/guid';

/** A further page of an earlier list answer (its `@odata.nextLink`), still to be read for these IDs. */
export interface PendingPage {
  link: string;
  /** The IDs of the list call that this answer has not returned yet. */
  ids: Guid[];
  /** Pages of this answer read so far, the first (the list call itself) included. */
  pagesRead: number;
}

/** Pages of one list answer followed at most: Defender has been seen to hand out nextLinks in a loop. */
export const maxPagesPerList = 10;

/** What one answered page of a list call leaves to do. */
export interface AfterPage {
  /** The page to read next, for the IDs not returned yet. */
  next?: PendingPage;
  /** IDs no page returned: each is read alone next, with the not-found grace. */
  leftOut: Guid[];
  /** Why a nextLink was not followed. */
  gaveUp?: 'page-limit' | 'same-link';
}

/**
 * After a page of a list answer (`pagesRead` pages read, this one included): follow its nextLink while it
 * can still return an ID asked for, at most `maxPagesPerList` pages, never the same link twice in a row.
 */
export function afterPage(asked: readonly Guid[], returned: ReadonlySet<Guid>, pagesRead: number, nextLink: string | undefined, link?: string): AfterPage {
  const leftOut = asked.filter((id) => !returned.has(id));
  if (leftOut.length === 0 || nextLink === undefined) return { leftOut };
  if (nextLink === link) return { leftOut, gaveUp: 'same-link' };
  if (pagesRead >= maxPagesPerList) return { leftOut, gaveUp: 'page-limit' };
  return { next: { link: nextLink, ids: leftOut, pagesRead }, leftOut: [] };
}
