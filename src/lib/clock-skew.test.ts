import { describe, expect, it } from 'vitest';
import { describeSkew, noticeableSkewMs, skewAhead } from './clock-skew';

const now = Date.parse('2026-12-01T10:00:00Z');

describe('skewAhead', () => {
  it('is how far the latest date lies ahead of this clock', () => {
    expect(skewAhead([new Date(now - 60_000), new Date(now + 15 * 60_000), null], now)).toBe(15 * 60_000);
  });

  it('is zero when every date is in the past', () => {
    expect(skewAhead([new Date(now - 60_000), null], now)).toBe(0);
    expect(skewAhead([], now)).toBe(0);
  });

  it('is said only when it is larger than a small drift', () => {
    expect(skewAhead([new Date(now + 30_000)], now) > noticeableSkewMs).toBe(false);
    expect(skewAhead([new Date(now + 15 * 60_000)], now) > noticeableSkewMs).toBe(true);
  });
});

describe('describeSkew', () => {
  it('rounds to minutes, then hours', () => {
    expect(describeSkew(15 * 60_000 + 4_000)).toBe('about 15 minutes');
    expect(describeSkew(60_000)).toBe('about 1 minute');
    expect(describeSkew(3 * 3_600_000)).toBe('about 3 hours');
  });
});
