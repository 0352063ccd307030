import type { Guid } from '../../lib/guid';
import { chunkIds } from '../list-shapes/chunk-ids';
import { chunkLimits, firstListShape, type ListShape } from '../list-shapes/list-shape';
import { dueAt, eagerFrom, type EntryState } from './entry-state';
import type { PendingPage } from './list-pages';
import type { CallKind } from './rate-budget';

/**
 * At most this many routine calls go out in one check; the poller leaves the budget's pace after them, so
 * the calls of a board too big for one are spread over the minute rather than spent at once. New IDs and
 * further pages are not routine: they go at once, as far as the budget allows.
 */
export const maxCallsPerCheck = 3;

/** What the budget allows the check at hand: how many calls of each kind fit now (rate-budget.ts's CallKind). */
export interface PlanBudget {
  available: Record<CallKind, number>;
  /** Whether the budget's pace allows routine calls now (the last routine check's calls have been spaced out). */
  routine: boolean;
}

/** A budget with room for everything, for a caller that only asks which calls a check would make. */
export const roomyBudget: PlanBudget = { available: { urgent: Number.POSITIVE_INFINITY, due: Number.POSITIVE_INFINITY, eager: Number.POSITIVE_INFINITY }, routine: true };

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

const callKinds: readonly CallKind[] = ['urgent', 'due', 'eager'];

/** Which of the budget's limits a call of this rank spends up to: new IDs and pages, due checks, eager ones. */
function kindOfTier(tier: number): CallKind {
  return tier <= 0 ? 'urgent' : tier >= 2 ? 'eager' : 'due';
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
      return (eagerFrom(state) ?? Number.POSITIVE_INFINITY) <= now ? [2, -state.likelihood] : undefined;
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
  // Read alone only when due: a failed read waits out its backoff, whatever else is read meanwhile.
  return { listed: found, alone: [...unread.filter((id) => due.has(id)), ...lookups] };
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
  const available = { ...budget.available };
  let routineRoom = budget.routine ? maxCallsPerCheck : 0;
  for (const call of calls) {
    const kind = kindOfTier(rankOfCall(call)[0]);
    const urgent = kind === 'urgent';
    const probing = call.kind === 'list' && !shape.accepted && plan.listChunks.length > 0;
    const fits = available[kind] > 0 && (urgent || routineRoom > 0);
    if (!fits || probing) {
      plan.waiting.push(...idsOfCall(call).filter((id) => paged.has(id) || due.has(id) || readsAlone.has(id)));
      if (call.kind === 'page') plan.pagesLeft.push(call.page);
      continue;
    }
    for (const each of callKinds) available[each] -= 1; // one call, whatever its kind, is one less of every kind
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
