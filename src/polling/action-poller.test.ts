import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DefenderClient } from '../api/defender-client';
import { DefenderRequestError, type DefenderProblem } from '../api/defender-problem';
import { parseMachineAction, type MachineAction } from '../api/machine-action';
import type { Guid } from '../lib/guid';
import { actionBody } from '../testing/machine-actions';
import { ActionPoller, type Timers } from './action-poller';
import { RateBudget } from './rate-budget';
import type { ActionWatch } from './watch-state';

const ids = ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000003'] as Guid[];

/** A fake Defender: each action's status, changed by the test; every call recorded with its time. */
function fakeDefender() {
  const statuses = new Map<Guid, string>();
  /** When each action was created; by default, ten seconds before each read (always new). */
  const createdAt = new Map<Guid, number>();
  const calls: { kind: 'list' | 'one'; ids: Guid[]; at: number }[] = [];
  let failNext: DefenderProblem | undefined;
  const action = (id: Guid): MachineAction => {
    const created = new Date(createdAt.get(id) ?? Date.now() - 10_000).toISOString();
    const parsed = parseMachineAction(actionBody({ id, status: statuses.get(id), creationDateTimeUtc: created, lastUpdateDateTimeUtc: created }));
    if (!parsed.ok) throw new Error(parsed.detail);
    return parsed.action;
  };
  const take = () => {
    const problem = failNext;
    failNext = undefined;
    if (problem) throw new DefenderRequestError(problem);
  };
  const defender: Pick<DefenderClient, 'getMachineAction' | 'getMachineActions'> = {
    async getMachineAction(id) {
      calls.push({ kind: 'one', ids: [id], at: Date.now() });
      take();
      if (!statuses.has(id)) throw new DefenderRequestError({ kind: 'not-found' });
      return action(id);
    },
    async getMachineActions(wanted) {
      calls.push({ kind: 'list', ids: [...wanted], at: Date.now() });
      take();
      return wanted.filter((id) => statuses.has(id)).map(action);
    },
  };
  return { defender, statuses, createdAt, calls, failWith: (problem: DefenderProblem) => (failNext = problem) };
}

const timers: Timers = { now: () => Date.now(), setTimeout: (callback, ms) => setTimeout(callback, ms), clearTimeout: (handle) => clearTimeout(handle as number) };

function poller(fake: ReturnType<typeof fakeDefender>, budget = new RateBudget({ perMinute: 80, perHour: 1_200 })) {
  const seen = new Map<Guid, ActionWatch>();
  const pauses: (number | undefined)[] = [];
  const instance = new ActionPoller({ defender: fake.defender, budget, timers, random: () => 0.5, onCheck: (id, watch) => seen.set(id, watch), onPause: (until) => pauses.push(until) });
  return { instance, seen, pauses };
}

beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse('2026-01-05T10:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('ActionPoller', () => {
  it('reads every running action with one list call per check, new IDs included', async () => {
    const fake = fakeDefender();
    for (const id of ids) fake.statuses.set(id, 'Pending');
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

  it('checks an action less often as it ages: every 15 s after two minutes, every minute once long pending', async () => {
    const fake = fakeDefender();
    fake.statuses.set(ids[0], 'InProgress');
    fake.createdAt.set(ids[0], Date.now() - 5 * 60_000);
    const { instance } = poller(fake);
    instance.setIds([ids[0]]);
    instance.start();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fake.calls.map((call) => call.at - fake.calls[0].at)).toEqual([0, 15_000, 30_000, 45_000, 60_000]);

    fake.calls.length = 0;
    fake.statuses.set(ids[0], 'Pending');
    fake.createdAt.set(ids[0], Date.now() - 60 * 60_000);
    await vi.advanceTimersByTimeAsync(15_000); // the check that finds it long pending
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(fake.calls.slice(1).map((call) => call.at - fake.calls[0].at)).toEqual([60_000, 120_000, 180_000, 240_000, 300_000]);
  });

  it('stops reading an action once it is final, and stops calling when none is left', async () => {
    const fake = fakeDefender();
    for (const id of ids) fake.statuses.set(id, 'InProgress');
    const { instance, seen } = poller(fake);
    instance.setIds(ids);
    instance.start();
    await vi.advanceTimersByTimeAsync(0);
    fake.statuses.set(ids[0], 'Succeeded');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(seen.get(ids[0])?.action?.status).toBe('Succeeded');
    fake.calls.length = 0;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(fake.calls.every((call) => !call.ids.includes(ids[0]))).toBe(true);

    fake.statuses.set(ids[1], 'Failed');
    fake.statuses.set(ids[2], 'Cancelled');
    await vi.advanceTimersByTimeAsync(10_000);
    fake.calls.length = 0;
    await vi.advanceTimersByTimeAsync(600_000);
    expect(fake.calls).toEqual([]);
  });

  it('reads one new ID by itself, and a new ID the list does not return by itself too', async () => {
    const fake = fakeDefender();
    fake.statuses.set(ids[0], 'Pending');
    const { instance, seen } = poller(fake);
    instance.setIds([ids[0]]);
    instance.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.calls.map((call) => call.kind)).toEqual(['one']);

    fake.calls.length = 0;
    instance.setIds([ids[0], ids[2]]); // ids[2] does not exist (yet)
    await vi.advanceTimersByTimeAsync(7_000); // calls are spaced 3 s apart (80 % of 1,500 an hour)
    expect(fake.calls.map((call) => [call.kind, call.ids])).toEqual([
      ['list', [ids[0], ids[2]]],
      ['one', [ids[2]]],
    ]);
    expect(seen.get(ids[2])?.failure?.problem.kind).toBe('not-found');
  });

  it('keeps new IDs in the list call after the list call failed, rather than reading each by itself', async () => {
    const fake = fakeDefender();
    for (const id of ids) fake.statuses.set(id, 'Pending');
    const { instance, seen } = poller(fake);
    fake.failWith({ kind: 'server', status: 503 });
    instance.setIds(ids);
    instance.start();
    await vi.advanceTimersByTimeAsync(20_000);
    expect(fake.calls.length).toBeGreaterThanOrEqual(2);
    expect(fake.calls.every((call) => call.kind === 'list' && call.ids.length === 3)).toBe(true);
    expect(seen.get(ids[2])?.action?.status).toBe('Pending');
  });

  it('reads an ID the list does not return by itself, with the not-found grace', async () => {
    const fake = fakeDefender();
    fake.statuses.set(ids[0], 'Pending');
    fake.statuses.set(ids[1], 'Pending');
    const { instance, seen } = poller(fake);
    instance.setIds(ids.slice(0, 2));
    instance.start();
    await vi.advanceTimersByTimeAsync(0);
    fake.statuses.delete(ids[1]); // gone from the list
    fake.calls.length = 0;
    await vi.advanceTimersByTimeAsync(12_000);
    expect(fake.calls.some((call) => call.kind === 'list' && call.ids.includes(ids[1]))).toBe(true);
    expect(fake.calls.some((call) => call.kind === 'one' && call.ids[0] === ids[1])).toBe(true);
    expect(seen.get(ids[1])?.failure?.problem.kind).toBe('not-found');
  });

  it('pauses every call on a 429 until Retry-After has passed', async () => {
    const fake = fakeDefender();
    for (const id of ids) fake.statuses.set(id, 'Pending');
    const { instance, pauses } = poller(fake);
    instance.setIds(ids);
    instance.start();
    await vi.advanceTimersByTimeAsync(0);
    fake.failWith({ kind: 'throttled', retryAfterMs: 40_000 });
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

  it('never makes more calls than the budget allows, in any minute or hour', async () => {
    const fake = fakeDefender();
    const many = Array.from({ length: 30 }, (_, index) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}` as Guid);
    for (const id of many) fake.statuses.set(id, 'Pending');
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
    fake.statuses.set(ids[0], 'Pending');
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
