import { act, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { forgetListsOnSignOutStorageKey } from '../auth/sign-out-choice';
import { browserListKeys, browserListsKept, forgetBrowserLists, useBrowserLists } from './browser-lists';
import { seenStatusesStorageKey } from './away/seen-statuses';
import { actionTenantsStorageKey } from '../polling/tenants/action-tenants';
import { recentlyWatchedStorageKey } from './recently-watched';
import { watchListStorageKey } from './watch-list';

const boardIds = JSON.stringify(['11111111-1111-4111-8111-000000000001']);
const seenStatuses = JSON.stringify({ '11111111-1111-4111-8111-000000000001': { status: 'Pending', at: 1 } });
const watchedLately = JSON.stringify([{ id: '11111111-1111-4111-8111-000000000001', at: 1 }]);

afterEach(() => window.localStorage.clear());

describe("this browser's lists", () => {
  it('are the board, watched lately, and the statuses last seen (what finished while away)', () => {
    expect(browserListKeys).toEqual(expect.arrayContaining([watchListStorageKey, recentlyWatchedStorageKey, seenStatusesStorageKey, actionTenantsStorageKey]));
  });

  it('are forgotten, and nothing else this browser keeps', () => {
    window.localStorage.setItem(watchListStorageKey, boardIds);
    window.localStorage.setItem(recentlyWatchedStorageKey, watchedLately);
    window.localStorage.setItem(seenStatusesStorageKey, seenStatuses);
    window.localStorage.setItem(forgetListsOnSignOutStorageKey, 'yes');
    window.localStorage.setItem('mantine-color-scheme-value', 'dark');
    expect(browserListsKept(window.localStorage)).toBe(true);

    forgetBrowserLists(window.localStorage);

    expect(window.localStorage.getItem(watchListStorageKey)).toBeNull();
    expect(window.localStorage.getItem(recentlyWatchedStorageKey)).toBeNull();
    expect(window.localStorage.getItem(seenStatusesStorageKey)).toBeNull();
    expect(browserListsKept(window.localStorage)).toBe(false);
    // The workstation's choice and the analyst's theme stay.
    expect(window.localStorage.getItem(forgetListsOnSignOutStorageKey)).toBe('yes');
    expect(window.localStorage.getItem('mantine-color-scheme-value')).toBe('dark');
  });

  it('count as kept when either is', () => {
    expect(browserListsKept(window.localStorage)).toBe(false);
    window.localStorage.setItem(recentlyWatchedStorageKey, watchedLately);
    expect(browserListsKept(window.localStorage)).toBe(true);
  });
});

describe('useBrowserLists', () => {
  it('counts a forgetting in this tab', () => {
    window.localStorage.setItem(watchListStorageKey, boardIds);
    const { result } = renderHook(() => useBrowserLists());
    expect(result.current.lists.kept()).toBe(true);
    act(() => result.current.lists.forget());
    expect(result.current.forgotten).toBe(1);
    expect(result.current.lists.kept()).toBe(false);
  });

  it("counts another tab's forgetting, not its changes to a list", () => {
    const { result } = renderHook(() => useBrowserLists());
    act(() => void window.dispatchEvent(new StorageEvent('storage', { key: watchListStorageKey, oldValue: boardIds, newValue: '[]' })));
    expect(result.current.forgotten).toBe(0);
    act(() => void window.dispatchEvent(new StorageEvent('storage', { key: recentlyWatchedStorageKey, oldValue: watchedLately, newValue: null })));
    expect(result.current.forgotten).toBe(1);
    act(() => void window.dispatchEvent(new StorageEvent('storage', { key: 'another-key', oldValue: 'x', newValue: null })));
    expect(result.current.forgotten).toBe(1);
  });
});
