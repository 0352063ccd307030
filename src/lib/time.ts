const localFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const clockFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });
const relativeFormat = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

export function formatLocal(date: Date): string {
  return localFormat.format(date);
}

export function formatClock(time: number): string {
  return clockFormat.format(time);
}

const shortClockFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });
const shortDayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** "12:04" today, "5 Dec 2026, 12:04" on another day: when something last happened, to the minute. */
export function formatMinute(time: number, now: number): string {
  return new Date(time).toDateString() === new Date(now).toDateString() ? shortClockFormat.format(time) : shortDayFormat.format(time);
}

/** "2024-05-01 14:39:38 UTC": the form tickets and Defender's own exports use. */
export function formatUtc(date: Date): string {
  return `${date.toISOString().replace('T', ' ').replace(/\.\d+Z$/, '')} UTC`;
}

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1_000],
];

/**
 * "3 minutes ago", or "just now" for the last few seconds. Every time shown this way is in the past: a time
 * ahead of this browser's clock (Defender's clock is ahead, or this one behind) is "just now", never "in
 * 15 minutes".
 */
export function formatRelative(time: number, now: number): string {
  const ago = now - time;
  if (ago < 10_000) return 'just now';
  for (const [unit, size] of units) {
    if (ago >= size || unit === 'second') return relativeFormat.format(-Math.round(ago / size), unit);
  }
  return 'just now';
}

/** "1 h 04 min", "2 min 05 s", "42 s". */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3_600);
  const minutes = Math.floor((total % 3_600) / 60);
  const seconds = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${pad(minutes)} min`;
  if (minutes > 0) return `${minutes} min ${pad(seconds)} s`;
  return `${seconds} s`;
}
