import { describe, expect, it } from 'vitest';
import type { DefenderProblem } from '../../defender/defender-problem';
import { parseMachineAction, type MachineAction } from '../../defender/machine-action';
import type { Guid } from '../../lib/guid';
import { actionBody } from '../../testing/machine-actions';
import { planCheck, type CheckPlan, type PlanBudget } from './check-plan';
import { dueAt, entryState, type EntryState, type WatchedEntry } from './entry-state';
import { afterPage, maxPagesPerList, type PendingPage } from './list-pages';
import { nextReadyAt } from './next-check';
import { firstListShape, type ListShape } from '../list-shapes/list-shape';
import { RateBudget } from './rate-budget';
import { recordCheck, type ActionWatch } from '../watch/watch-state';

const now = Date.parse('2026-01-05T10:00:00Z');
const [a, b, c, d] = [1, 2, 3, 4].map((n) => `aaaaaaaa-0000-4000-8000-00000000000${n}` as Guid);
const board = (count: number, prefix = '0000') => Array.from({ length: count }, (_, index) => `${prefix}0000-0000-4000-8000-${String(index).padStart(12, '0')}` as Guid);
const many = Array.from({ length: 45 }, (_, index) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}` as Guid);

const neverRead: EntryState = { kind: 'never-read' };
const missing: EntryState = { kind: 'missing-from-list', since: now };
const missingSince = (since: number): EntryState => ({ kind: 'missing-from-list', since });
const stopped: EntryState = { kind: 'stopped' };
/** Found and running; by default neither eager nor likely, so due at its latest time only. */
const found = (dueAt: number, extra: { checkedAt?: number; eager?: boolean; likelihood?: number } = {}): EntryState => ({
  kind: 'found',
  dueAt,
  checkedAt: extra.checkedAt ?? now - 5_000,
  eager: extra.eager ?? false,
  likelihood: extra.likelihood ?? 0,
});
const eager = (likelihood: number, checkedAt = now - 3_000): EntryState => found(now + 60_000, { checkedAt, eager: true, likelihood });
const readFailed = (dueAt: number): EntryState => ({ kind: 'read-failed', dueAt });
const grace = (dueAt: number): EntryState => ({ kind: 'not-found-grace', dueAt });

const accepted: ListShape = { ...firstListShape, accepted: true };

/** `available` calls now; routine ones leave `reserve` of them, eager ones twice that. */
const budget = (available: number, { reserve = 0, routine = true } = {}): PlanBudget => ({
  available: { urgent: available, due: available - reserve, eager: available - 2 * reserve },
  routine,
});

type Calls = Omit<CheckPlan, 'routineCalls'>;

/** The calls of the check, without the count of routine ones (tested on its own). */
function plan(states: [Guid, EntryState][], allowance: number | PlanBudget = 10, shape = accepted, pages: PendingPage[] = []): Calls {
  const { routineCalls: _, ...result } = planCheck(new Map(states), now, typeof allowance === 'number' ? budget(allowance) : allowance, shape, pages);
  return result;
}

const calls = (listChunks: Guid[][], singleReads: Guid[] = [], waiting: Guid[] = [], pages: PendingPage[] = [], pagesLeft: PendingPage[] = []): Calls => ({
  listChunks,
  pages,
  pagesLeft,
  singleReads,
  waiting,
});
const noCall = calls([]);

describe('planCheck: which call reads which action', () => {
  it.each<[string, [Guid, EntryState][], Calls]>([
    ['nothing is due: no call', [[a, found(now + 1)], [b, grace(now + 1)], [c, stopped]], noCall],
    ['no action at all: no call', [], noCall],
    ['the one ID to read, never read: read alone (a clearer 404)', [[a, neverRead]], calls([], [a])],
    ['two never-read IDs: one list call', [[a, neverRead], [b, neverRead]], calls([[a, b]])],
    ['one found action, due: a list call of one', [[a, found(now)]], calls([[a]])],
    ['every found action joins the list when it is due, due or not', [[a, found(now)], [b, found(now + 9_000)]], calls([[a, b]])],
    ['a never-read ID sets off the list, found actions ride along (after it: it waited longer)', [[a, found(now + 9_000)], [b, neverRead]], calls([[b, a]])],
    ['missing from the last list: read alone next, the list left for its own time', [[a, found(now + 9_000)], [b, missing]], calls([], [b])],
    ['missing from the list while the list is due: both', [[a, found(now)], [b, missing]], calls([[a]], [b])],
    ['in its not-found grace and due: read alone', [[a, found(now + 9_000)], [b, grace(now)]], calls([], [b])],
    ['in its not-found grace, not due yet: waits, even when the list goes', [[a, found(now)], [b, grace(now + 1)]], calls([[a]])],
    ['a never-read ID and a lookup: the only one to read in total, so alone', [[a, neverRead], [b, missing]], calls([], [a, b])],
    ['stopped actions are never read and never count as one to read', [[a, stopped], [b, neverRead], [c, stopped]], calls([], [b])],
    ['read-failed IDs (a failed list call) stay in the next list call', [[a, readFailed(now)], [b, readFailed(now)], [c, readFailed(now)]], calls([[a, b, c]])],
    ['a read-failed ID not due yet rides along with the list', [[a, found(now)], [b, readFailed(now + 9_000)]], calls([[a, b]])],
    ['the most overdue first, inside a chunk too', [[a, found(now)], [b, found(now - 4_000)], [c, neverRead]], calls([[c, b, a]])],
    // A read alone costs a call of its own: a failed ID waits out its backoff, whatever else is read.
    ['a lone read-failed ID, not due, waits out its backoff while a due lookup is read', [[a, readFailed(now + 9_000)], [b, grace(now)]], calls([], [b])],
    ['a lone read-failed ID, due, is read alone', [[a, readFailed(now)], [b, grace(now + 1)]], calls([], [a])],
  ])('%s', (_, states, expected) => {
    expect(plan(states)).toEqual(expected);
  });

  it('splits a long list into chunks that each fit in a URL, in the order watched', () => {
    const { listChunks } = plan(many.map((id) => [id, neverRead]));
    expect(listChunks.length).toBe(2);
    expect(listChunks.flat()).toEqual(many);
  });
});

describe('planCheck: the budget allowance', () => {
  const busy: [Guid, EntryState][] = [...many.map((id): [Guid, EntryState] => [id, found(now)]), [a, missing], [b, grace(now)]];

  it.each<[string, number, (result: Calls) => void]>([
    [
      'no call left: everything waits',
      0,
      (result) => expect(result).toEqual(calls([], [], [...many, a, b])),
    ],
    [
      'one call left: the first list chunk goes, the rest waits',
      1,
      (result) => {
        expect(result.listChunks).toEqual([many.slice(0, result.listChunks[0].length)]);
        expect(result.singleReads).toEqual([]);
        expect(result.waiting).toEqual([...many.slice(result.listChunks[0].length), a, b]);
      },
    ],
    [
      'three calls left: both list chunks first, then the first single read',
      3,
      (result) => {
        expect(result.listChunks.flat()).toEqual(many);
        expect(result.singleReads).toEqual([a]);
        expect(result.waiting).toEqual([b]);
      },
    ],
    [
      'plenty of calls left: still at most three in one check, the rest at the next',
      80,
      (result) => {
        expect(result.listChunks.flat()).toEqual(many);
        expect(result.singleReads).toEqual([a]);
        expect(result.waiting).toEqual([b]);
      },
    ],
  ])('%s', (_, allowance, expectations) => {
    expectations(plan(busy, allowance));
  });

  it('a lone lookup with no call left waits', () => {
    expect(plan([[c, found(now + 9_000)], [d, missing]], 0)).toEqual(calls([], [], [d]));
  });
});

describe('planCheck: the budget-aware pace', () => {
  it.each<[string, [Guid, EntryState][], PlanBudget, Calls, number]>([
    ['an eager action 2 s after its last check: due at the pace', [[a, eager(0.1, now - 2_000)]], budget(10), calls([[a]]), 1],
    ['an eager action checked under 2 s ago: not yet (the floor)', [[a, eager(0.9, now - 1_999)]], budget(10), noCall, 0],
    ['eager, but the pace is not open: waits', [[a, eager(0.9)]], budget(10, { routine: false }), calls([], [], [a]), 0],
    ['not eager (its device looks offline), not at its latest time: no call', [[a, found(now + 30_000)]], budget(10), noCall, 0],
    ['one eager action sets off the list call, the rest of the board rides along', [[a, found(now + 30_000)], [b, eager(0.05)], [c, found(now + 50_000)]], budget(10), calls([[b, a, c]]), 1],
    ['a call at its latest time leaves the reserve: one call left above it', [[a, found(now)]], budget(3, { reserve: 2 }), calls([[a]]), 1],
    ['a call at its latest time leaves the reserve: none left above it', [[a, found(now)]], budget(2, { reserve: 2 }), calls([], [], [a]), 0],
    ['an eager call leaves twice the reserve: one call left above it', [[a, eager(0.5)]], budget(5, { reserve: 2 }), calls([[a]]), 1],
    ['an eager call leaves twice the reserve: none left above it', [[a, eager(0.5)]], budget(4, { reserve: 2 }), calls([], [], [a]), 0],
    ['new IDs may spend the reserve, and the pace does not hold them', [[a, neverRead], [b, neverRead]], budget(1, { reserve: 2, routine: false }), calls([[a, b]]), 0],
    ['a never-read ID and a due eager one share the call, which is not routine', [[a, eager(0.5)], [b, neverRead]], budget(10, { routine: false }), calls([[b, a]]), 0],
  ])('%s', (_, states, allowance, expected, routineCalls) => {
    expect(plan(states, allowance)).toEqual(expected);
    expect(planCheck(new Map(states), now, allowance, accepted).routineCalls).toBe(routineCalls);
  });

  const chunkOf = (prefix: string) => board(39, prefix);

  it('gives the calls to the chunks likeliest to hold a finish, after those at their latest time', () => {
    const [unlikely, likely, overdue, likeliest] = [chunkOf('1111'), chunkOf('2222'), chunkOf('3333'), chunkOf('4444')];
    const states: [Guid, EntryState][] = [
      ...unlikely.map((id): [Guid, EntryState] => [id, eager(0.01)]),
      ...likely.map((id): [Guid, EntryState] => [id, eager(0.3)]),
      ...overdue.map((id): [Guid, EntryState] => [id, found(now - 1_000)]),
      ...likeliest.map((id): [Guid, EntryState] => [id, eager(0.6)]),
    ];
    const result = planCheck(new Map(states), now, budget(80), accepted);
    expect(result.listChunks).toEqual([overdue, likeliest, likely]);
    expect(result.waiting).toEqual(unlikely);
  });

  it('many new IDs go at once, as far as the budget allows, however many chunks they take', () => {
    const result = planCheck(new Map(board(500).map((id) => [id, neverRead])), now, budget(80, { reserve: 8, routine: false }), accepted);
    expect(result.listChunks.flat()).toEqual(board(500));
    expect(result.routineCalls).toBe(0);
  });
});

describe('nextReadyAt: when the next check is worth making, and the budget holds a call for it', () => {
  const free = (urgent: number, due: number, eager: number) => ({ urgent, due, eager });
  it.each<[string, [Guid, EntryState][], ReturnType<typeof free>, { at: number; urgent: boolean } | undefined]>([
    ['nothing watched: never', [], free(now, now, now), undefined],
    ['a new ID: at once', [[a, neverRead]], free(now, now, now), { at: now, urgent: true }],
    ['a new ID, the budget empty for 5 s: then', [[a, neverRead]], free(now + 5_000, now + 5_000, now + 5_000), { at: now + 5_000, urgent: true }],
    ['an eager action: 2 s after its last check', [[a, eager(0.5, now - 500)]], free(now, now, now), { at: now + 1_500, urgent: false }],
    [
      'an eager action while the budget is too low for eager calls: at its latest time',
      [[a, found(now + 4_000, { checkedAt: now - 1_000, eager: true, likelihood: 0.5 })]],
      free(now, now, now + 30_000),
      { at: now + 4_000, urgent: false },
    ],
    ['not eager: at its latest time, when the budget holds one past the reserve', [[a, found(now + 4_000)]], free(now, now + 9_000, now + 9_000), { at: now + 9_000, urgent: false }],
  ])('%s', (_, states, freeAt, expected) => {
    expect(nextReadyAt(new Map(states), now, [], freeAt)).toEqual(expected);
  });
});

function action(status: string, createdAt = now - 10_000): MachineAction {
  const created = new Date(createdAt).toISOString();
  const parsed = parseMachineAction(actionBody({ status, creationDateTimeUtc: created, lastUpdateDateTimeUtc: created }));
  if (!parsed.ok) throw new Error(parsed.detail);
  return parsed.action;
}

/** The watch after these outcomes, each a second apart, ending at `now`; jitter 0.5. */
function watchAfter(...outcomes: ({ action: MachineAction } | { problem: DefenderProblem })[]): ActionWatch {
  let watch: ActionWatch | undefined;
  outcomes.forEach((outcome, index) => {
    const at = now - (outcomes.length - 1 - index) * 1_000;
    watch = recordCheck(watch, 'action' in outcome ? { ok: true, action: outcome.action } : { ok: false, problem: outcome.problem }, at, 0.5);
  });
  if (!watch) throw new Error('no outcome');
  return watch;
}

const checked = (watch: ActionWatch, extra: Partial<WatchedEntry> = {}): WatchedEntry => ({ watched: true, last: { watch, checkedAt: now }, missingFromListSince: undefined, ...extra });
const notFound: DefenderProblem = { kind: 'not-found' };
const server: DefenderProblem = { kind: 'server', status: 500 };

/** The state's kind and times: whether it is eager and how likely, entryState's own tests below say. */
const brief = (state: EntryState) => (state.kind === 'found' ? { kind: state.kind, dueAt: state.dueAt } : state);

describe('entryState', () => {
  it.each<[string, WatchedEntry, boolean, EntryState]>([
    ['watched, no check answered yet', { watched: true, missingFromListSince: undefined }, false, neverRead],
    ['no one watches it any more', checked(watchAfter({ action: action('Pending') }), { watched: false }), false, stopped],
    ['the list left it out (it was found before)', checked(watchAfter({ action: action('Pending') }), { missingFromListSince: now - 5 }), false, missingSince(now - 5)],
    ['the list left it out, never read', { watched: true, missingFromListSince: now }, false, missing],
    ['running and new: due at the fresh pace', checked(watchAfter({ action: action('Pending') })), false, found(now + 5_000)],
    ['running, tab hidden: due at the hidden pace', checked(watchAfter({ action: action('InProgress') })), true, found(now + 60_000)],
    ['final: stopped', checked(watchAfter({ action: action('Succeeded') })), false, stopped],
    ['found, then a 500: still found, due after the backoff', checked(watchAfter({ action: action('Pending') }, { problem: server })), false, found(now + 3_750)],
    ['found, then its own read 404s: still found (the list tries it first)', checked(watchAfter({ action: action('Pending') }, { problem: notFound })), false, found(now + 3_000)],
    ['a list call failed before it was ever read (500)', checked(watchAfter({ problem: server })), false, readFailed(now + 3_750)],
    ['a list call failed before it was ever read (429, Retry-After 40 s)', checked(watchAfter({ problem: { kind: 'throttled', retryAfterMs: 40_000 } })), false, readFailed(now + 40_500)],
    ['not found, inside the grace', checked(watchAfter({ problem: notFound }, { problem: notFound })), false, grace(now + 3_000)],
    ['not found for longer than the grace: stopped', checked(watchAfter(...Array.from({ length: 21 }, () => ({ problem: notFound })))), false, stopped],
    ['a failure only the analyst can fix: stopped', checked(watchAfter({ problem: { kind: 'forbidden' } })), false, stopped],
  ])('%s', (_, entry, hidden, expected) => {
    expect(brief(entryState(entry, { now, hidden, paceMs: 3_000 }))).toEqual(brief(expected));
  });

  it('a failed list call leaves its new IDs in the next list call', () => {
    const afterFailure = (problem: DefenderProblem) => entryState(checked(watchAfter({ problem })), { now, hidden: false, paceMs: 3_000 });
    const states = new Map([
      [a, afterFailure(server)],
      [b, afterFailure({ kind: 'throttled', retryAfterMs: 1_000 })],
    ]);
    expect(planCheck(states, now + 3_750, budget(10))).toMatchObject(calls([[b, a]])); // b's Retry-After ended first
  });
});

describe('dueAt', () => {
  it.each<[EntryState, number | undefined]>([
    [neverRead, now],
    [missing, now],
    [found(now + 5), now + 5],
    [readFailed(now + 6), now + 6],
    [grace(now + 7), now + 7],
    [stopped, undefined],
  ])('%o is due at %s', (state, expected) => {
    expect(dueAt(state, now)).toBe(expected);
  });
});

const orShape: ListShape = { kind: 'or', maxFilterLength: 1_800, accepted: true };
const singleShape: ListShape = { kind: 'single', maxFilterLength: 0, accepted: true };
const page = (ids: Guid[], pagesRead = 1): PendingPage => ({ link: `https://api.securitycenter.microsoft.com/api/machineactions?$skip=${pagesRead * 2}`, ids, pagesRead });

