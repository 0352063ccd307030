import { useEffect, useState } from 'react';

/** The lists this browser keeps of what the analyst watched; the app supplies them, sign-in knows none. */
export interface ForgettableLists {
  /** Whether any is kept now. */
  kept(): boolean;
  forget(): void;
}

export const forgetListsOnSignOutStorageKey = 'machine-action-watch:forget-lists-on-sign-out';

/** Off unless chosen: a personal browser keeps its lists across sign-ins. */
export function loadForgetListsOnSignOut(storage: Pick<Storage, 'getItem'>): boolean {
  try {
    return storage.getItem(forgetListsOnSignOutStorageKey) === 'yes';
  } catch {
    return false;
  }
}

export function saveForgetListsOnSignOut(storage: Pick<Storage, 'setItem' | 'removeItem'>, forget: boolean): void {
  try {
    if (forget) storage.setItem(forgetListsOnSignOutStorageKey, 'yes');
    else storage.removeItem(forgetListsOnSignOutStorageKey);
  } catch {
    // storage disabled: the switch holds for this page only
  }
}

/** The choice as this browser remembers it, kept in step with another tab that changes it. */
export function useForgetListsOnSignOut(): [boolean, (forget: boolean) => void] {
  const [forget, setForget] = useState(() => loadForgetListsOnSignOut(window.localStorage));
  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key === forgetListsOnSignOutStorageKey || event.key === null) setForget(loadForgetListsOnSignOut(window.localStorage));
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, []);
  const choose = (next: boolean) => {
    saveForgetListsOnSignOut(window.localStorage, next);
    setForget(next);
  };
  return [forget, choose];
}
