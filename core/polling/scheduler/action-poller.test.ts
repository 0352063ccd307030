import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDefenderClient } from '../../defender/defender-client';
import { parseMachineAction } from '../../defender/machine-action';
import type { Guid } from '../../lib/guid';
import { fakeDefender, testApiBaseUrl, timeoutsOnTestTimers, type FakeDefender } from '../../testing/fake-defender';
import { actionBody } from '../../testing/machine-actions';
import { ActionPoller, type Timers } from './action-poller';
import type { HistoryOf } from '../history/duration-history';
import { evenDurations, isolationHistory } from '../../testing/duration-histories';
import { listShapeMemory, type ListShapeMemory } from '../list-shapes/list-shape-memory';
import { RateBudget } from './rate-budget';
import { memoryHistoryStore, TypeHistories } from '../history/type-histories';
import type { ActionWatch } from '../watch/watch-state';

const ids = ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000003'] as Guid[];

const timers: Timers = { now: () => Date.now(), setTimeout: (callback, ms) => setTimeout(callback, ms), clearTimeout: (handle) => clearTimeout(handle as number) };

function poller(
  fake: FakeDefender,
  budget = new RateBudget({ perMinute: 80, perHour: 1_200 }),
  listShapes: ListShapeMemory = listShapeMemory(undefined),
  historyOf?: HistoryOf,
  /** The page's origin, as the browser's client has it: a failed call to another origin is probed. */
  pageOrigin?: string,
  histories?: TypeHistories,
) {
  const seen = new Map<Guid, ActionWatch>();
  const schedules: ReadonlyMap<Guid, number>[] = [];
  const pauses: (number | undefined)[] = [];
  const reports: string[] = [];
  const defender = createDefenderClient({ apiBaseUrl: fake.apiBaseUrl, getAccessToken: async () => 'test-token', fetch: fake.fetch, pageOrigin });
  const instance = new ActionPoller({
    defender,
    budget,
    timers,
    listShapes,
    report: (message) => reports.push(message),
    random: () => 0.5,
    onCheck: (id, watch) => seen.set(id, watch),
    onPause: (until) => pauses.push(until),
    onSchedule: (schedule) => schedules.push(schedule),
    historyOf,
    histories,
  });
  return { instance, seen, pauses, reports, schedules };
}

beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse('2026-01-05T10:00:00Z') });
  timeoutsOnTestTimers();
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('ActionPoller', () => {
  it('reads every running action with one list call per check, new IDs included', async () => {
    const fake = fakeDefender();
    for (const id of ids) fake.setAction(id, { status: 'Pending' });
    const { instance, seen } = poller(fake);
    instance.setIds(ids);
    instance.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.calls.map((call) => [call.kind, call.ids.length])).toEqual([['list', 3]]);
    expect(seen.get(ids[0])?.action?.status).toBe('Pending');

    fake.calls.length = 0;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fake.calls.length).toBeGreaterThan(3);
    expect(fake.calls.every((call) => call.kind === 'list' && call.ids.length === 3)).toBe(true);
  });

  it('checks a running action at the budget\'s pace (a call about every 3 s), and every minute once its device looks offline', async () => {
    const fake = fakeDefender();
    fake.setAction(ids[0], { status: 'InProgress', createdAt: Date.now() - 5 * 60_000 });
    const { instance } = poller(fake);
    instance.setIds([ids[0]]);
    instance.start();
    await vi.advanceTimersByTimeAsync(20_000);
    // The first read at once (a new ID), the next 2 s later (the floor), then at the budget's pace: 1,200
    // an hour less the 2 % eager checks leave (24), a call every 3.06 s.
    const pace = new RateBudget({ perMinute: 80, perHour: 1_200 }).paceMs(1);
    expect(pace).toBe(3_062);
    expect(fake.calls.map((call) => call.at - fake.calls[0].at)).toEqual([0, 2_000, 2_000 + pace, 2_000 + 2 * pace, 2_000 + 3 * pace, 2_000 + 4 * pace, 2_000 + 5 * pace]);

    fake.calls.length = 0;
    fake.setAction(ids[0], { status: 'Pending', createdAt: Date.now() - 60 * 60_000 });
    await vi.advanceTimersByTimeAsync(3_000); // the check that finds it long pending
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(fake.calls.slice(1).map((call) => call.at - fake.calls[0].at)).toEqual([60_000, 120_000, 180_000, 240_000, 300_000]);
  });

  it('with the budget too low for checks made only because a finish is likely, checks at each action\'s latest time, and waits rather than spins', async () => {
    const fake = fakeDefender();
    fake.setAction(ids[0], { status: 'InProgress' });
    const budget = new RateBudget({ perMinute: 80, perHour: 1_200 });
    // Half an hour of another tab's calls: 1,180 of the hour's 1,200, past what eager checks may spend (1,176).
    budget.record(Date.now() - 30 * 60_000, 1_180);
    const { instance } = poller(fake, budget);
    instance.setIds([ids[0]]);
    instance.start();
    await vi.advanceTimersByTimeAsync(20_000);
    // A new action's latest time is 5 s: no sooner while the budget is low.
    expect(fake.calls.map((call) => call.at - fake.calls[0].at)).toEqual([0, 5_000, 10_000, 15_000, 20_000]);
  });

  it("shows a finish its kind's history calls unlikely within seconds, while the budget has calls to spare", async () => {
    // Isolations here took 30 to 69 s; this one is done in 12 s.
    const history = isolationHistory(evenDurations(40, 30_000));
    const fake = fakeDefender();
    fake.setAction(ids[0], { status: 'Pending', createdAt: Date.now() });
    const { instance, seen } = poller(fake, undefined, undefined, () => history);
    instance.setIds([ids[0]]);
    instance.start();
    await vi.advanceTimersByTimeAsync(12_000);
    fake.setAction(ids[0], { status: 'Succeeded' });
    await vi.advanceTimersByTimeAsync(3_000);
    expect(seen.get(ids[0])?.action?.status).toBe('Succeeded');
  });

  it('stops reading an action once it is final, and stops calling when none is left', async () => {
    const fake = fakeDefender();
    for (const id of ids) fake.setAction(id, { status: 'InProgress' });
    const { instance, seen } = poller(fake);
    instance.setIds(ids);
    instance.start();
    await vi.advanceTimersByTimeAsync(0);
    fake.setAction(ids[0], { status: 'Succeeded' });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(seen.get(ids[0])?.action?.status).toBe('Succeeded');
    fake.calls.length = 0;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(fake.calls.every((call) => !call.ids.includes(ids[0]))).toBe(true);

    fake.setAction(ids[1], { status: 'Failed' });
    fake.setAction(ids[2], { status: 'Cancelled' });
    await vi.advanceTimersByTimeAsync(10_000);
    fake.calls.length = 0;
    await vi.advanceTimersByTimeAsync(600_000);
    expect(fake.calls).toEqual([]);
  });

  it('reads one new ID by itself, and a new ID the list does not return by itself too', async () => {
    const fake = fakeDefender();
    fake.setAction(ids[0], { status: 'Pending' });
    const { instance, seen } = poller(fake);
    instance.setIds([ids[0]]);
    instance.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.calls.map((call) => call.kind)).toEqual(['one']);

    fake.calls.length = 0;
    instance.setIds([ids[0], ids[2]]); // ids[2] does not exist (yet)
    await vi.advanceTimersByTimeAsync(3_000);
    expect(fake.calls.slice(0, 2).map((call) => [call.kind, call.ids])).toEqual([
      ['list', [ids[2], ids[0]]], // the new ID first: it waited longest
      ['one', [ids[2]]],
    ]);
    expect(seen.get(ids[2])?.failure?.problem.kind).toBe('not-found');
  });

  it('keeps new IDs in the list call after the list call failed, rather than reading each by itself', async () => {
    const fake = fakeDefender();
    for (const id of ids) fake.setAction(id, { status: 'Pending' });
    const { instance, seen } = poller(fake);
    fake.failNext(503);
    instance.setIds(ids);
    instance.start();
    await vi.advanceTimersByTimeAsync(20_000);
    expect(fake.calls.length).toBeGreaterThanOrEqual(2);
    expect(fake.calls.every((call) => call.kind === 'list' && call.ids.length === 3)).toBe(true);
    expect(seen.get(ids[2])?.action?.status).toBe('Pending');
  });

  it('reads an ID the list does not return by itself, with the not-found grace', async () => {
    const fake = fakeDefender();
    fake.setAction(ids[0], { status: 'Pending' });
    fake.setAction(ids[1], { status: 'Pending' });
    const { instance, seen } = poller(fake);
    instance.setIds(ids.slice(0, 2));
    instance.start();
    await vi.advanceTimersByTimeAsync(0);
    fake.removeAction(ids[1]); // gone from the list
    fake.calls.length = 0;
    await vi.advanceTimersByTimeAsync(12_000);
    expect(fake.calls.some((call) => call.kind === 'list' && call.ids.includes(ids[1]))).toBe(true);
    expect(fake.calls.some((call) => call.kind === 'one' && call.ids[0] === ids[1])).toBe(true);
    expect(seen.get(ids[1])?.failure?.problem.kind).toBe('not-found');
  });

  it("gives up on a call that hangs at the client's timeout, and checks again after the backoff", async () => {
    const fake = fakeDefender();
    fake.setAction(ids[0], { status: 'Pending' });
    fake.hangNext();
    const { instance, seen } = poller(fake);
    instance.setIds([ids[0]]);
    instance.start();
    await vi.advanceTimersByTimeAsync(19_999);
    expect(seen.get(ids[0])).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(seen.get(ids[0])?.failure?.problem).toEqual({ kind: 'timeout', afterMs: 20_000 });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(seen.get(ids[0])?.action?.status).toBe('Pending');
    expect(fake.calls.map((call) => [call.kind, call.at - fake.calls[0].at])).toEqual([
      ['one', 0],
      ['one', 23_750], // the timeout, then half of 5 s fixed and half jittered (0.5)
    ]);
  });

  it('checks actions the browser refuses to read cross-origin every 5 min, with one call a check and a probe every 30 min', async () => {
    const fake = fakeDefender();
    for (const id of ids) fake.setAction(id, { status: 'Pending' });
    fake.refuseCrossOriginCalls();
    const { instance, seen } = poller(fake, undefined, undefined, undefined, 'https://watch.contoso.com');
    instance.setIds(ids);
    instance.start();
    await vi.advanceTimersByTimeAsync(30 * 60_000);
    expect(ids.map((id) => seen.get(id)?.failure?.problem.kind)).toEqual(['cross-origin', 'cross-origin', 'cross-origin']);
    const minutes = (at: number) => (at - fake.calls[0].at) / 60_000;
    expect(fake.calls.map((call) => [call.kind, minutes(call.at), call.mode])).toEqual([
      ['list', 0, undefined],
      ['list', 0, 'no-cors'],
      ...[5, 10, 15, 20, 25].map((at) => ['list', at, undefined]),
      ['list', 30, undefined],
      ['list', 30, 'no-cors'],
    ]);
  });

  it('pauses every call on a 429 until Retry-After has passed', async () => {
    const fake = fakeDefender();
    for (const id of ids) fake.setAction(id, { status: 'Pending' });
    const { instance, pauses } = poller(fake);
    instance.setIds(ids);
    instance.start();
    await vi.advanceTimersByTimeAsync(0);
    fake.failNext(429, { headers: { 'Retry-After': '40' } });
    while (pauses.length === 0) await vi.advanceTimersByTimeAsync(500);
    const throttledAt = fake.calls.at(-1)?.at ?? Number.NaN;
    expect(pauses[0]).toBe(throttledAt + 40_000);
    fake.calls.length = 0;
    await vi.advanceTimersByTimeAsync(throttledAt + 39_000 - Date.now());
    expect(fake.calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(fake.calls.length).toBe(1);
    expect(pauses.at(-1)).toBeUndefined();
  });

  it('pauses the polling too when a one-off call (a history read, say) meets a 429: the quota is the same', async () => {
    const fake = fakeDefender();
    for (const id of ids) fake.setAction(id, { status: 'Pending' });
    const { instance, pauses } = poller(fake);
    instance.setIds(ids);
    instance.start();
    await vi.advanceTimersByTimeAsync(0);
    const defender = createDefenderClient({ apiBaseUrl: fake.apiBaseUrl, getAccessToken: async () => 'test-token', fetch: fake.fetch });
    fake.failNext(429, { headers: { 'Retry-After': '40' } });
    const oneOff = instance.budgeted(() => defender.getDeviceActions('a3f1c9e27b5d48f0916c2e7d4b8a05f3c1d9e6b2'));
    await expect(oneOff).rejects.toThrow();
    expect(pauses[0]).toBe(Date.now() + 40_000);
    fake.calls.length = 0;
    await vi.advanceTimersByTimeAsync(39_000);
    expect(fake.calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(fake.calls.length).toBe(1);
  });

  it('never makes more calls than the budget allows, in any minute or hour', async () => {
    const fake = fakeDefender();
    const many = Array.from({ length: 30 }, (_, index) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}` as Guid);
    for (const id of many) fake.setAction(id, { status: 'Pending' });
    const limits = { perMinute: 6, perHour: 50 };
    const { instance } = poller(fake, new RateBudget(limits));
    instance.setIds(many);
    instance.start();
    await vi.advanceTimersByTimeAsync(2 * 3_600_000);
    const times = fake.calls.map((call) => call.at);
    expect(times.length).toBeGreaterThan(50);
    for (const at of times) {
      expect(times.filter((other) => other > at - 60_000 && other <= at).length).toBeLessThanOrEqual(limits.perMinute);
      expect(times.filter((other) => other > at - 3_600_000 && other <= at).length).toBeLessThanOrEqual(limits.perHour);
    }
  });

  it('makes no call while stopped, and takes over results learnt elsewhere', async () => {
    const fake = fakeDefender();
    fake.setAction(ids[0], { status: 'Pending' });
    const { instance } = poller(fake);
    instance.setIds([ids[0]]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fake.calls).toEqual([]);
    const parsed = parseMachineAction(actionBody({ id: ids[0], status: 'Succeeded' }));
    if (!parsed.ok) throw new Error(parsed.detail);
    instance.learn(ids[0], { action: parsed.action, readAt: Date.now(), failure: undefined, history: [], jitter: 0.5 }, Date.now());
    instance.start();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fake.calls).toEqual([]); // already final: nothing to read
  });
});

const board = (count: number) => Array.from({ length: count }, (_, index) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}` as Guid);

/** Every status the analyst would see: none of them a failure. */
function statuses(seen: Map<Guid, ActionWatch>, watched: Guid[]) {
  return watched.map((id) => seen.get(id)?.action?.status ?? seen.get(id)?.failure?.problem.kind);
}

describe('ActionPoller: list shapes Defender refuses', () => {
  it('reads every action with an `or` chain when `in` is refused, and never shows the refusal', async () => {
    const fake = fakeDefender();
    for (const id of ids) fake.setAction(id, { status: 'InProgress' });
    fake.refuseIn();
    const { instance, seen, reports } = poller(fake);
    const failures: string[] = [];
    instance.setIds(ids);
    instance.start();
    await vi.advanceTimersByTimeAsync(10_000);
    for (const watch of seen.values()) if (watch.failure) failures.push(watch.failure.problem.kind);
    expect(failures).toEqual([]);
    expect(statuses(seen, ids)).toEqual(['InProgress', 'InProgress', 'InProgress']);
    const seconds = (at: number) => Math.floor((at - fake.calls[0].at) / 1_000) * 1_000;
    expect(fake.calls.slice(0, 3).map((call) => [call.kind, call.filter, seconds(call.at)])).toEqual([
      ['list', 'in', 0],
      ['list', 'or', 0], // at once: the IDs are still unread
      ['list', 'or', 2_000], // 2 s after they were read, then at the budget's pace
    ]);
    expect(reports).toEqual([expect.stringContaining("listing with 'id eq … or id eq …' filters")]);
  });

  it('falls back to single reads when the `or` chain is refused too', async () => {
    const fake = fakeDefender();
    for (const id of ids) fake.setAction(id, { status: 'Pending' });
    fake.refuseIn();
    fake.failNext(400, { code: 'BadRequest' }); // the first call, `in`, is refused by the queue
    fake.failNext(400, { code: 'BadRequest' }); // and the `or` chain after it
    const { instance, seen } = poller(fake);
    instance.setIds(ids);
    instance.start();
    await vi.advanceTimersByTimeAsync(20_000);
    expect(statuses(seen, ids)).toEqual(['Pending', 'Pending', 'Pending']);
    expect(fake.calls.slice(0, 5).map((call) => [call.kind, call.filter])).toEqual([
      ['list', 'in'],
      ['list', 'or'],
      ['one', undefined],
      ['one', undefined],
      ['one', undefined],
    ]);
  });

  it('sends shorter `in` chunks after a 414, and every status still arrives', async () => {
    const fake = fakeDefender();
    const watched = board(30);
    for (const id of watched) fake.setAction(id, { status: 'Pending' });
    fake.refuseUrlsLongerThan(1_000);
    const { instance, seen } = poller(fake);
    instance.setIds(watched);
    instance.start();
    await vi.advanceTimersByTimeAsync(15_000);
    expect(new Set(statuses(seen, watched))).toEqual(new Set(['Pending']));
    const sizes = fake.calls.slice(0, 3).map((call) => [call.filter, call.ids.length, call.url.length > 1_000]);
    expect(sizes).toEqual([
      ['in', 30, true], // refused: 414
      ['in', 14, false], // half the refused filter's length: a probe, alone in its check
      ['in', 14, false],
    ]);
  });

  it('remembers the shape for the session: a poller started later does not send the refused `in` again', async () => {
    const fake = fakeDefender();
    for (const id of ids) fake.setAction(id, { status: 'Pending' });
    fake.refuseIn();
    const memory = listShapeMemory(undefined);
    const first = poller(fake, undefined, memory);
    first.instance.setIds(ids);
    first.instance.start();
    await vi.advanceTimersByTimeAsync(4_000);
    first.instance.stop();
    fake.calls.length = 0;
    const second = poller(fake, undefined, memory);
    second.instance.setIds(ids);
    second.instance.start();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(fake.calls.length).toBeGreaterThan(0);
    expect(fake.calls.every((call) => call.filter === 'or')).toBe(true);
  });

  it('still shows a 400 to an action of its own read: that is not a shape of our choosing', async () => {
    const fake = fakeDefender();
    fake.setAction(ids[0]);
    fake.failNext(400, { code: 'InvalidInput' });
    const { instance, seen } = poller(fake);
    instance.setIds([ids[0]]);
    instance.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(seen.get(ids[0])?.failure?.problem).toMatchObject({ kind: 'bad-request', status: 400 });
  });
});

describe('ActionPoller: paged list answers', () => {
  it('follows @odata.nextLink, a call each within the budget, and reads no action of a later page alone', async () => {
    const fake = fakeDefender();
    const watched = board(5);
    for (const id of watched) fake.setAction(id, { status: 'Pending' });
    fake.pageListsBy(2);
    const budget = new RateBudget({ perMinute: 80, perHour: 1_200 });
    const { instance, seen } = poller(fake, budget);
    instance.setIds(watched);
    instance.start();
    await vi.advanceTimersByTimeAsync(7_000);
    expect(statuses(seen, watched)).toEqual(['Pending', 'Pending', 'Pending', 'Pending', 'Pending']);
    // Further pages at once, as the IDs on them are unread: a pasted board is read whole in one go.
    expect(fake.calls.slice(0, 3).map((call) => [call.skip, call.at - fake.calls[0].at < 100])).toEqual([
      [0, true],
      [2, true],
      [4, true],
    ]);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(fake.calls.filter((call) => call.kind === 'one')).toEqual([]);
    const now = Date.now();
    expect(80 - budget.available(now)).toBe(fake.calls.filter((call) => call.at > now - 60_000).length);
  });

  it('waits out a 429 on a page like any other call, and the page IDs show the pause', async () => {
    const fake = fakeDefender();
    const watched = board(4);
    for (const id of watched) fake.setAction(id, { status: 'Pending' });
    const nextLink = new URL(`${testApiBaseUrl}/api/machineactions`);
    nextLink.searchParams.set('$filter', `id in (${watched.map((id) => `'${id}'`).join(',')})`);
    nextLink.searchParams.set('$skip', '2');
    fake.answerNext({ '@odata.context': 'x', value: watched.slice(0, 2).map((id) => actionBody({ id })), '@odata.nextLink': nextLink.href });
    fake.failNext(429, { headers: { 'Retry-After': '30' } }); // the page
    const { instance, seen, pauses } = poller(fake);
    instance.setIds(watched);
    instance.start();
    await vi.advanceTimersByTimeAsync(10);
    expect(fake.calls.map((call) => call.skip)).toEqual([0, 2]);
    expect(pauses).toEqual([fake.calls[1].at + 30_000]);
    expect(seen.get(watched[3])?.failure?.problem.kind).toBe('throttled');
    fake.calls.length = 0;
    await vi.advanceTimersByTimeAsync(29_000);
    expect(fake.calls).toEqual([]);
  });

  it('does not follow a nextLink to another host: it says so, and reads those actions alone', async () => {
    const fake = fakeDefender();
    const watched = board(3);
    for (const id of watched) fake.setAction(id, { status: 'Pending' });
    fake.answerNext({ '@odata.context': 'x', value: [actionBody({ id: watched[0] })], '@odata.nextLink': 'https://collector.evil.example/api/machineactions?$skip=1' });
    const { instance, seen, reports } = poller(fake);
    instance.setIds(watched);
    instance.start();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(statuses(seen, watched)).toEqual(['Pending', 'Pending', 'Pending']);
    expect(fake.calls.every((call) => new URL(call.url).host === 'api.securitycenter.microsoft.com')).toBe(true);
    expect(fake.calls.slice(0, 3).map((call) => [call.kind, call.ids])).toEqual([
      ['list', watched],
      ['one', [watched[1]]],
      ['one', [watched[2]]],
    ]);
    expect(reports).toEqual([expect.stringContaining('https://collector.evil.example/')]);
  });

  it('gives up on a nextLink that never ends after ten pages, and reads the rest alone', async () => {
    const fake = fakeDefender();
    const watched = board(2);
    for (const id of watched) fake.setAction(id, { status: 'Pending' });
    const filter = encodeURIComponent(`id in (${watched.map((id) => `'${id}'`).join(',')})`);
    const looping = (skip: number) => ({ '@odata.context': 'x', value: [], '@odata.nextLink': `${fake.apiBaseUrl}/api/machineactions?$filter=${filter}&$skip=${skip}` });
    for (let page = 1; page <= 10; page += 1) fake.answerNext(looping(page));
    const { instance, seen, reports } = poller(fake);
    instance.setIds(watched);
    instance.start();
    await vi.advanceTimersByTimeAsync(40_000);
    expect(fake.calls.slice(0, 12).map((call) => call.kind)).toEqual([...Array<string>(10).fill('list'), 'one', 'one']);
    expect(statuses(seen, watched)).toEqual(['Pending', 'Pending']);
    expect(reports).toEqual([expect.stringContaining('page-limit')]);
  });
});

describe('ActionPoller: a big board', () => {
  it('reads a pasted board whole at once, within the minute\'s budget, then checks it in rounds at the budget\'s pace', async () => {
    const fake = fakeDefender();
    const watched = board(1_000);
    for (const id of watched) fake.setAction(id, { status: 'Pending' });
    const { instance, seen } = poller(fake);
    instance.setIds(watched);
    instance.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.calls.length).toBe(1); // the shape is not accepted yet: one list call probes it
    await vi.advanceTimersByTimeAsync(1_000);
    // 26 chunks of 39: every row has its status in the first second.
    expect(watched.filter((id) => seen.get(id)?.action === undefined)).toEqual([]);
    expect(fake.calls.length).toBe(26);
    await vi.advanceTimersByTimeAsync(59_000);
    const times = fake.calls.map((call) => call.at);
    // Routine checks: at most three calls a check, at the budget's pace (3 s a call), within the minute's 80.
    const routine = times.slice(26);
    for (const at of routine) expect(routine.filter((other) => other >= at && other < at + 1_000).length).toBeLessThanOrEqual(3);
    expect(times.length).toBeLessThanOrEqual(80);
    expect(routine.length).toBeGreaterThanOrEqual(15);
  });
});

describe('ActionPoller: the schedule it tells', () => {
  it('tells when each action will be checked next, and the check comes then', async () => {
    const fake = fakeDefender();
    for (const id of ids) fake.setAction(id, { status: 'InProgress' });
    const { instance, schedules } = poller(fake);
    instance.setIds(ids);
    instance.start();
    for (let step = 0; step < 5; step += 1) {
      await vi.advanceTimersByTimeAsync(500);
      const told = schedules.at(-1)?.get(ids[0]);
      expect(told).toBeDefined();
      const callsBefore = fake.calls.length;
      await vi.advanceTimersByTimeAsync((told ?? 0) - Date.now());
      expect(fake.calls.length).toBe(callsBefore + 1);
      expect(fake.calls.at(-1)?.at).toBe(told);
    }
  });

  it("includes a 429's pause, and tells nothing once the poller stops", async () => {
    const fake = fakeDefender();
    fake.setAction(ids[0], { status: 'InProgress' });
    const { instance, schedules } = poller(fake);
    instance.setIds([ids[0]]);
    instance.start();
    await vi.advanceTimersByTimeAsync(10);
    fake.failNext(429, { headers: { 'Retry-After': '40' } });
    await vi.advanceTimersByTimeAsync(3_000);
    const throttledAt = fake.calls.at(-1)?.at ?? 0;
    expect(schedules.at(-1)?.get(ids[0])).toBeGreaterThanOrEqual(throttledAt + 40_000);
    instance.stop();
    expect(schedules.at(-1)?.size).toBe(0);
  });

  it('tells when the check comes while the budget is what holds it back', async () => {
    const fake = fakeDefender();
    fake.setAction(ids[0], { status: 'InProgress' });
    const budget = new RateBudget({ perMinute: 80, perHour: 1_200 });
    const { instance, schedules } = poller(fake, budget);
    instance.setIds([ids[0]]);
    instance.start();
    await vi.advanceTimersByTimeAsync(10);
    budget.record(Date.now(), 78); // another tab's burst: the minute is all but spent
    instance.reschedule();
    const told = schedules.at(-1)?.get(ids[0]);
    const callsBefore = fake.calls.length;
    await vi.advanceTimersByTimeAsync(120_000);
    expect(fake.calls[callsBefore]?.at).toBe(told);
  });

  it('on a board too big for one check, tells the chunks left for later a later time', async () => {
    const fake = fakeDefender();
    const watched = board(200);
    for (const id of watched) fake.setAction(id, { status: 'InProgress' });
    const { instance, schedules } = poller(fake);
    instance.setIds(watched);
    instance.start();
    await vi.advanceTimersByTimeAsync(1_000);
    const times = new Set(watched.map((id) => schedules.at(-1)?.get(id)));
    expect(times.size).toBeGreaterThan(1);
    expect([...times].every((at) => at !== undefined && at > Date.now())).toBe(true);
  });
});

describe('ActionPoller: the histories it reads itself', () => {
  it("reads each watched type's history once, after the actions, through its budget, and paces by it", async () => {
    const fake = fakeDefender();
    for (const id of ids) fake.setAction(id, { status: 'InProgress', fields: { type: 'Isolate', scope: 'Full' } });
    const budget = new RateBudget({ perMinute: 80, perHour: 1_200 });
    const historyReads: { type: string; at: number; actionsReadBefore: number }[] = [];
    const histories = new TypeHistories({
      store: memoryHistoryStore(Date.now),
      readActions: async (type) => {
        historyReads.push({ type, at: Date.now(), actionsReadBefore: fake.calls.length });
        return [];
      },
      now: Date.now,
    });
    const { instance } = poller(fake, budget, undefined, undefined, undefined, histories);
    instance.setIds(ids);
    instance.start();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(historyReads).toEqual([{ type: 'Isolate', at: expect.any(Number), actionsReadBefore: 1 }]);
    // Through the budget: every call counted, the history read's too.
    expect(80 - budget.available(Date.now())).toBe(fake.calls.length + 1);
    instance.stop();
  });
});

describe('ActionPoller: waits it cannot keep', () => {
  it('takes a pause no Retry-After could ask for (Infinity, years) as at most an hour, and sets no timer in a loop', async () => {
    const fake = fakeDefender();
    fake.setAction(ids[0], { status: 'InProgress' });
    const { instance } = poller(fake);
    instance.setIds([ids[0]]);
    instance.start();
    await vi.advanceTimersByTimeAsync(10);
    instance.pauseUntil(Number.POSITIVE_INFINITY);
    instance.pauseUntil(Date.now() + 10 * 365 * 86_400_000);
    const callsBefore = fake.calls.length;
    await vi.advanceTimersByTimeAsync(3_599_000);
    expect(fake.calls.length).toBe(callsBefore);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(fake.calls.length).toBe(callsBefore + 1);
    instance.stop();
  });

  it('plans no check, rather than spin, with a budget that allows no call at all', async () => {
    const fake = fakeDefender();
    fake.setAction(ids[0], { status: 'InProgress' });
    const { instance } = poller(fake, new RateBudget({ perMinute: 0, perHour: 0 }));
    instance.setIds([ids[0]]);
    instance.start();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fake.calls).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
    instance.stop();
  });
});

describe('ActionPoller: once stopped', () => {
  it('makes no history read that was still waiting for the budget', async () => {
    const fake = fakeDefender();
    fake.setAction(ids[0], { status: 'InProgress', fields: { type: 'Isolate', scope: 'Full' } });
    const budget = new RateBudget({ perMinute: 80, perHour: 1_200 });
    budget.record(Date.now(), 79); // one call left: the action's read takes it, the history read waits
    let historyReads = 0;
    const histories = new TypeHistories({ store: memoryHistoryStore(Date.now), readActions: async () => ((historyReads += 1), []), now: Date.now });
    const { instance } = poller(fake, budget, undefined, undefined, undefined, histories);
    instance.setIds([ids[0]]);
    instance.start();
    await vi.advanceTimersByTimeAsync(10);
    expect(fake.calls).toHaveLength(1);
    instance.stop();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(historyReads).toBe(0);
  });
});
