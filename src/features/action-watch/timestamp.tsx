import { formatLocal, formatRelative, formatUtc } from '../../lib/time';

/** Local time with "3 min ago"; the UTC time on hover, as tickets often quote UTC. */
export function Timestamp({ date, now }: { date: Date | null; now: number }) {
  if (!date) return <span>—</span>;
  return (
    <time dateTime={date.toISOString()} title={formatUtc(date)}>
      {formatLocal(date)} <span className="muted">({formatRelative(date.getTime(), now)})</span>
    </time>
  );
}
