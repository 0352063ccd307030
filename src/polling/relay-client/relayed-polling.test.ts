import { describe, expect, it } from 'vitest';
import type { Guid } from '../../../core/lib/guid';
import { actionBody } from '../../../core/testing/machine-actions';
import { RelayedPolling } from './relayed-polling';
import type { RelayState } from './relay-link';
import type { ActionWatch } from '../../../core/polling/watch/watch-state';

const id = '5f1c3a9e-2b7d-4e8f-9a6b-000000000001' as Guid;

function setUp() {
  const calls: string[] = [];
  const learnt: Guid[] = [];
  const checks: { id: Guid; watch: ActionWatch }[] = [];
  const states: RelayState[] = [];
  const direct = {
    setIds: () => void calls.push('direct.setIds'),
    learn: (learntId: Guid) => void learnt.push(learntId),
    start: () => void calls.push('direct.start'),
    stop: () => void calls.push('direct.stop'),
    recheck: () => void calls.push('direct.recheck'),
    reschedule: () => void calls.push('direct.reschedule'),
    pauseUntil: () => void calls.push('direct.pauseUntil'),
  };
  const link = { setIds: () => void calls.push('link.setIds'), start: () => void calls.push('link.start'), stop: () => void calls.push('link.stop') };
  const relayed = new RelayedPolling({ direct, link, onCheck: (checkedId, watch) => checks.push({ id: checkedId, watch }), onRelayState: (state) => states.push(state), now: () => 100_000, random: () => 0.5 });
  return { relayed, calls, learnt, checks, states };
}

describe('RelayedPolling', () => {
  it('watches through the relay while it answers, and polls directly only while it does not', () => {
    const { relayed, calls, states } = setUp();
    relayed.start();
    relayed.relayState('connecting');
    relayed.relayState('connected');
    expect(calls).toEqual(['link.start', 'direct.stop']);
    relayed.relayState('unreachable');
    expect(calls.at(-1)).toBe('direct.start');
    relayed.relayState('connected');
    expect(calls.at(-1)).toBe('direct.stop');
    // A relay that refuses this account serves it no more than one that is away.
    relayed.relayState('refused');
    expect(calls.at(-1)).toBe('direct.start');
    expect(states).toEqual(['connecting', 'connected', 'unreachable', 'connected', 'refused']);
  });

  it('does not poll directly in a tab that does not lead', () => {
    const { relayed, calls } = setUp();
    relayed.relayState('unreachable');
    expect(calls).not.toContain('direct.start');
  });

  it("hands the relay's results on, and to the direct poller, so that a fall back starts from them", () => {
    const { relayed, learnt, checks } = setUp();
    relayed.relayEvent({ event: 'action', data: { id, checkedAt: 5, action: actionBody({ id, status: 'Succeeded' }), readAt: 5, failure: null, history: [] } });
    expect(learnt).toEqual([id]);
    expect(checks[0]?.watch.action?.status).toBe('Succeeded');
  });

  it('shows an action the analyst may not read as not found, past its grace, and never asks the direct poller for it', () => {
    const { relayed, learnt, checks } = setUp();
    relayed.relayEvent({ event: 'denied', data: { id, reason: 'not-found' } });
    expect(learnt).toEqual([]);
    const failure = checks[0]?.watch.failure;
    expect(failure?.problem.kind).toBe('not-found');
    expect((failure?.lastAt ?? 0) - (failure?.since ?? 0)).toBeGreaterThan(20_000);
  });

  it('rechecks through the relay while connected, and directly otherwise', () => {
    const { relayed, calls } = setUp();
    relayed.start();
    relayed.relayState('connected');
    relayed.recheck(id);
    expect(calls.at(-1)).toBe('link.setIds');
    relayed.relayState('unreachable');
    relayed.recheck(id);
    expect(calls.at(-1)).toBe('direct.recheck');
  });
});