describe('planCheck: the list shape this tenant accepts', () => {
  const fifty = board(50);

  it.each<[string, [Guid, EntryState][], ListShape, number, (result: Calls) => void]>([
    [
      '`or` chains hold at most 20 IDs each',
      fifty.map((id) => [id, neverRead]),
      orShape,
      10,
      (result) => expect(result.listChunks.map((chunk) => chunk.length)).toEqual([20, 20, 10]),
    ],
    [
      'single reads: each due action is read alone, and none rides along',
      [[a, found(now)], [b, found(now + 9_000)], [c, neverRead], [d, missingSince(now + 1)]],
      singleShape,
      10,
      (result) => expect(result).toEqual(calls([], [c, a, d])),
    ],
    [
      'a shape not accepted yet: one list call goes, as a probe, the other chunks wait',
      fifty.map((id) => [id, neverRead]),
      { ...firstListShape, accepted: false },
      10,
      (result) => {
        expect(result.listChunks).toEqual([fifty.slice(0, 39)]);
        expect(result.waiting).toEqual(fifty.slice(39));
      },
    ],
    [
      'the probe holds back list calls only: a lookup still goes with it',
      [...fifty.map((id): [Guid, EntryState] => [id, neverRead]), [a, missingSince(now - 1_000)]],
      { ...firstListShape, accepted: false },
      10,
      (result) => {
        expect(result.listChunks).toEqual([fifty.slice(0, 39)]);
        expect(result.singleReads).toEqual([a]);
      },
    ],
  ])('%s', (_, states, shape, allowance, expectations) => {
    expectations(plan(states, allowance, shape));
  });
});

