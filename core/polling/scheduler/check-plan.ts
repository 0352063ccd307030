import type { Guid } from '../../lib/guid';
import type { HistoryOf } from '../history/duration-history';
import { chunkIds } from '../list-shapes/chunk-ids';
import { chunkLimits, firstListShape, type ListShape } from '../list-shapes/list-shape';
import { finishLikelihood, isWorthThePace } from '../pacing/finish-likelihood';
import { nextPollDelay } from '../pacing/next-poll-delay';
import type { ActionWatch } from '../watch/watch-state';

/** Where one watched action stands before a check, as far as choosing its call goes. */
export type EntryState =
  /** No check has answered for it yet: due at once, ahead of every routine check (the analyst waits on it). */
  | { kind: 'never-read' }
  /** Checked, but no call has brought it back yet (a 500, a 429, a timeout): due once its backoff is over. */
  | { kind: 'read-failed'; dueAt: number }
  /**
   * Defender returned it before and it is still running (a later call may have failed). `dueAt` is the
   * latest it may wait (today's cadence, or its kind's history, or a failure's backoff); `eager`, whether it
   * is worth a check at the budget's pace before then; `likelihood`, its chance of finishing within the
   * next pace interval, which decides who gets the calls when there are not enough.
   */
  | { kind: 'found'; dueAt: number; checkedAt: number; eager: boolean; likelihood: number }
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

/** What the state of an entry is judged with, besides the entry. */
export interface StateContext {
  now: number;
  hidden: boolean;
  /** The pace between checks, the window a finish's likelihood is judged over. */
  paceMs: number;
  historyOf?: HistoryOf;
  /** False: no check before an action's latest time (the benchmarks' comparison with the pace before the planner). */
  eagerChecks?: boolean;
}

/**
 * The entry's state. Its latest time to be checked is judged as of the last check, as the page judges
 * it, so both agree; whether a check before then is worth it, as of now.
 */
export function entryState(entry: WatchedEntry, context: StateContext): EntryState {
  if (!entry.watched) return { kind: 'stopped' };
  if (entry.missingFromListSince !== undefined) return { kind: 'missing-from-list', since: entry.missingFromListSince };
  if (!entry.last) return { kind: 'never-read' };
  const { watch, checkedAt } = entry.last;
  const history = watch.action ? context.historyOf?.(watch.action) : undefined;
  const delay = nextPollDelay(watch, { now: checkedAt, hidden: context.hidden, history });
  if (delay === false) return { kind: 'stopped' };
  const dueAt = checkedAt + delay;
  // A found action stays "found" through a later 404: the list call tries it first, then its own read.
  if (watch.action) {
    // A failing read is retried at its backoff, never sooner: calls would not make the failure pass.
    const eager = context.eagerChecks !== false && watch.failure === undefined && isWorthThePace(watch.action, history, context.now, context.hidden);
    return { kind: 'found', dueAt, checkedAt, eager, likelihood: finishLikelihood(watch.action, history, context.now, context.paceMs) };
  }
  if (watch.failure?.problem.kind === 'not-found') return { kind: 'not-found-grace', dueAt };
  return { kind: 'read-failed', dueAt };
}

/**
 * When the state asks for a call at the latest, or undefined when it asks for none. An eager action may be
 * checked before then, at the budget's pace: `readyAt` says from when.
 */
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

/**
 * Never sooner than this after an action's last check, whatever the budget allows: a finish is seen within
 * about a second of it, and Defender's own pages refresh no faster.
 */
export const checkFloorMs = 2_000;

/** When a check of the action is worth making: its latest time, or for an eager one, the floor after its last check. */
export function readyAt(state: EntryState, now: number): number | undefined {
  const latest = dueAt(state, now);
  if (state.kind !== 'found' || !state.eager || latest === undefined) return latest;
  return Math.min(latest, state.checkedAt + checkFloorMs);
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
 * At most this many routine calls go out in one check; the poller leaves the budget's pace after them, so
 * the calls of a board too big for one are spread over the minute rather than spent at once. New IDs and
 * further pages are not routine: they go at once, as far as the budget allows.
 */
export const maxCallsPerCheck = 3;

/** What the budget allows the check at hand. */
export interface PlanBudget {
  /** Calls that fit in the minute's and the hour's budget right now. */
  available: number;
  /**
   * Of those, how many routine calls must leave for new IDs and pages: they are never queued behind routine
   * checks. Calls made only because a finish is likely leave twice as many.
   */
  reserve: number;
  /** Whether the budget's pace allows routine calls now (the last routine check's calls have been spaced out). */
  routine: boolean;
}

/** A budget with room for everything, for a caller that only asks which calls a check would make. */
export const roomyBudget: PlanBudget = { available: Number.POSITIVE_INFINITY, reserve: 0, routine: true };

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
  /** Of the calls, how many were routine: the poller leaves the budget's pace after them. */
  routineCalls: number;
}

