import { describe, expect, it } from 'vitest';
import type { Guid } from '../../../core/lib/guid';
import { machineAction } from '../../../core/testing/machine-actions';
import { readWatch } from '../../testing/action-watches';
import { awayFinish, awaySince, describeAwayFinishes, firstLook, type AwayFinish } from './away-finishes';

const openedAt = 1_000_000;
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}` as Guid;
const watch = (status: string, readAt: number) => readWatch(machineAction({ status }), readAt);

describe('firstLook', () => {
  it.each([
    ['seen running, final now', 'Pending', watch('Succeeded', openedAt + 5), 'away'],
    ['seen running, final in a read from before the page opened (a final status never changes)', 'InProgress', watch('Failed', openedAt - 60_000), 'away'],
    ['seen running, read running since the page opened: a finish later is seen live', 'Pending', watch('InProgress', openedAt), 'live'],
    ['seen running, read running only before the page opened: may be stale', 'Pending', watch('InProgress', openedAt - 1), 'wait'],
    ['seen final already', 'Succeeded', watch('Succeeded', openedAt + 5), 'live'],
    ['seen in a status this app does not know, final now', 'Queued', watch('Succeeded', openedAt + 5), 'away'],
    ['not read yet', 'Pending', undefined, 'wait'],
  ] as const)('%s: %s', (_, seen, current, look) => {
    expect(firstLook({ status: seen, at: 10 }, current, openedAt)).toBe(look);
  });

  it('never seen (added and left before a read): nothing to tell', () => {
    expect(firstLook(undefined, watch('Succeeded', openedAt + 5), openedAt)).toBe('live');
  });
});

function finish(status: string, device: string, type = 'Isolate', since = 100): AwayFinish {
  const found = awayFinish(id(1), watch(status, 0), { status: 'Pending', at: since });
  if (!found) throw new Error('no action');
  return { ...found, status, device, type: type === 'Isolate' ? 'Isolate device' : type };
}

describe('describeAwayFinishes', () => {
  it('counts each final status, good news first, and names the ones that need attention', () => {
    expect(describeAwayFinishes([finish('Succeeded', 'a'), finish('Failed', 'build-srv-07'), finish('Succeeded', 'b')])).toBe(
      '2 succeeded, 1 failed (Isolate device on build-srv-07)',
    );
  });

  it('names at most three, and counts the rest', () => {
    const failures = ['h1', 'h2', 'h3', 'h4'].map((device) => finish('Failed', device));
    expect(describeAwayFinishes([...failures, finish('TimeOut', 'h5')])).toBe(
      '4 failed (Isolate device on h1; Isolate device on h2; Isolate device on h3; 1 more), 1 timed out',
    );
  });

  it('words every final status', () => {
    expect(describeAwayFinishes(['Cancelled', 'TimeOut', 'Succeeded'].map((status) => finish(status, 'h')))).toMatch(/^1 succeeded, 1 timed out \(.*\), 1 cancelled/);
  });

  it('takes the device from the action, or its machine ID', () => {
    const found = awayFinish(id(1), readWatch(machineAction({ status: 'Failed', computerDnsName: null, machineId: 'm-1' }), 0), { status: 'Pending', at: 1 });
    expect(found?.device).toBe('m-1');
  });
});

describe('awaySince', () => {
  it('the earliest time the analyst last looked at any of them', () => {
    expect(awaySince([finish('Succeeded', 'a', 'Isolate', 300), finish('Failed', 'b', 'Isolate', 200)])).toBe(200);
    expect(awaySince([])).toBeUndefined();
  });
});
