import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quantile } from './quantile';

describe('quantile', () => {
  it('interpolates between the nearest values', () => {
    expect(quantile([10, 20, 30, 40], 0.5)).toBe(25);
    expect(quantile([10, 20, 30, 40, 50], 0.5)).toBe(30);
    expect(quantile([10, 20, 30, 40, 50], 0.9)).toBe(46);
    expect(quantile([7], 0.9)).toBe(7);
  });

  it('gives the smallest and largest values at the ends, whatever level is asked for', () => {
    expect(quantile([1, 2, 3], 0)).toBe(1);
    expect(quantile([1, 2, 3], 1)).toBe(3);
    expect(quantile([1, 2, 3], -1)).toBe(1);
    expect(quantile([1, 2, 3], 2)).toBe(3);
  });

  it('refuses an empty sample rather than inventing a value', () => {
    expect(() => quantile([], 0.5)).toThrow(RangeError);
  });

  it('never decreases as the level rises, and stays within the sample', () => {
    const sample = fc.array(fc.double({ min: 0, max: 1e9, noNaN: true }), { minLength: 1, maxLength: 50 }).map((values) => values.sort((a, b) => a - b));
    fc.assert(
      fc.property(sample, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (values, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(quantile(values, low)).toBeLessThanOrEqual(quantile(values, high));
        expect(quantile(values, low)).toBeGreaterThanOrEqual(values[0] ?? 0);
        expect(quantile(values, high)).toBeLessThanOrEqual(values.at(-1) ?? 0);
      }),
    );
  });
});
