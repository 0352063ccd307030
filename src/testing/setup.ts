import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { historyStoragePrefix } from '../polling/history/history-cache';
import { fixedMediaQueryList } from './media-query-list';

afterEach(() => {
  cleanup();
  // What a test kept in the tenant's history store (seedHistory) is not the next test's.
  for (const key of Object.keys(window.localStorage)) if (key.startsWith(historyStoragePrefix)) window.localStorage.removeItem(key);
});

// jsdom lacks these; Mantine reads them (its Vite template stubs them the same way).
window.matchMedia ??= (query: string) => fixedMediaQueryList(query, false);

class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
window.ResizeObserver ??= ResizeObserverStub;

// Mantine's autosizing Textarea listens for web fonts loading, which jsdom does not model.
if (!('fonts' in document)) {
  Object.defineProperty(document, 'fonts', { value: new EventTarget() });
}
