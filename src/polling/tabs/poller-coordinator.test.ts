import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDefenderClient } from '../../../core/defender/defender-client';
import type { Guid } from '../../../core/lib/guid';
import { fakeDefender, type FakeDefender } from '../../../core/testing/fake-defender';
import { ActionPoller } from '../../../core/polling/scheduler/action-poller';
import { listShapeMemory } from '../../../core/polling/list-shapes/list-shape-memory';
import { PollerCoordinator, tabSilenceMs } from './poller-coordinator';
import { RateBudget } from '../../../core/polling/scheduler/rate-budget';
import type { LockManagerLike } from './tab-leadership';
import type { ActionWatch } from '../../../core/polling/watch/watch-state';
import { handledSoFar, isMarker } from '../../testing/broadcast-channels';

/** Web Locks in miniature: one holder at a time, the others queued in order. */
function fakeLocks(): LockManagerLike {
  const queue: { signal: AbortSignal; run: () => Promise<void>; done: (value: unknown) => void }[] = [];
  let held = false;
  const next = () => {
    if (held) return;
    const waiting = queue.shift();
    if (!waiting) return;
    if (waiting.signal.aborted) return next();
    held = true;
    void waiting.run().then(() => {
      held = false;
      waiting.done(undefined);
      next();
    });
  };
  return {
    request: (_name, { signal }, callback) =>
      new Promise((resolve) => {
        queue.push({ signal, run: callback, done: resolve });
        next();
      }),
  };
}

function fakePoller() {
  return {
    ids: [] as Guid[],
    running: false,
    setIds(ids: Iterable<Guid>) {
      this.ids = [...ids].sort();
    },
    learn: vi.fn(),
    pauseUntil: vi.fn(),
    recheck: vi.fn(),
    reschedule: vi.fn(),
    start() {
      this.running = true;
    },
    stop() {
      this.running = false;
    },
  };
}

const a = '00000000-0000-4000-8000-00000000000a' as Guid;
const b = '00000000-0000-4000-8000-00000000000b' as Guid;
const opened: PollerCoordinator[] = [];

/**
 * The tabs' channels: real BroadcastChannels whose traffic is counted. `settle` resolves once every message
 * posted, and every answer to one, has been handled: it sends markers round until a round in which no tab
 * posted or received anything. No timer: a fixed wait would let a late message pass for one never sent.
 */
function tabChannels() {
  const open: BroadcastChannel[] = [];
  let traffic = 0;
  return {
    open(name: string): BroadcastChannel {
      const channel = new BroadcastChannel(name);
      const post = channel.postMessage.bind(channel);
      channel.postMessage = (message: unknown) => {
        traffic += 1;
        post(message);
      };
      channel.addEventListener('message', (event: MessageEvent) => {
        if (!isMarker(event.data)) traffic += 1;
      });
      open.push(channel);
      return channel;
    },
    async settle(): Promise<void> {
      for (let before = -1; before !== traffic; ) {
        before = traffic;
        await Promise.all(open.map(handledSoFar));
      }
    },
    closeAll(): void {
      for (const channel of open.splice(0)) channel.close();
    },
  };
}

const channels = tabChannels();
const settle = () => channels.settle();

/** One tab of the app; `screen.visible` and `clock.now` are the test's to change. */
function tab(locks: LockManagerLike, name: string, screen = { visible: true }, clock = { now: 0 }) {
  const poller = fakePoller();
  const budget = new RateBudget({ perMinute: 80, perHour: 1_200 });
  const seen: Guid[] = [];
  const pauses: (number | undefined)[] = [];
  const schedules: ReadonlyMap<Guid, number>[] = [];
  const channel = channels.open(`test-${name}`);
  const coordinator = new PollerCoordinator({
    poller,
    budget,
    channel,
    locks,
    onCheck: (id) => seen.push(id),
    onPause: (until) => pauses.push(until),
    onSchedule: (schedule) => schedules.push(schedule),
    isVisible: () => screen.visible,
    now: () => clock.now,
  });
  opened.push(coordinator);
  return { poller, budget, coordinator, seen, pauses, schedules, screen, clock };
}

/**
 * A tab with the real poller and budget, calling a fake Defender, on the test's clock: what it calls is what
 * a tab of the app would call. The budget tells the coordinator of its calls, as the provider wires it.
 */
