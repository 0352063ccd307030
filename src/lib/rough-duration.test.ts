import { describe, expect, it } from 'vitest';
import { formatRoughDuration } from './rough-duration';

describe('formatRoughDuration', () => {
  it('says a duration as precisely as it is worth saying', () => {
    expect(formatRoughDuration(28_400)).toBe('28 s');
    expect(formatRoughDuration(70_400)).toBe('1 min 10 s');
    expect(formatRoughDuration(66_000)).toBe('1 min 10 s');
    expect(formatRoughDuration(19 * 60_000 + 43_000)).toBe('20 min');
    expect(formatRoughDuration(3_900_000)).toBe('1 h 5 min');
    expect(formatRoughDuration(27 * 3_600_000 + 60_000)).toBe('1 d 3 h');
  });

  it('leaves out the parts that are zero', () => {
    expect(formatRoughDuration(120_000)).toBe('2 min');
    expect(formatRoughDuration(2 * 86_400_000)).toBe('2 d');
  });

  it('rounds up for "within", so that a limit is never understated', () => {
    expect(formatRoughDuration(113_000, 'up')).toBe('2 min');
    expect(formatRoughDuration(121_000, 'up')).toBe('2 min 10 s');
    expect(formatRoughDuration(121_000, 'nearest')).toBe('2 min');
  });

  it('carries a rounding into the next unit', () => {
    expect(formatRoughDuration(59_600)).toBe('1 min');
    expect(formatRoughDuration(9 * 60_000 + 58_000)).toBe('10 min');
  });

  it('never says less than a second, nor anything odd for a bad value', () => {
    expect(formatRoughDuration(0)).toBe('1 s');
    expect(formatRoughDuration(-5_000)).toBe('1 s');
    expect(formatRoughDuration(Number.NaN)).toBe('1 s');
  });
});
