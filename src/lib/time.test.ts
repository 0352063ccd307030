import { describe, expect, it } from 'vitest';
import { formatDuration, formatRelative } from './time';

const now = Date.parse('2026-12-01T10:00:00Z');

describe('formatRelative', () => {
  it('says how long ago a time was', () => {
    expect(formatRelative(now - 3 * 60_000, now)).toMatch(/3 minutes ago/);
    expect(formatRelative(now - 2 * 3_600_000, now)).toMatch(/2 hours ago/);
    expect(formatRelative(now - 45_000, now)).toMatch(/45 seconds ago/);
  });

  it('calls the last few seconds "just now"', () => {
    expect(formatRelative(now - 2_000, now)).toBe('just now');
    expect(formatRelative(now, now)).toBe('just now');
  });

  it('never puts a time in the future: one ahead of this clock is "just now"', () => {
    expect(formatRelative(now + 15 * 60_000, now)).toBe('just now');
    expect(formatRelative(now + 3 * 86_400_000, now)).toBe('just now');
  });
});

describe('formatDuration', () => {
  it('reads as the analyst would say it', () => {
    expect(formatDuration(66_000)).toBe('1 min 06 s');
    expect(formatDuration(42_000)).toBe('42 s');
    expect(formatDuration(3_840_000)).toBe('1 h 04 min');
    expect(formatDuration(-5)).toBe('0 s');
  });
});