function pollingTab(locks: LockManagerLike, name: string, fake: FakeDefender, limits = { perMinute: 80, perHour: 1_200 }) {
  const watches = new Map<Guid, ActionWatch>();
  const link: { coordinator?: PollerCoordinator } = {};
  const budget = new RateBudget(limits, (at, count) => link.coordinator?.publishSpent(at, count));
  const defender = createDefenderClient({ apiBaseUrl: fake.apiBaseUrl, getAccessToken: async () => 'test-token', fetch: fake.fetch });
  const poller = new ActionPoller({
    defender,
    budget,
    listShapes: listShapeMemory(undefined),
    report: () => {},
    onCheck: (id, watch, checkedAt) => link.coordinator?.publishCheck(id, watch, checkedAt),
    onPause: (until) => link.coordinator?.publishPause(until),
  });
  const channel = channels.open(`test-${name}`);
  const coordinator = new PollerCoordinator({ poller, budget, channel, locks, onCheck: (id, watch) => watches.set(id, watch), onPause: () => {} });
  link.coordinator = coordinator;
  opened.push(coordinator);
  return { poller, budget, coordinator, watches };
}

const finished = (status: string): ActionWatch => ({ action: { status } as ActionWatch['action'], readAt: 1, failure: undefined, history: [], jitter: 0.5 });

// The real pollers run on this clock: what they would do later is seen by moving it, not by waiting.
beforeEach(() => vi.useFakeTimers());

afterEach(() => {
  for (const coordinator of opened.splice(0)) coordinator.stop();
  channels.closeAll();
  vi.useRealTimers();
});

