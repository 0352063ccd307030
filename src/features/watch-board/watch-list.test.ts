import { describe, expect, it } from 'vitest';
import type { Guid } from '../../lib/guid';
import { addFromText, boardPath, describeAddition, idsFromBoardSearch, loadWatchList, saveWatchList, watchListStorageKey } from './watch-list';

const a = '5f1c3a9e-2b7d-4e8f-9a6b-1c2d3e4f5a6b' as Guid;
const b = '11111111-1111-4111-8111-000000000001' as Guid;
const c = '11111111-1111-4111-8111-000000000002' as Guid;

describe('addFromText', () => {
  it('adds each ID found in a ticket once, and says how many were already watched', () => {
    const result = addFromText([a], `Isolations: ${b}, ${c}\nand again ${a.toUpperCase()} and ${b}`);
    expect(result.ids).toEqual([a, b, c]);
    expect(result.added).toEqual([b, c]);
    expect(result.alreadyWatched).toEqual([a]);
    expect(describeAddition(result)).toBe('Added 2 actions; 1 was already watched.');
  });

  it('changes nothing for text without an ID', () => {
    const result = addFromText([a], 'please isolate finance-ws-014');
    expect(result.ids).toEqual([a]);
    expect(describeAddition(result)).toMatch(/No machine action ID found/);
  });
});

describe('stored watch list', () => {
  function storage(initial?: string) {
    const values = new Map<string, string>(initial === undefined ? [] : [[watchListStorageKey, initial]]);
    return { getItem: (key: string) => values.get(key) ?? null, setItem: (key: string, value: string) => void values.set(key, value), values };
  }

  it('round-trips the IDs, and only the IDs', () => {
    const store = storage();
    saveWatchList(store, [a, b]);
    expect(store.values.get(watchListStorageKey)).toBe(JSON.stringify([a, b]));
    expect(loadWatchList(store)).toEqual([a, b]);
  });

  it.each(['not json', '{"a":1}', '[1, null, "x", "5F1C3A9E-2B7D-4E8F-9A6B-1C2D3E4F5A6B", "5f1c3a9e-2b7d-4e8f-9a6b-1c2d3e4f5a6b"]'])('ignores what is not an ID in %j', (stored) => {
    expect(loadWatchList(storage(stored))).toEqual(stored.startsWith('[') ? [a] : []);
  });
});

describe('board address', () => {
  it('carries the IDs and reads them back, dropping anything else', () => {
    expect(boardPath([a, b])).toBe(`/board?ids=${a},${b}`);
    expect(idsFromBoardSearch(`?ids=${a},${b},<script>`)).toEqual([a, b]);
    expect(boardPath([])).toBe('/board');
  });
});
