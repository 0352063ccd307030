import { describe, expect, it } from 'vitest';
import { parseMachineAction, type MachineAction } from '../../defender/machine-action';
import { actionBody } from '../../testing/machine-actions';
import { cadence, isLongPending, runningInterval } from './watch-cadence';

const now = Date.parse('2026-01-05T10:00:00Z');

function createdAgo(ms: number, status = 'Pending', updatedAgo = ms): MachineAction {
  const result = parseMachineAction(
    actionBody({ status, creationDateTimeUtc: new Date(now - ms).toISOString(), lastUpdateDateTimeUtc: new Date(now - updatedAgo).toISOString() }),
  );
  if (!result.ok) throw new Error(result.detail);
  return result.action;
}

describe('runningInterval', () => {
  it('checks a new action every few seconds', () => {
    expect(runningInterval(createdAgo(30_000), now, false)).toBe(cadence.freshMs);
    expect(runningInterval(undefined, now, false)).toBe(cadence.freshMs);
  });

  it('slows down once the action is a few minutes old', () => {
    expect(runningInterval(createdAgo(5 * 60_000, 'InProgress'), now, false)).toBe(cadence.runningMs);
  });

  it('checks closely again for a while after the action moves', () => {
    expect(runningInterval(createdAgo(5 * 60_000, 'InProgress', 30_000), now, false)).toBe(cadence.freshMs);
    expect(runningInterval(createdAgo(5 * 60_000, 'InProgress', 3 * 60_000), now, false)).toBe(cadence.runningMs);
  });

  it('checks an action whose dates say nothing of its age (none, or far in the future) every 15 s', () => {
    const undated = parseMachineAction(actionBody({ status: 'InProgress', creationDateTimeUtc: null, lastUpdateDateTimeUtc: null }));
    if (!undated.ok) throw new Error(undated.detail);
    expect(runningInterval(undated.action, now, false)).toBe(cadence.runningMs);
    expect(runningInterval(createdAgo(-365 * 24 * 60 * 60_000, 'InProgress'), now, false)).toBe(cadence.runningMs);
  });

  it('believes a date a little ahead of this browser\'s clock: a new action is new', () => {
    expect(runningInterval(createdAgo(-60_000, 'Pending'), now, false)).toBe(cadence.freshMs);
  });

  it('slows down further for an action pending for over 10 minutes', () => {
    const stalled = createdAgo(11 * 60_000);
    expect(isLongPending(stalled, now)).toBe(true);
    expect(runningInterval(stalled, now, false)).toBe(cadence.longPendingMs);
    expect(isLongPending(createdAgo(11 * 60_000, 'InProgress'), now)).toBe(false);
  });

  it('is slow in a hidden tab, whatever the age', () => {
    expect(runningInterval(createdAgo(10_000), now, true)).toBe(cadence.hiddenMs);
  });
});
