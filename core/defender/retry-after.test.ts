import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maxRetryAfterMs, parseRetryAfter } from './retry-after';

const now = Date.parse('2026-01-05T10:00:00Z');

describe('parseRetryAfter', () => {
  it('reads delta-seconds', () => {
    expect(parseRetryAfter('30', now)).toBe(30_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });

  it('reads an HTTP date as the time left until it', () => {
    expect(parseRetryAfter('Mon, 05 Jan 2026 10:00:45 GMT', now)).toBe(45_000);
  });

  it('treats a date in the past as "now"', () => {
    expect(parseRetryAfter('Mon, 05 Jan 2026 09:00:00 GMT', now)).toBe(0);
  });

  it('caps huge values', () => {
    expect(parseRetryAfter('999999999999999999999', now)).toBe(maxRetryAfterMs);
    expect(parseRetryAfter('Fri, 01 Jan 2100 00:00:00 GMT', now)).toBe(maxRetryAfterMs);
  });

  it.each([null, undefined, '', '   ', '-5', '1.5', '10s', 'soon', 'NaN', 'Infinity'])('cannot read %j', (header) => {
    expect(parseRetryAfter(header, now)).toBeUndefined();
  });

  it('is total: any string gives undefined or a whole number of ms within [0, cap]', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.integer().map(String), fc.date({ noInvalidDate: true }).map((d) => d.toUTCString())), fc.integer({ min: 0, max: 4e12 }), (header, at) => {
        const wait = parseRetryAfter(header, at);
        if (wait !== undefined) {
          expect(Number.isInteger(wait)).toBe(true);
          expect(wait).toBeGreaterThanOrEqual(0);
          expect(wait).toBeLessThanOrEqual(maxRetryAfterMs);
        }
      }),
    );
  });
});
