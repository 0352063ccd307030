/**
 * Defender writes timestamps with 7 fractional digits (`2019-01-02T14:39:38.2262283Z`); JavaScript keeps
 * milliseconds, so the last four digits are derived from the millisecond value to look like real data.
 */
export function formatDefenderTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  const scrambled = Math.imul(Math.trunc(ms) % 1_000_000_007, 2_654_435_761) >>> 0;
  const subMillisecond = String(scrambled % 10_000).padStart(4, '0');
  return `${iso.slice(0, 23)}${subMillisecond}Z`;
}

const ISO_DATETIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?)(?:\.(\d{1,7}))?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A comparable form of an ISO date-time: UTC with exactly 7 fractional digits, so that plain string
 * comparison orders instants correctly. `undefined` when the text is not an ISO date-time.
 */
export function normalizeDefenderTime(text: string): string | undefined {
  const match = ISO_DATETIME.exec(text);
  if (match === null) return undefined;
  const [, wholeSeconds = '', fraction = '', zone = 'Z'] = match;
  const ms = Date.parse(`${wholeSeconds}${zone}`);
  if (Number.isNaN(ms)) return undefined;
  return `${new Date(ms).toISOString().slice(0, 19)}.${fraction.padEnd(7, '0')}Z`;
}

export function parseDefenderTime(text: string): number | undefined {
  const normalized = normalizeDefenderTime(text);
  return normalized === undefined ? undefined : Date.parse(normalized);
}
