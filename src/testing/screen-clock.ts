import { onlineManager } from '@tanstack/react-query';
import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach, vi } from 'vitest';

/**
 * Every test of the file starts at `now`, online, in a browser that has stored nothing (no watch list, no
 * history cache). Only Date is faked: the clock stands still, while the timers Testing Library and
 * user-event use still run.
 */
export function screenTestsAt(now: number): void {
  beforeEach(() => {
    vi.useFakeTimers({ now, toFake: ['Date'] });
  });
  afterEach(() => {
    cleanup(); // unmounted before the browser changes under it
    vi.useRealTimers();
    window.localStorage.clear();
    onlineManager.setOnline(true);
  });
}
