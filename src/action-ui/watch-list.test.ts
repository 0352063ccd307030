import { describe, expect, it } from 'vitest';
import type { Guid } from '../../core/lib/guid';
import {
  addToWatchList,
  boardLimit,
  boardPath,
  describeAddition,
  describePaste,
  idsFromBoardLink,
  linkLimit,
  loadWatchList,
  saveWatchList,
  tenantsFromBoardLink,
  watchListStorageKey,
} from './watch-list';

const a = '5f1c3a9e-2b7d-4e8f-9a6b-1c2d3e4f5a6b' as Guid;
const b = '11111111-1111-4111-8111-000000000001' as Guid;
const c = '11111111-1111-4111-8111-000000000002' as Guid;

describe('addToWatchList', () => {
  it('takes IDs, not text: adds each once, and says how many were already watched', () => {
    const result = addToWatchList([a], [b, c, a, b]);
    expect(result.ids).toEqual([a, b, c]);
    expect(result.added).toEqual([b, c]);
    expect(result.alreadyWatched).toEqual([a]);
    expect(describeAddition(result)).toBe('Added 2 actions; 1 was already watched.');
  });

  it('changes nothing when no ID was found', () => {
    const result = addToWatchList([a], []);
    expect(result.ids).toEqual([a]);
    expect(describeAddition(result)).toMatch(/No machine action ID found/);
  });
});

describe('describePaste', () => {
  it('says how many IDs were found and how many were added', () => {
    expect(describePaste(3, { added: [a, b, c], alreadyWatched: [] })).toBe('Found 3 action IDs in what you pasted: added 3.');
    expect(describePaste(3, { added: [b, c], alreadyWatched: [a] })).toBe('Found 3 action IDs in what you pasted: added 2; 1 was already watched.');
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
  it('carries the IDs in the fragment, which never reaches the server, and reads them back', () => {
    expect(boardPath([a, b])).toBe(`/board#ids=${a},${b}`);
    expect(idsFromBoardLink('', `#ids=${a},${b},<script>`)).toEqual([a, b]);
    expect(boardPath([])).toBe('/board');
  });

  it("carries each ID's tenant, when known, and reads the tenants back; a hostile tenant is dropped", () => {
    const path = boardPath([a, b], (id) => (id === a ? 'fabrikam.onmicrosoft.com' : undefined));
    expect(path).toBe(`/board#ids=${a}~fabrikam.onmicrosoft.com,${b}`);
    const hash = path!.slice('/board'.length);
    expect(idsFromBoardLink('', hash)).toEqual([a, b]);
    expect(tenantsFromBoardLink(hash)).toEqual(new Map([[a, 'fabrikam.onmicrosoft.com']]));
    expect(tenantsFromBoardLink(`#ids=${a}~<script>,${b}~x`)).toEqual(new Map([[b, 'x']]));
    // A tenant named by its ID is a GUID: it is never read as one more action.
    const tenantId = '8a1c4f2e-3b5d-4e6f-9a7b-1c2d3e4f5a61';
    expect(idsFromBoardLink('', `#ids=${a}~${tenantId},${b}`)).toEqual([a, b]);
    expect(tenantsFromBoardLink(`#ids=${a}~${tenantId},${b}`)).toEqual(new Map([[a, tenantId]]));
  });

  it('still reads the old links with the IDs in the query string', () => {
    expect(idsFromBoardLink(`?ids=${a},${b}`, '')).toEqual([a, b]);
  });

  it('makes no link for more IDs than a link carries', () => {
    const many = Array.from({ length: linkLimit + 1 }, (_, n) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}` as Guid);
    expect(boardPath(many.slice(0, linkLimit))?.length).toBeLessThan(12_000);
    expect(boardPath(many)).toBeUndefined();
  });
});

describe('board limit', () => {
  it('adds up to the limit and keeps the rest apart, to copy', () => {
    const watched = Array.from({ length: boardLimit - 1 }, (_, n) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}` as Guid);
    const result = addToWatchList(watched, [b, c, watched[0]]);
    expect(result.added).toEqual([b]);
    expect(result.overLimit).toEqual([c]);
    expect(result.alreadyWatched).toEqual([watched[0]]);
    expect(result.ids).toHaveLength(boardLimit);
    expect(describeAddition(result)).toBe(`Added 1 action; 1 was already watched; 1 action not added: the board holds at most ${boardLimit}.`);
  });
});
