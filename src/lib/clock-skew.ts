/** Defender's clock may run this far ahead of this one before the app says so. */
export const noticeableSkewMs = 2 * 60_000;

/**
 * How far ahead of this browser's clock Defender's clock seems to be, from the dates it wrote: a date ahead
 * of `now` can only mean the clocks differ. Zero when nothing is ahead (a clock behind cannot be told from
 * an action that has waited).
 */
export function skewAhead(dates: readonly (Date | null)[], now: number): number {
  let ahead = 0;
  for (const date of dates) if (date) ahead = Math.max(ahead, date.getTime() - now);
  return ahead;
}

/** "about 15 minutes": rounded, since the dates say only that the skew is at least this. */
export function describeSkew(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `about ${minutes} minute${minutes === 1 ? '' : 's'}`;
  const hours = Math.round(minutes / 60);
  return `about ${hours} hour${hours === 1 ? '' : 's'}`;
}
