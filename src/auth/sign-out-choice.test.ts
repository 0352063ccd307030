import { act, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { forgetListsOnSignOutStorageKey, loadForgetListsOnSignOut, saveForgetListsOnSignOut, useForgetListsOnSignOut } from './sign-out-choice';

afterEach(() => window.localStorage.clear());

const refusingStorage = {
  getItem: (): string | null => {
    throw new Error('SecurityError');
  },
  setItem: () => {
    throw new Error('QuotaExceededError');
  },
  removeItem: () => {
    throw new Error('SecurityError');
  },
};

describe('the choice to forget the lists on sign-out', () => {
  it('is off until chosen, and remembered once chosen', () => {
    expect(loadForgetListsOnSignOut(window.localStorage)).toBe(false);
    saveForgetListsOnSignOut(window.localStorage, true);
    expect(loadForgetListsOnSignOut(window.localStorage)).toBe(true);
    saveForgetListsOnSignOut(window.localStorage, false);
    expect(loadForgetListsOnSignOut(window.localStorage)).toBe(false);
    expect(window.localStorage.getItem(forgetListsOnSignOutStorageKey)).toBeNull();
  });

  it('reads anything but its own word as off', () => {
    window.localStorage.setItem(forgetListsOnSignOutStorageKey, 'true');
    expect(loadForgetListsOnSignOut(window.localStorage)).toBe(false);
  });

  it('is off, and never throws, where storage is refused', () => {
    expect(loadForgetListsOnSignOut(refusingStorage)).toBe(false);
    expect(() => saveForgetListsOnSignOut(refusingStorage, true)).not.toThrow();
  });

  it('follows a change made in another tab', () => {
    const { result } = renderHook(() => useForgetListsOnSignOut());
    expect(result.current[0]).toBe(false);
    act(() => {
      window.localStorage.setItem(forgetListsOnSignOutStorageKey, 'yes');
      window.dispatchEvent(new StorageEvent('storage', { key: forgetListsOnSignOutStorageKey, newValue: 'yes' }));
    });
    expect(result.current[0]).toBe(true);
    act(() => result.current[1](false));
    expect(result.current[0]).toBe(false);
    expect(loadForgetListsOnSignOut(window.localStorage)).toBe(false);
  });
});
