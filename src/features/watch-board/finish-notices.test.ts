import { describe, expect, it } from 'vitest';
import { parseMachineAction } from '../../../core/defender/machine-action';
import type { Guid } from '../../../core/lib/guid';
import { actionBody } from '../../../core/testing/machine-actions';
import type { BoardRow } from './board-rows';
import { newlyFinished } from './finish-notices';

const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}` as Guid;
function row(n: number, status: string): BoardRow {
  const parsed = parseMachineAction(actionBody({ id: id(n), status }));
  if (!parsed.ok) throw new Error(parsed.detail);
  return { id: id(n), watch: { action: parsed.action, readAt: 1, failure: undefined, history: [], jitter: 0 }, order: n };
}

describe('newlyFinished', () => {
  it('reports actions seen running before and final now, marking the ones that need attention', () => {
    const previous = new Map([
      [id(1), 'InProgress'],
      [id(2), 'Pending'],
      [id(3), 'Succeeded'],
      [id(4), 'Pending'],
    ]);
    const notices = newlyFinished(previous, [row(1, 'Succeeded'), row(2, 'TimeOut'), row(3, 'Succeeded'), row(4, 'Pending'), row(5, 'Failed')]);
    expect(notices.map((notice) => [notice.id, notice.status, notice.needsAttention])).toEqual([
      [id(1), 'Succeeded', false],
      [id(2), 'TimeOut', true],
    ]);
  });

});
