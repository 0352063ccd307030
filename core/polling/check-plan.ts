import type { MachineAction } from '../defender/machine-action';
import type { Guid } from '../lib/guid';
import type { DurationHistory } from './duration-history';
import { chunkIds } from './chunk-ids';
import { chunkLimits, firstListShape, type ListShape } from './list-shape';
import { nextPollDelay } from './next-poll-delay';
import type { ActionWatch } from './watch-state';

/** Where one watched action stands before a check, as far as choosing its call goes. */
export type EntryState =
  /** No check has answered for it yet: due at once. */
  | { kind: 'never-read' }
  /** Checked, but no call has brought it back yet (a 500, a 429, a timeout): due once its backoff is over. */
  | { kind: 'read-failed'; dueAt: number }
  /** Defender returned it before and it is still running (a later call may have failed). */
  | { kind: 'found'; dueAt: number }
  /** The last list call (since then) did not return it: read it alone next, as that read has the 404 grace. */
  | { kind: 'missing-from-list'; since: number }
  /** Its own read found no such action, and the not-found grace is still running. */
  | { kind: 'not-found-grace'; dueAt: number }
  /** Final, a failure only the analyst can fix, the grace over, or no one watches it: no call. */
  | { kind: 'stopped' };

/** What the poller keeps of one action between checks. */
export interface WatchedEntry {
  /** Someone watches it now. An entry no one watches keeps what was learnt, should it be watched again. */
  watched: boolean;
  /** The latest check's result, made here or learnt from another tab; absent until a check answers. */
  last?: { watch: ActionWatch; checkedAt: number };
  /** When the last list call (all its pages) left it out; undefined once a later check answered for it. */
  missingFromListSince: number | undefined;
}

/** How long an action's kind takes in this tenant, when there is enough history to go by. */
export type HistoryOf = (action: MachineAction) => DurationHistory | undefined;

/**
 * The entry's state. Delays are judged as of the last check, as the page judges them, so both agree, and
 * at the pace of the action's kind's history where `historyOf` knows it.
 */
export function entryState(entry: WatchedEntry, hidden: boolean, historyOf?: HistoryOf): EntryState {
  if (!entry.watched) return { kind: 'stopped' };
  if (entry.missingFromListSince !== undefined) return { kind: 'missing-from-list', since: entry.missingFromListSince };
  if (!entry.last) return { kind: 'never-read' };
  const { watch, checkedAt } = entry.last;
  const history = watch.action ? historyOf?.(watch.action) : undefined;
  const delay = nextPollDelay(watch, { now: checkedAt, hidden, history });
  if (delay === false) return { kind: 'stopped' };
  const dueAt = checkedAt + delay;
  // A found action stays "found" through a later 404: the list call tries it first, then its own read.
  if (watch.action) return { kind: 'found', dueAt };
  if (watch.failure?.problem.kind === 'not-found') return { kind: 'not-found-grace', dueAt };
  return { kind: 'read-failed', dueAt };
}

/** When the state asks for a call, or undefined when it asks for none. */
export function dueAt(state: EntryState, now: number): number | undefined {
  switch (state.kind) {
    case 'never-read':
    case 'missing-from-list':
      return now;
    case 'read-failed':
    case 'found':
    case 'not-found-grace':
      return state.dueAt;
    case 'stopped':
      return undefined;
  }
}

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

/**
 * At most this many calls go out in one check; the poller leaves the budget's pace between checks, so a big
 * board's first check is spread over the minute instead of spending the whole minute's allowance at once.
 */
export const maxCallsPerCheck = 3;

/** The calls one check makes. Empty when nothing is due, or when the budget has no call left. */
export interface CheckPlan {
  /** One list call per chunk, in the shape the plan was made for. */
  listChunks: Guid[][];
  /** Further pages of earlier list answers. */
  pages: PendingPage[];
  /** The pages still to read after this check: not called yet, and naming an ID still watched and running. */
  pagesLeft: PendingPage[];
  /** One GET each. */
  singleReads: Guid[];
  /** IDs this check would have read but for the budget or the spread: they wait for a later check. */
  waiting: Guid[];
}

function isDue(state: EntryState, now: number): boolean {
  const at = dueAt(state, now);
  return at !== undefined && at <= now;
}

/**
 * Which ID is read first: never read before anything, then the one waiting longest (due the earliest, or
 * left out of the list the earliest). An ID read goes to the back, so a board too big for one check is
 * read round the clock and none starves.
 */
function waitingSince(state: EntryState): number {
  switch (state.kind) {
    case 'never-read':
      return Number.NEGATIVE_INFINITY;
    case 'missing-from-list':
      return state.since;
    case 'read-failed':
    case 'found':
    case 'not-found-grace':
      return state.dueAt;
    case 'stopped':
      return Number.POSITIVE_INFINITY;
  }
}

/** Ascending, with equal infinities equal (a plain subtraction gives NaN for them). */
function ascending(first: number, second: number): number {
  return first < second ? -1 : first > second ? 1 : 0;
}

function idsOf(states: ReadonlyMap<Guid, EntryState>, wanted: (state: EntryState, id: Guid) => boolean): Guid[] {
  return [...states].filter(([id, state]) => wanted(state, id)).map(([id]) => id);
}