describe('planCheck: further pages of a list answer', () => {
  it.each<[string, [Guid, EntryState][], PendingPage[], number, Calls]>([
    ['a page to read goes first, and its IDs join no other call', [[a, neverRead], [b, neverRead], [c, neverRead]], [page([b, c])], 10, calls([], [a], [], [page([b, c])])],
    ['a page goes even when nothing else is due', [[a, found(now + 9_000)], [b, found(now + 9_000)]], [page([b])], 10, calls([], [], [], [page([b])])],
    ['a page for actions no one watches any more is dropped', [[a, found(now + 9_000)], [b, stopped]], [page([b])], 10, noCall],
    ['a page keeps only the IDs still watched', [[a, found(now + 9_000)], [b, stopped], [c, neverRead]], [page([b, c])], 10, calls([], [], [], [page([c])])],
    ['pages count against the calls of a check', [[a, found(now)], [b, neverRead], [c, neverRead]], [page([b]), page([c], 2)], 1, calls([], [], [c, a], [page([b])], [page([c], 2)])],
  ])('%s', (_, states, pages, allowance, expected) => {
    expect(plan(states, allowance, accepted, pages)).toEqual(expected);
  });
});

describe('afterPage: whether to follow a nextLink', () => {
  const link = 'https://api.securitycenter.microsoft.com/api/machineactions?$skip=2';
  const next = 'https://api.securitycenter.microsoft.com/api/machineactions?$skip=4';

  it.each<[string, Guid[], Guid[], number, string | undefined, string | undefined, ReturnType<typeof afterPage>]>([
    ['every ID returned: nothing left, the nextLink not needed', [a, b], [a, b], 1, next, undefined, { leftOut: [] }],
    ['no nextLink: the IDs not returned are read alone', [a, b, c], [a], 1, undefined, undefined, { leftOut: [b, c] }],
    ['a nextLink and IDs still missing: the next page, for them only', [a, b, c], [a], 1, next, undefined, { next: { link: next, ids: [b, c], pagesRead: 1 }, leftOut: [] }],
    ['the same link again: a loop, given up', [a, b], [a], 2, link, link, { leftOut: [b], gaveUp: 'same-link' }],
    [`${maxPagesPerList} pages read: given up`, [a, b], [a], maxPagesPerList, next, link, { leftOut: [b], gaveUp: 'page-limit' }],
  ])('%s', (_, asked, returned, pagesRead, nextLink, current, expected) => {
    expect(afterPage(asked, new Set(returned), pagesRead, nextLink, current)).toEqual(expected);
  });
});

