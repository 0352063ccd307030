/** The longest wait we honour; a bigger value is more likely a broken header than a real instruction. */
export const maxRetryAfterMs = 60 * 60 * 1000;

/**
 * Reads a `Retry-After` header: delta-seconds ("30") or an HTTP date. Returns the wait in milliseconds
 * (0 for a time already past), or undefined when the header is missing or cannot be read.
 * Total: never throws, never returns a negative, NaN or unbounded value.
 */
export function parseRetryAfter(header: string | null | undefined, now: number): number | undefined {
  if (header == null) return undefined;
  const value = header.trim();
  if (value === '') return undefined;
  if (/^\d+$/.test(value)) return Math.min(Number(value) * 1000, maxRetryAfterMs);
  if (/^[+-]?\d/.test(value)) return undefined; // "-5", "1.5", "10s": not delta-seconds, not a date
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.min(Math.max(date - now, 0), maxRetryAfterMs);
}
