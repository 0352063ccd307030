import { Text } from '@mantine/core';
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
      {expected.slower && (
        <Text span size="xs" fw={700} c="amber" className={classes.late} data-testid="row-slower" data-late>
          {expected.slower}
        </Text>
      )}
    </>
  );
}
