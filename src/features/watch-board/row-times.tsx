import { formatRelative } from '../../lib/time';
import { useTick } from '../../lib/use-tick';
import { describeDuration, type RowStatus } from './row-status';

/** Rows' times move on every 5 s: often enough for "2 min so far", rarely enough for a board of 500. */
export const rowTickMs = 5_000;

/** "3 minutes ago": only this text re-renders as time passes, not the row around it. */
export function TimeAgo({ time }: { time: number | undefined }) {
  const now = useTick(rowTickMs);
  return <>{time !== undefined ? formatRelative(time, now) : '—'}</>;
}

export function RowDuration({ status }: { status: RowStatus }) {
  const now = useTick(rowTickMs);
  return <>{describeDuration(status, now)}</>;
}
