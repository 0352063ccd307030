import { useSyncExternalStore } from 'react';

function subscribe(onChange: () => void): () => void {
  document.addEventListener('visibilitychange', onChange);
  return () => document.removeEventListener('visibilitychange', onChange);
}

export function isPageHidden(): boolean {
  return document.visibilityState === 'hidden';
}

/** Whether the tab is hidden, as React state. */
export function usePageHidden(): boolean {
  return useSyncExternalStore(subscribe, isPageHidden, () => false);
}
