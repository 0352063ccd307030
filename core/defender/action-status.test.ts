import { describe, expect, it } from 'vitest';
import { isFinalStatus, readStatus } from './action-status';

describe('readStatus', () => {
  it.each([
    ['Canceled', 'Cancelled'],
    ['canceled', 'Cancelled'],
    ['CANCELLED', 'Cancelled'],
    ['succeeded', 'Succeeded'],
    ['Timeout', 'TimeOut'],
    ['inprogress', 'InProgress'],
    ['In Progress', 'InProgress'],
    [' pending ', 'Pending'],
    ['FAILED', 'Failed'],
  ])('reads %j as Defender’s %s', (spelt, status) => {
    expect(readStatus(spelt)).toBe(status);
  });

  it('reads the other spellings of a final status as final', () => {
    expect(['Canceled', 'succeeded', 'timeout', 'FAILED'].map(readStatus).every(isFinalStatus)).toBe(true);
  });

  it.each(['Queued', 'Cancelling', 'Succeed', '', 'Pending…'])('keeps the unknown status %j as it came, still running', (status) => {
    expect(readStatus(status)).toBe(status);
    expect(isFinalStatus(readStatus(status))).toBe(false);
  });
});
