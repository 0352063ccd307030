/**
 * How precisely a duration is said, by its size: nobody says "about 19 min 43 s" of a typical full scan.
 * Seconds under a minute, ten seconds under ten minutes, minutes under an hour, five minutes under a day,
 * hours beyond.
 */
const precision: readonly { below: number; stepMs: number }[] = [
  { below: 60_000, stepMs: 1_000 },
  { below: 10 * 60_000, stepMs: 10_000 },
  { below: 3_600_000, stepMs: 60_000 },
  { below: 86_400_000, stepMs: 5 * 60_000 },
  { below: Number.POSITIVE_INFINITY, stepMs: 3_600_000 },
];

const parts: readonly { unit: string; ms: number }[] = [
  { unit: 'd', ms: 86_400_000 },
  { unit: 'h', ms: 3_600_000 },
  { unit: 'min', ms: 60_000 },
  { unit: 's', ms: 1_000 },
];

/**
 * A duration rounded to what is worth saying, in ms: `nearest` for "about", `up` for "within" (9 in 10
 * finish within 2 min must not round 2 min 4 s down). Never below 1 s. What is compared with the words
 * (a late flag, the end of a bar) uses this, so that the page never says one thing and flags another.
 */
export function roughDurationMs(ms: number, rounding: 'nearest' | 'up' = 'nearest'): number {
  const safe = Number.isFinite(ms) ? Math.max(ms, 0) : 0;
  const { stepMs } = precision.find(({ below }) => safe < below) ?? { stepMs: 3_600_000 };
  const round = rounding === 'up' ? Math.ceil : Math.round;
  return Math.max(round(safe / stepMs) * stepMs, 1_000);
}

/** "1 min 10 s", "2 min", "20 min", "1 h 5 min": roughDurationMs in words. */
export function formatRoughDuration(ms: number, rounding: 'nearest' | 'up' = 'nearest'): string {
  let rest = roughDurationMs(ms, rounding);
  const words: string[] = [];
  for (const { unit, ms: size } of parts) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0) words.push(`${count} ${unit}`);
  }
  return words.join(' ');
}
