import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Guid } from '../lib/guid';
import { PollerCoordinator } from './poller-coordinator';
import type { LockManagerLike } from './tab-leadership';
import type { ActionWatch } from './watch-state';

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
const channels: BroadcastChannel[] = [];

function tab(locks: LockManagerLike, name: string) {
  const poller = fakePoller();
  const seen: Guid[] = [];
  const channel = new BroadcastChannel(`test-${name}`);
  channels.push(channel);
  const coordinator = new PollerCoordinator({ poller, channel, locks, onCheck: (id) => seen.push(id), onPause: () => {} });
  opened.push(coordinator);
  return { poller, coordinator, seen };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

afterEach(() => {
  for (const coordinator of opened.splice(0)) coordinator.stop();
  for (const channel of channels.splice(0)) channel.close();
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

  it('passes "check again" from a follower to the leader, and knows when any tab is visible', async () => {
    const locks = fakeLocks();
    const first = tab(locks, 'recheck');
    const second = tab(locks, 'recheck');
    first.coordinator.start();
    second.coordinator.start();
    await settle();
    second.coordinator.recheck(a);
    await settle();
    expect(first.poller.recheck).toHaveBeenCalledWith(a);
    expect(first.coordinator.anyTabVisible()).toBe(true);
  });

  it('ignores messages that are not what a tab of this app sends', async () => {
    const locks = fakeLocks();
    const first = tab(locks, 'hostile');
    first.coordinator.start();
    const intruder = new BroadcastChannel('test-hostile');
    channels.push(intruder);
    intruder.postMessage({ type: 'interest', tab: 'x', ids: ["') or 1 eq 1"] });
    intruder.postMessage({ type: 'checked', id: 'nope', watch: {}, checkedAt: 1 });
    await settle();
    expect(first.poller.ids).toEqual([]);
    expect(first.seen).toEqual([]);
  });
});
