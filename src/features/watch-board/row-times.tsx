import { Text } from '@mantine/core';
import { useLayoutEffect, useRef } from 'react';
import { formatDuration, formatRelative } from '../../lib/time';
import { useTick } from '../../lib/use-tick';
import type { HistoryReading } from '../../../core/polling/history/duration-history';
import { rowExpectation } from './row-expectation';
import classes from './row-times.module.css';
import { describeDuration, type RowStatus } from './row-status';

/** Rows' times move on every 5 s: often enough for "2 min so far", rarely enough for a board of 500. */
export const rowTickMs = 5_000;

/** "3 minutes ago": only this text re-renders as time passes, not the row around it. */
export function TimeAgo({ time }: { time: number | undefined }) {
  const now = useTick(rowTickMs);
  return <>{time !== undefined ? formatRelative(time, now) : '—'}</>;
}

/**
 * "slower than 9 in 10 isolations here", in amber, and its row marked late (`data-late`) for the row's own
 * amber edge. Marked from here because only this part of the row follows the clock: the row itself is drawn
 * again only when its action's record changes, and a row styled by what it contains (`:has`) makes the
 * browser re-check 500 rows at every change.
 */
function LateFlag({ words }: { words: string }) {
  const flag = useRef<HTMLParagraphElement>(null);
  useLayoutEffect(() => {
    const row = flag.current?.closest('[data-action-id]');
    row?.setAttribute('data-late', '');
    return () => row?.removeAttribute('data-late');
  }, []);
  return (
    <Text ref={flag} span size="xs" fw={700} c="amber" className={classes.late} data-testid="row-slower">
      {words}
    </Text>
  );
}

/** "3 min so far · usually about 1 min 10 s", a bar against 9 in 10 of its kind, and a flag once it is late. */
export function RowDuration({ status, history }: { status: RowStatus; history: HistoryReading | undefined }) {
  const now = useTick(rowTickMs);
  const expected = rowExpectation(status, history, now);
  if (!expected) return <>{describeDuration(status, now)}</>;
  return (
    <>
      {describeDuration(status, now)} · <span data-testid="row-usual">{expected.usual}</span>
      <progress
        max={expected.p90Ms}
        value={Math.min(expected.runningForMs, expected.p90Ms)}
        aria-label={`Running for ${formatDuration(expected.runningForMs)}, against 9 in 10 finishing within ${formatDuration(expected.p90Ms)}`}
        style={{ display: 'block', width: '100%', maxWidth: 160, height: 6 }}
      />
      {expected.slower && <LateFlag words={expected.slower} />}
    </>
  );
}