/**
 * Plays checks as the poller makes them, with the budget at 80 % of the quota (80 a minute, 1,200 an hour):
 * a check every second at most, routine ones at the budget's pace (3 s a call), each call answered at once,
 * every action read due again 5 s later (a new action's pace), never eager. Returns when each ID was read.
 */
function playChecks(ids: Guid[], extraStates: [Guid, EntryState][], untilMs: number): Map<Guid, number[]> {
  const states = new Map<Guid, EntryState>([...ids.map((id): [Guid, EntryState] => [id, neverRead]), ...extraStates]);
  const rateBudget = new RateBudget({ perMinute: 80, perHour: 1_200 });
  const reads = new Map<Guid, number[]>();
  let notBefore = now;
  for (let at = now; at < now + untilMs; at += 1_000) {
    const result = planCheck(states, at, { available: rateBudget.allowance(at), routine: at >= notBefore }, accepted);
    const read = [...result.listChunks.flat(), ...result.singleReads];
    rateBudget.record(at, result.listChunks.length + result.singleReads.length);
    for (const id of read) {
      reads.set(id, [...(reads.get(id) ?? []), at]);
      states.set(id, found(at + 5_000, { checkedAt: at }));
    }
    if (result.routineCalls > 0) notBefore = at + rateBudget.paceMs(result.routineCalls);
  }
  return reads;
}

