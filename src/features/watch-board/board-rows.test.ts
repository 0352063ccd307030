import { describe, expect, it } from 'vitest';
import { parseMachineAction } from '../../../core/defender/machine-action';
import type { Guid } from '../../../core/lib/guid';
import type { ActionWatch } from '../../../core/polling/watch/watch-state';
import { actionBody } from '../../../core/testing/machine-actions';
import { isFinished, lastChangeAt, sortForBoard, type BoardRow } from './board-rows';

function watch(status: string): ActionWatch {
  const parsed = parseMachineAction(actionBody({ status }));
  if (!parsed.ok) throw new Error(parsed.detail);
  return { action: parsed.action, readAt: 1, failure: undefined, history: [{ status, at: 42 }], jitter: 0 };
}

const row = (order: number, status?: string): BoardRow => ({ id: `00000000-0000-4000-8000-00000000000${order}` as Guid, watch: status ? watch(status) : undefined, order });

describe('board rows', () => {
  it('puts running and unread actions first, keeping the order they were added in', () => {
    const sorted = sortForBoard([row(0, 'Succeeded'), row(1, 'Pending'), row(2), row(3, 'Failed'), row(4, 'Queued')]);
    expect(sorted.map((each) => each.order)).toEqual([1, 2, 4, 0, 3]);
  });

  it('counts only final statuses as finished', () => {
    expect(isFinished(row(0, 'Cancelled'))).toBe(true);
    expect(isFinished(row(0, 'Queued'))).toBe(false);
    expect(isFinished(row(0))).toBe(false);
  });

  it('takes the last observed change, else Defender’s last update', () => {
    expect(lastChangeAt(watch('Pending'))).toBe(42);
    expect(lastChangeAt({ ...watch('Pending'), history: [] })).toBe(Date.parse('2019-01-02T14:40:44.659Z'));
    expect(lastChangeAt(undefined)).toBeUndefined();
  });
});