/**
 * How a due ID ranks for the calls, lowest first: new IDs (the analyst is waiting on them), then those at
 * their latest time (the one that waited longest first, so that none starves), then eager ones, the likelier
 * to have finished first. An ID that is not due has no rank: it only rides along in a list call.
 */
type Rank = readonly [tier: number, order: number];

function rankOf(state: EntryState, now: number): Rank | undefined {
  switch (state.kind) {
    case 'never-read':
      return [0, 0];
    case 'missing-from-list':
      return [1, state.since];
    case 'read-failed':
    case 'not-found-grace':
      return state.dueAt <= now ? [1, state.dueAt] : undefined;
    case 'found':
      if (state.dueAt <= now) return [1, state.dueAt];
      return state.eager && state.checkedAt + checkFloorMs <= now ? [2, -state.likelihood] : undefined;
    case 'stopped':
      return undefined;
  }
}

function compareRanks(first: Rank | undefined, second: Rank | undefined): number {
  if (first === undefined || second === undefined) return first === second ? 0 : first === undefined ? 1 : -1;
  return ascending(first[0], second[0]) || ascending(first[1], second[1]);
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

function idsOfCall(call: Call): Guid[] {
  return call.kind === 'page' ? call.page.ids : call.kind === 'list' ? call.ids : [call.id];
}

/**
 * The calls of the check at `now`, given each watched action's state (in the order watched), what the
 * budget allows, the list shape this tenant accepts, and the pages still to follow.
 *
 * New IDs and further pages go at once, as many as the budget holds: a pasted board is read whole in
 * seconds. Routine checks go at the budget's pace, at most `maxCallsPerCheck` a check, leaving the
 * budget's reserve: every eager action together while one list call holds them, and when the calls do not
 * cover everything, first those at their latest time, then the chunks likeliest to hold a finish. While the
 * shape is not accepted yet, one list call of it goes out alone, as a probe. The rest waits.
 */
export function planCheck(
  states: ReadonlyMap<Guid, EntryState>,
  now: number,
  budget: PlanBudget = roomyBudget,
  shape: ListShape = firstListShape,
  pendingPages: readonly PendingPage[] = [],
): CheckPlan {
  const live = (id: Guid) => (states.get(id)?.kind ?? 'stopped') !== 'stopped';
  const pages = pendingPages.map((page) => ({ ...page, ids: page.ids.filter(live) })).filter((page) => page.ids.length > 0);
  const paged = new Set(pages.flatMap((page) => page.ids));
  const open = new Map([...states].filter(([id]) => !paged.has(id)));
  const ranks = new Map<Guid, Rank>();
  for (const [id, state] of open) {
    const rank = rankOf(state, now);
    if (rank !== undefined) ranks.set(id, rank);
  }
  const due = new Set(ranks.keys());
  if (due.size === 0 && pages.length === 0) return { listChunks: [], pages: [], pagesLeft: [], singleReads: [], waiting: [], routineCalls: 0 };

  const { listed, alone } = chooseCalls(open, due, shape);
  // Sorting is stable: equal ranks keep the order watched. Riders (no rank) go nearest-due first.
  const byRank = (ids: Guid[]) =>
    [...ids].sort((first, second) => {
      const [one, other] = [ranks.get(first), ranks.get(second)];
      return one === undefined && other === undefined ? ascending(latestOf(open, first), latestOf(open, second)) : compareRanks(one, other);
    });
  // Due IDs fill the chunks first, the best-ranked first; IDs not due only top up the last one. A chunk with
  // no due ID is not worth a call: a check set off by a lookup alone leaves the list for its own time.
  const limits = chunkLimits(shape);
  const chunks = limits ? chunkIds(byRank(listed), limits).filter((chunk) => chunk.some((id) => due.has(id))) : [];

  const rankOfCall = (call: Call): Rank => (call.kind === 'page' ? [-1, 0] : idsOfCall(call).map((id) => ranks.get(id)).reduce<Rank>((best, rank) => (rank && compareRanks(rank, best) < 0 ? rank : best), [9, 0]));
  const calls: Call[] = [
    ...pages.map((page): Call => ({ kind: 'page', page })),
    ...chunks.map((ids): Call => ({ kind: 'list', ids })),
    ...byRank(alone).map((id): Call => ({ kind: 'single', id })),
  ];
  // Stable: at equal rank a list call goes before a single read, and chunks keep their order.
  calls.sort((first, second) => compareRanks(rankOfCall(first), rankOfCall(second)));
  const readsAlone = new Set(alone);

  const plan: CheckPlan = { listChunks: [], pages: [], pagesLeft: [], singleReads: [], waiting: [], routineCalls: 0 };
  let available = Math.max(0, budget.available);
  let routineRoom = budget.routine ? maxCallsPerCheck : 0;
  for (const call of calls) {
    const tier = rankOfCall(call)[0];
    const urgent = tier <= 0;
    const probing = call.kind === 'list' && !shape.accepted && plan.listChunks.length > 0;
    // Calls made only because a finish is likely leave twice the reserve: the calls at their latest time
    // always have some left, even in an hour the eager calls filled.
    const kept = tier >= 2 ? 2 * budget.reserve : budget.reserve;
    const fits = urgent ? available > 0 : routineRoom > 0 && available > kept;
    if (!fits || probing) {
      plan.waiting.push(...idsOfCall(call).filter((id) => paged.has(id) || due.has(id) || readsAlone.has(id)));
      if (call.kind === 'page') plan.pagesLeft.push(call.page);
      continue;
    }
    available -= 1;
    if (!urgent) {
      routineRoom -= 1;
      plan.routineCalls += 1;
    }
    if (call.kind === 'page') plan.pages.push(call.page);
    else if (call.kind === 'list') plan.listChunks.push(call.ids);
    else plan.singleReads.push(call.id);
  }
  return plan;
}

/** The latest time an ID may wait, for ordering the IDs that only ride along: the nearest due first. */
function latestOf(states: ReadonlyMap<Guid, EntryState>, id: Guid): number {
  const state = states.get(id);
  return state === undefined ? Number.POSITIVE_INFINITY : (dueAt(state, Number.NEGATIVE_INFINITY) ?? Number.POSITIVE_INFINITY);
}

/** When the budget next holds a call for each kind of call: a new ID's, one at its latest time, an eager one. */
export interface BudgetFreeAt {
  urgent: number;
  due: number;
  eager: number;
}

/**
 * When the next check is worth making: the earliest time any watched ID is ready and the budget holds a
 * call of its kind (new IDs and pages at once). The poller puts the budget's pace and a 429's pause on top
 * of the routine ones.
 */
export function nextReadyAt(
  states: ReadonlyMap<Guid, EntryState>,
  now: number,
  pendingPages: readonly PendingPage[] = [],
  freeAt: BudgetFreeAt = { urgent: now, due: now, eager: now },
): { at: number; urgent: boolean } | undefined {
  if (pendingPages.length > 0 || [...states.values()].some((state) => state.kind === 'never-read')) return { at: Math.max(now, freeAt.urgent), urgent: true };
  let earliest: number | undefined;
  const consider = (at: number) => (earliest = earliest === undefined ? at : Math.min(earliest, at));
  for (const state of states.values()) {
    const latest = dueAt(state, now);
    if (latest === undefined) continue;
    consider(Math.max(latest, freeAt.due));
    if (state.kind === 'found' && state.eager) consider(Math.max(state.checkedAt + checkFloorMs, freeAt.eager));
  }
  return earliest === undefined ? undefined : { at: earliest, urgent: false };
}

/**
 * When each watched action will be checked next, from the plan of the next check (at `at`): the actions its
 * calls read, then; the others at their latest time, and no sooner than a pace after it. What the page
 * says ("next check at …") is this, so it includes the budget's wait and a 429's pause wherever `at` does.
 */
export function forecastChecks(
  states: ReadonlyMap<Guid, EntryState>,
  at: number,
  budget: PlanBudget,
  paceMs: number,
  shape: ListShape = firstListShape,
  pendingPages: readonly PendingPage[] = [],
): Map<Guid, number> {
  const plan = planCheck(states, at, budget, shape, pendingPages);
  const read = new Set([...plan.listChunks.flat(), ...plan.singleReads, ...plan.pages.flatMap((page) => page.ids)]);
  const next = new Map<Guid, number>();
  for (const [id, state] of states) {
    const latest = dueAt(state, at);
    if (latest === undefined) continue;
    next.set(id, read.has(id) ? at : Math.max(latest, at + paceMs));
  }
  return next;
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