/** Which IDs ride the list call and which are read alone, before the budget is considered. */
function chooseCalls(states: ReadonlyMap<Guid, EntryState>, due: ReadonlySet<Guid>, shape: ListShape): { listed: Guid[]; alone: Guid[] } {
  // Without list calls, each due action costs a call of its own: none rides along.
  if (shape.kind === 'single') return { listed: [], alone: idsOf(states, (_, id) => due.has(id)) };
  // Every running action found before joins the list call, due or not: the call costs the same.
  const found = idsOf(states, (state) => state.kind === 'found');
  // Unread by what is known, not by whether a check was made: a failed list call keeps its IDs in the next.
  const unread = idsOf(states, (state) => state.kind === 'never-read' || state.kind === 'read-failed');
  const lookups = idsOf(states, (state, id) => (state.kind === 'missing-from-list' || state.kind === 'not-found-grace') && due.has(id));
  // With just one ID to read, its own read answers a clearer 404 than a list that leaves it out.
  if (found.length + unread.length > 1) return { listed: [...found, ...unread], alone: lookups };
  return { listed: found, alone: [...unread, ...lookups] };
}

type Call = { kind: 'page'; page: PendingPage } | { kind: 'list'; ids: Guid[] } | { kind: 'single'; id: Guid };

/** Pages first (finish what was started), then list chunks, then single reads, when they have waited as long. */
const callOrder: Record<Call['kind'], number> = { page: 0, list: 1, single: 2 };

function idsOfCall(call: Call): Guid[] {
  return call.kind === 'page' ? call.page.ids : call.kind === 'list' ? call.ids : [call.id];
}

/**
 * The calls of the check at `now`, given each watched action's state (in the order watched), how many calls
 * the budget allows now, the list shape this tenant accepts, and the pages still to follow. A check makes at
 * most `maxCallsPerCheck` calls, the longest-waiting first; while the shape is not accepted yet, one list
 * call of it goes out alone, as a probe. The rest waits.
 */
export function planCheck(
  states: ReadonlyMap<Guid, EntryState>,
  now: number,
  allowance: number,
  shape: ListShape = firstListShape,
  pendingPages: readonly PendingPage[] = [],
): CheckPlan {
  const live = (id: Guid) => (states.get(id)?.kind ?? 'stopped') !== 'stopped';
  const pages = pendingPages.map((page) => ({ ...page, ids: page.ids.filter(live) })).filter((page) => page.ids.length > 0);
  const paged = new Set(pages.flatMap((page) => page.ids));
  const open = new Map([...states].filter(([id]) => !paged.has(id)));
  const due = new Set(idsOf(open, (state) => isDue(state, now)));
  if (due.size === 0 && pages.length === 0) return { listChunks: [], pages: [], pagesLeft: [], singleReads: [], waiting: [] };

  const { listed, alone } = chooseCalls(open, due, shape);
  const waitOfId = (id: Guid) => waitingSince(open.get(id) ?? { kind: 'stopped' });
  const byWait = (ids: Guid[]) => [...ids].sort((first, second) => ascending(waitOfId(first), waitOfId(second)));
  // Due IDs fill the chunks first, the longest-waiting first; IDs not due only top up the last one. A chunk
  // with no due ID is not worth a call: a check set off by a lookup alone leaves the list for its own time.
  const limits = chunkLimits(shape);
  const ordered = [...byWait(listed.filter((id) => due.has(id))), ...byWait(listed.filter((id) => !due.has(id)))];
  const chunks = limits ? chunkIds(ordered, limits).filter((chunk) => chunk.some((id) => due.has(id))) : [];

  const calls: Call[] = [
    ...pages.map((page): Call => ({ kind: 'page', page })),
    ...chunks.map((ids): Call => ({ kind: 'list', ids })),
    ...byWait(alone).map((id): Call => ({ kind: 'single', id })),
  ];
  const waitOf = (call: Call) => (call.kind === 'page' ? Number.NEGATIVE_INFINITY : Math.min(...idsOfCall(call).map(waitOfId)));
  calls.sort((first, second) => ascending(waitOf(first), waitOf(second)) || callOrder[first.kind] - callOrder[second.kind]);
  const readsAlone = new Set(alone);

  const plan: CheckPlan = { listChunks: [], pages: [], pagesLeft: [], singleReads: [], waiting: [] };
  let room = Math.max(0, Math.min(allowance, maxCallsPerCheck));
  for (const call of calls) {
    const probing = call.kind === 'list' && !shape.accepted && plan.listChunks.length > 0;
    if (room === 0 || probing) {
      plan.waiting.push(...idsOfCall(call).filter((id) => paged.has(id) || due.has(id) || readsAlone.has(id)));
      if (call.kind === 'page') plan.pagesLeft.push(call.page);
      continue;
    }
    room -= 1;
    if (call.kind === 'page') plan.pages.push(call.page);
    else if (call.kind === 'list') plan.listChunks.push(call.ids);
    else plan.singleReads.push(call.id);
  }
  return plan;
}

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
