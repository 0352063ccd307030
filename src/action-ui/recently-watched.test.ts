import { describe, expect, it } from 'vitest';
import type { Guid } from '../../core/lib/guid';
import { loadRecentlyWatched, recentlyWatchedStorageKey, rememberWatched } from './recently-watched';

function storage(initial?: string) {
  const values = new Map<string, string>(initial === undefined ? [] : [[recentlyWatchedStorageKey, initial]]);
  return { getItem: (key: string) => values.get(key) ?? null, setItem: (key: string, value: string) => void values.set(key, value) };
}

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}` as Guid;

describe('recently watched', () => {
  it('keeps the newest first, each ID once', () => {
    const store = storage();
    rememberWatched(store, [id(1)], 100);
    rememberWatched(store, [id(2), id(3)], 200);
    rememberWatched(store, [id(1)], 300);
    expect(loadRecentlyWatched(store)).toEqual([
      { id: id(1), at: 300 },
      { id: id(2), at: 200 },
      { id: id(3), at: 200 },
    ]);
  });

  it('keeps only the last twenty', () => {
    const store = storage();
    for (let n = 1; n <= 25; n += 1) rememberWatched(store, [id(n)], n);
    const kept = loadRecentlyWatched(store);
    expect(kept).toHaveLength(20);
    expect(kept[0].id).toBe(id(25));
  });

  it.each(['not json', '{"id":1}', '[{"id":"x","at":1},{"id":"00000000-0000-4000-8000-000000000001"},null]'])('ignores what is not an ID and a time in %j', (stored) => {
    expect(loadRecentlyWatched(storage(stored))).toEqual([]);
  });
});