describe('PollerCoordinator', () => {
  it('lets one tab poll the union of every tab’s actions, and shares its results', async () => {
    const locks = fakeLocks();
    const first = tab(locks, 'union');
    const second = tab(locks, 'union');
    first.coordinator.start();
    second.coordinator.start();
    first.coordinator.setLocalIds([a]);
    second.coordinator.setLocalIds([b]);
    await settle();
    expect(first.coordinator.isLeading).toBe(true);
    expect(second.coordinator.isLeading).toBe(false);
    expect(first.poller.running).toBe(true);
    expect(second.poller.running).toBe(false);
    expect(first.poller.ids).toEqual([a, b]);

    const watch = { action: undefined, readAt: undefined, failure: undefined, history: [], jitter: 0.5 } satisfies ActionWatch;
    first.coordinator.publishCheck(b, watch, 123);
    await settle();
    expect(second.seen).toEqual([b]);
    expect(second.poller.learn).toHaveBeenCalledWith(b, watch, 123);
  });

  it("shows every tab the polling tab's schedule, a tab that joins later too", async () => {
    const locks = fakeLocks();
    const first = tab(locks, 'schedule');
    const second = tab(locks, 'schedule');
    first.coordinator.start();
    second.coordinator.start();
    second.coordinator.setLocalIds([a]);
    await settle();
    first.coordinator.publishSchedule(new Map([[a, 4_000]]));
    await settle();
    expect(first.schedules.at(-1)).toEqual(new Map([[a, 4_000]]));
    expect(second.schedules.at(-1)).toEqual(new Map([[a, 4_000]]));

    const third = tab(locks, 'schedule');
    third.coordinator.start();
    third.coordinator.setLocalIds([a]);
    await settle();
    expect(third.schedules.at(-1)).toEqual(new Map([[a, 4_000]]));

    // The leader leaves: its plan goes with it, until the next leader's poller tells its own.
    first.coordinator.stop();
    await settle();
    expect(second.coordinator.isLeading).toBe(true);
    expect(second.schedules.at(-1)).toEqual(new Map());
    expect(third.schedules.at(-1)).toEqual(new Map());
  });

  it('hands polling to the next tab when the leader leaves', async () => {
    const locks = fakeLocks();
    const first = tab(locks, 'handover');
    const second = tab(locks, 'handover');
    first.coordinator.start();
    second.coordinator.start();
    second.coordinator.setLocalIds([b]);
    await settle();
    first.coordinator.stop();
    await settle();
    expect(second.coordinator.isLeading).toBe(true);
    expect(second.poller.running).toBe(true);
    expect(second.poller.ids).toEqual([b]);
  });

  it('forgets the actions of a tab that left', async () => {
    const locks = fakeLocks();
    const first = tab(locks, 'forget');
    const second = tab(locks, 'forget');
    first.coordinator.start();
    second.coordinator.start();
    first.coordinator.setLocalIds([a]);
    second.coordinator.setLocalIds([b]);
    await settle();
    second.coordinator.stop();
    await settle();
    expect(first.poller.ids).toEqual([a]);
  });

  it('passes "check again" from a follower to the leader', async () => {
    const locks = fakeLocks();
    const first = tab(locks, 'recheck');
    const second = tab(locks, 'recheck');
    first.coordinator.start();
    second.coordinator.start();
    await settle();
    second.coordinator.recheck(a);
    await settle();
    expect(first.poller.recheck).toHaveBeenCalledWith(a);
  });

  it('reads anew, after someone signs in again, the actions whose checks stopped at "sign in again"', async () => {
    const locks = fakeLocks();
    const first = tab(locks, 'signed-in');
    const second = tab(locks, 'signed-in');
    first.coordinator.start();
    second.coordinator.start();
    await settle();
    const failed: ActionWatch = {
      action: undefined,
      readAt: undefined,
      failure: { problem: { kind: 'sign-in-required' }, count: 1, since: 1, lastAt: 1 },
      history: [],
      jitter: 0.5,
    };
    const throttled: ActionWatch = { ...failed, failure: { problem: { kind: 'throttled' }, count: 1, since: 1, lastAt: 1 } };
    first.coordinator.publishCheck(a, failed, 1);
    first.coordinator.publishCheck(b, throttled, 1);
    await settle();
    second.coordinator.retrySignInFailures();
    await settle();
    expect(first.poller.recheck.mock.calls).toEqual([[a]]);
  });

  it('knows whether any tab is on screen, from what the other tabs last said', async () => {
    const locks = fakeLocks();
    const clock = { now: 1_000 };
    const hidden = tab(locks, 'visible', { visible: false }, clock);
    const other = tab(locks, 'visible', { visible: true }, clock);
    hidden.coordinator.start();
    other.coordinator.start();
    await settle();
    expect(hidden.coordinator.anyTabVisible()).toBe(true); // this tab is hidden, the other is on screen

    other.screen.visible = false;
    other.coordinator.visibilityChanged();
    await settle();
    expect(hidden.coordinator.anyTabVisible()).toBe(false); // both hidden

    other.screen.visible = true;
    other.coordinator.visibilityChanged();
    await settle();
    expect(hidden.coordinator.anyTabVisible()).toBe(true);
    clock.now += tabSilenceMs + 1; // the visible tab says nothing more: it closed without saying so
    expect(hidden.coordinator.anyTabVisible()).toBe(false);
  });

  it('ignores messages that are not what a tab of this app sends', async () => {
    const locks = fakeLocks();
    const first = tab(locks, 'hostile');
    first.coordinator.start();
    const intruder = channels.open('test-hostile');
    // Every field right but the ID, so that only the GUID check can refuse it.
    intruder.postMessage({ type: 'interest', tab: 'x', ids: ["') or 1 eq 1"], visible: true });
    intruder.postMessage({ type: 'checked', id: 'nope', watch: {}, checkedAt: 1 });
    // The same messages with GUIDs are believed: the refusals above are the GUID check's.
    intruder.postMessage({ type: 'interest', tab: 'y', ids: [a], visible: true });
    intruder.postMessage({ type: 'checked', id: b, watch: {}, checkedAt: 1 });
    await settle();
    expect(first.poller.ids).toEqual([a]);
    expect(first.seen).toEqual([b]);
  });

  it('answers a joining tab at once with what the polling tab knows, final actions included', async () => {
    const locks = fakeLocks();
    const leader = tab(locks, 'join');
    leader.coordinator.start();
    leader.coordinator.setLocalIds([a]);
    await settle();
    const succeeded = finished('Succeeded');
    leader.coordinator.publishCheck(a, succeeded, 123);

    const joining = tab(locks, 'join');
    joining.coordinator.start();
    joining.coordinator.setLocalIds([a, b]);
    await settle();
    expect(joining.seen).toEqual([a]); // b: nothing known yet, the poller reads it
    expect(joining.poller.learn).toHaveBeenCalledWith(a, succeeded, 123);

    // A heartbeat wants nothing new: no answer again.
    joining.coordinator.heartbeat();
    await settle();
    expect(joining.seen).toEqual([a]);
  });

  it('gives a joining tab a finished action without reading it again', async () => {
    const fake = fakeDefender();
    fake.setAction(a, { status: 'Succeeded' });
    const locks = fakeLocks();
    const leader = pollingTab(locks, 'join-real', fake);
    leader.coordinator.start();
    leader.coordinator.setLocalIds([a]);
    await vi.waitFor(() => expect(leader.watches.get(a)?.action?.status).toBe('Succeeded'));

    const joining = pollingTab(locks, 'join-real', fake);
    joining.coordinator.start();
    joining.coordinator.setLocalIds([a]);
    await vi.waitFor(() => expect(joining.watches.get(a)?.action?.status).toBe('Succeeded'));
    await settle();
    await vi.advanceTimersByTimeAsync(60 * 60_000); // an hour on: any read planned since has been made
    expect(fake.calls).toHaveLength(1); // the leader's one read, before the tab joined
  });

  it('shows again what it knows of an action a page of this tab shows again', async () => {
    const locks = fakeLocks();
    const only = tab(locks, 'again');
    only.coordinator.start();
    only.coordinator.setLocalIds([a]);
    await settle();
    only.coordinator.publishCheck(a, finished('Failed'), 5);
    only.coordinator.setLocalIds([]);
    only.coordinator.setLocalIds([a]); // its cache entry may have been collected meanwhile
    expect(only.seen).toEqual([a, a]);
  });

  it('hands the 429 pause to a tab that takes over: no call before it ends, even for a new ID', async () => {
    const fake = fakeDefender();
    fake.setAction(b, { status: 'Pending' });
    const locks = fakeLocks();
    const leader = tab(locks, 'pause');
    leader.coordinator.start();
    await settle();
    const next = pollingTab(locks, 'pause', fake);
    next.coordinator.start();
    await settle();

    const until = Date.now() + 400;
    leader.coordinator.publishPause(until);
    await settle();
    leader.coordinator.stop();
    await settle();
    expect(next.coordinator.isLeading).toBe(true);
    next.coordinator.setLocalIds([b]);
    await settle();
    await vi.advanceTimersByTimeAsync(until - 1 - Date.now());
    expect(fake.calls).toEqual([]); // not even in the pause's last millisecond
    await vi.advanceTimersByTimeAsync(1);
    await vi.waitFor(() => expect(fake.calls).toHaveLength(1));
    expect(fake.calls[0].at).toBeGreaterThanOrEqual(until);
  });

  it("takes over the leader's pace with the polling: no burst of checks at a hand-over", async () => {
    const fake = fakeDefender();
    // Pending for 20 minutes: its device looks offline, so it is read once a minute, by whichever tab polls.
    fake.setAction(b, { status: 'Pending', createdAt: Date.now() - 20 * 60_000 });
    const locks = fakeLocks();
    const leader = pollingTab(locks, 'handover-pace', fake);
    leader.coordinator.start();
    await settle();
    const next = pollingTab(locks, 'handover-pace', fake);
    next.coordinator.start();
    next.coordinator.setLocalIds([b]);
    await settle();
    await vi.waitFor(() => expect(fake.calls).toHaveLength(1));
    await settle();
    const firstRead = fake.calls[0].at;

    await vi.advanceTimersByTimeAsync(10_000);
    leader.coordinator.stop();
    await settle();
    expect(next.coordinator.isLeading).toBe(true);
    await vi.advanceTimersByTimeAsync(40_000);
    expect(fake.calls).toHaveLength(1); // the new leader knows it was read 50 s ago
    await vi.advanceTimersByTimeAsync(15_000);
    expect(fake.calls.map((call) => call.at - firstRead)).toEqual([0, 60_000]);
  });

  it('tells a tab that joins during a 429 pause of the pause', async () => {
    const locks = fakeLocks();
    const leader = tab(locks, 'pause-join');
    leader.coordinator.start();
    await settle();
    leader.coordinator.publishPause(60_000);
    const joining = tab(locks, 'pause-join');
    joining.coordinator.start();
    await settle();
    expect(joining.poller.pauseUntil).toHaveBeenCalledWith(60_000);
    expect(joining.pauses).toEqual([60_000]);
  });

  it('counts every tab’s calls in every tab’s budget, and a late tab’s once, however it heard of them', async () => {
    const fake = fakeDefender();
    const limits = { perMinute: 3, perHour: 100 };
    const locks = fakeLocks();
    const leader = pollingTab(locks, 'budget', fake, limits);
    const follower = pollingTab(locks, 'budget', fake, limits);
    leader.coordinator.start();
    follower.coordinator.start();
    await settle();
    const now = Date.now();
    leader.budget.record(now - 2_000, 2);
    await settle();
    expect(follower.budget.available(now)).toBe(1);

    // Joins after those calls: the catch-up tells of them; a later call it hears of twice, counted once.
    const late = pollingTab(locks, 'budget', fake, limits);
    late.coordinator.start();
    await settle();
    expect(late.budget.spentCalls(now)).toEqual([now - 2_000, now - 2_000]);
    follower.budget.record(now - 1_000); // a one-off call in a tab that does not poll
    await settle();
    late.coordinator.setLocalIds([a]); // wants something new: the leader answers with its account again
    await settle();
    expect(late.budget.spentCalls(now)).toEqual([now - 2_000, now - 2_000, now - 1_000]);
    expect(leader.budget.available(now)).toBe(0);

    // The leader leaves; whoever takes over goes on from what was spent, and waits for the minute to free.
    leader.coordinator.stop();
    await settle();
    expect(follower.budget.available(now)).toBe(0);
  });
});
