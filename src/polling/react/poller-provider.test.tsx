import { renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { Guid } from '../../../core/lib/guid';
import { testPoller } from '../../testing/render';
import { PollerContext, useWatchInterest } from './poller-provider';

const a = '11111111-1111-4111-8111-000000000001' as Guid;
const b = '11111111-1111-4111-8111-000000000002' as Guid;

function renderInterest(ids: readonly Guid[]) {
  const poller = testPoller();
  const wrapper = ({ children }: { children: ReactNode }) => <PollerContext.Provider value={poller}>{children}</PollerContext.Provider>;
  const hook = renderHook(({ watched }: { watched: readonly Guid[] }) => useWatchInterest('board', watched), { wrapper, initialProps: { watched: ids } });
  return { ...hook, setInterest: vi.mocked(poller.setInterest) };
}

describe('useWatchInterest', () => {
  it('hands the poller the IDs themselves, in their order', () => {
    const { setInterest } = renderInterest([b, a]);
    expect(setInterest).toHaveBeenCalledTimes(1);
    expect(setInterest).toHaveBeenLastCalledWith('board', [b, a]);
  });

  it('declares again when the IDs change, not when a caller builds a new array of the same IDs', () => {
    const { setInterest, rerender } = renderInterest([a]);
    rerender({ watched: [a] });
    expect(setInterest).toHaveBeenCalledTimes(1);
    rerender({ watched: [a, b] });
    expect(setInterest).toHaveBeenCalledTimes(2);
    expect(setInterest).toHaveBeenLastCalledWith('board', [a, b]);
  });

  it('gives the poller its own copy, and withdraws the interest on leaving', () => {
    const ids = [a, b];
    const { setInterest, unmount } = renderInterest(ids);
    expect(setInterest.mock.calls[0][1]).not.toBe(ids);
    unmount();
    expect(setInterest).toHaveBeenLastCalledWith('board', []);
  });
});
