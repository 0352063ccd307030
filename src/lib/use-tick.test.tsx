import { act, render, screen } from '@testing-library/react';
import { Profiler } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useTick } from './use-tick';

let renders = 0;
function Clock({ label }: { label: string }) {
  return <output aria-label={label}>{useTick(1_000)}</output>;
}

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
  renders = 0;
});
afterEach(() => vi.useRealTimers());

describe('useTick', () => {
  it('moves every label on the same pace together, with one timer', () => {
    render(
      <>
        <Clock label="first" />
        <Clock label="second" />
      </>,
    );
    expect(vi.getTimerCount()).toBe(1);
    act(() => vi.advanceTimersByTime(1_000));
    expect(screen.getByLabelText('first')).toHaveTextContent('1001000');
    expect(screen.getByLabelText('second')).toHaveTextContent('1001000');
  });

  it('stops its timer when the last label goes', () => {
    const { unmount } = render(<Clock label="only" />);
    expect(vi.getTimerCount()).toBe(1);
    unmount();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('does not re-render between ticks', () => {
    render(
      <Profiler id="idle" onRender={() => (renders += 1)}>
        <Clock label="idle" />
      </Profiler>,
    );
    const before = renders;
    act(() => vi.advanceTimersByTime(999));
    expect(renders).toBe(before);
  });
});
