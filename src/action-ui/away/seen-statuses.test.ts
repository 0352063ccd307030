import { describe, expect, it } from 'vitest';
import type { Guid } from '../../../core/lib/guid';
import { loadSeenStatuses, saveSeenStatuses, seenStatusesStorageKey, withSeen } from './seen-statuses';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}` as Guid;

function storage(initial?: string) {
  const values = new Map<string, string>(initial === undefined ? [] : [[seenStatusesStorageKey, initial]]);
  return { getItem: (key: string) => values.get(key) ?? null, setItem: (key: string, value: string) => void values.set(key, value), values };
}

describe('seen statuses', () => {
  it('keeps IDs, statuses and times, and reads them back', () => {
    const store = storage();
    saveSeenStatuses(store, new Map([[id(1), { status: 'Pending', at: 100 }]]));
    expect(store.values.get(seenStatusesStorageKey)).toBe(JSON.stringify({ [id(1)]: { status: 'Pending', at: 100 } }));
    expect(loadSeenStatuses(store)).toEqual(new Map([[id(1), { status: 'Pending', at: 100 }]]));
  });

  it.each([
    ['not JSON', '{'],
    ['an array', '[1]'],
    ['null', 'null'],
  ])('reads %s as nothing seen', (_, text) => {
    expect(loadSeenStatuses(storage(text)).size).toBe(0);
  });

  it('skips each entry it did not write, keeping the good ones', () => {
    const text = JSON.stringify({
      [id(1)]: { status: 'Pending', at: 1 },
      'not-an-id': { status: 'Pending', at: 1 },
      [id(2)]: { status: 7, at: 1 },
      [id(3)]: { status: 'Pending', at: 'noon' },
      [id(4)]: { status: 'x'.repeat(41), at: 1 },
      [id(5)]: 'Pending',
      [id(6)]: { status: '', at: 1 },
    });
    expect([...loadSeenStatuses(storage(text)).keys()]).toEqual([id(1)]);
  });

  it('reads an ID in any case as the same ID', () => {
    expect([...loadSeenStatuses(storage(JSON.stringify({ [id(1).toUpperCase()]: { status: 'Pending', at: 1 } }))).keys()]).toEqual([id(1)]);
  });

  it('records what is shown now, keeps the rest as it was, and forgets IDs no longer watched', () => {
    const seen = new Map([
      [id(1), { status: 'Pending', at: 100 }],
      [id(2), { status: 'InProgress', at: 100 }],
      [id(3), { status: 'Pending', at: 100 }],
    ]);
    const next = withSeen(seen, new Map([[id(1), 'Succeeded']]), new Set([id(1), id(2)]), 500);
    expect(next).toEqual(
      new Map([
        [id(2), { status: 'InProgress', at: 100 }],
        [id(1), { status: 'Succeeded', at: 500 }],
      ]),
    );
  });

  it('a full or refused storage loses the record, not the page', () => {
    expect(() => saveSeenStatuses({ setItem: () => { throw new Error('QuotaExceededError'); } }, new Map())).not.toThrow();
  });
});