describe('planCheck: a big board is read at once, then checked in rounds, every ID within a bound', () => {
  it.each<[string, number, number, number]>([
    // [board, list calls it takes (chunks of 39), the longest any ID may wait after its first read: a round
    // of checks of three calls each, 3 × 3.04 s apart (the budget less its reserves), on whole seconds]
    ['100 IDs: three chunks, read at once, one routine check a round', 100, 3, 10_000],
    ['1,000 IDs: 26 chunks, read at once, nine checks a round', 1_000, 26, 90_000],
    ['4,000 IDs: 103 chunks, more than the budget allows in a minute', 4_000, 103, 350_000],
  ])('%s', (_, size, chunks, longestWaitMs) => {
    const ids = board(size);
    const first = planCheck(new Map(ids.map((id) => [id, neverRead])), now, budget(80), accepted);
    // New IDs are not routine: as many list calls as the minute's budget holds go at once.
    expect(first.listChunks.length).toBe(Math.min(80, chunks));
    expect(first.routineCalls).toBe(0);

    const reads = playChecks(ids, [], 60_000 + longestWaitMs * 3);
    for (const id of ids) {
      const times = reads.get(id) ?? [];
      expect(times[0]).toBeLessThanOrEqual(now + (chunks > 80 ? 60_000 : 0));
      expect(times.length).toBeGreaterThan(2);
      const gaps = times.slice(1).map((time, index) => time - times[index]);
      expect(Math.max(...gaps)).toBeLessThanOrEqual(longestWaitMs + 3_000);
    }
  });

  it('a lookup is not starved by a board whose list calls are always overdue', () => {
    const ids = board(1_000);
    const lookup = 'bbbbbbbb-0000-4000-8000-000000000001' as Guid;
    const reads = playChecks(ids, [[lookup, missingSince(now)]], 120_000);
    expect(reads.get(lookup)?.[0]).toBeLessThanOrEqual(now + 90_000);
  });
});
