import { describe, expect, it } from 'vitest';
import type { Guid } from '../../../core/lib/guid';
import { heldOrder } from './held-order';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}` as Guid;
const rows = (...ns: number[]) => ns.map((n) => ({ id: id(n), label: `row ${n}` }));

describe('heldOrder', () => {
  it('keeps the order shown when the sort would move a row', () => {
    expect(heldOrder([id(1), id(2), id(3)], rows(2, 3, 1)).map((row) => row.id)).toEqual([id(1), id(2), id(3)]);
  });

  it('shows the rows of now, not the ones it held: a row that changed is drawn as it is', () => {
    const now = [{ id: id(1), label: 'finished' }];
    expect(heldOrder([id(1)], now)[0]).toBe(now[0]);
  });

  it('puts added rows at the end and drops removed ones', () => {
    expect(heldOrder([id(1), id(2), id(3)], rows(4, 3, 1)).map((row) => row.id)).toEqual([id(1), id(3), id(4)]);
  });
});
