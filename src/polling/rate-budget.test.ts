import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { budgetLimits, RateBudget } from './rate-budget';

describe('budgetLimits', () => {
  it('keeps 80 % of the quota by default', () => {
    expect(budgetLimits()).toEqual({ perMinute: 80, perHour: 1_200 });
  });

  it('divides the share among the analysts expected at once', () => {
    expect(budgetLimits(0.8, 4)).toEqual({ perMinute: 20, perHour: 300 });
  });

  it('never drops to zero, and clamps nonsense', () => {
    expect(budgetLimits(0.8, 1_000)).toEqual({ perMinute: 1, perHour: 1 });
    expect(budgetLimits(7, 0)).toEqual({ perMinute: 100, perHour: 1_500 });
  });
});

describe('RateBudget', () => {
  it('allows up to the per-minute limit, then frees a call when the oldest leaves the minute', () => {
    const budget = new RateBudget({ perMinute: 3, perHour: 100 });
    budget.record(0);
    budget.record(10_000);
    budget.record(20_000);
    expect(budget.available(30_000)).toBe(0);
    expect(budget.nextFreeAt(30_000)).toBe(60_000);
    expect(budget.available(60_000)).toBe(1);
  });

  it('enforces the hourly limit too', () => {
    const budget = new RateBudget({ perMinute: 10, perHour: 12 });
    for (let minute = 0; minute < 12; minute += 1) budget.record(minute * 60_000);
    expect(budget.available(12 * 60_000)).toBe(0);
    expect(budget.nextFreeAt(12 * 60_000)).toBe(3_600_000);
  });

  it('never lets more calls through than the limits, whatever the call pattern', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5_000 }), { minLength: 1, maxLength: 400 }), (gaps) => {
        const limits = { perMinute: 8, perHour: 40 };
        const budget = new RateBudget(limits);
        const made: number[] = [];
        let now = 0;
        for (const gap of gaps) {
          now += gap;
          if (budget.available(now) > 0) {
            budget.record(now);
            made.push(now);
          } else {
            expect(budget.nextFreeAt(now)).toBeGreaterThan(now);
          }
        }
        for (const at of made) {
          expect(made.filter((other) => other > at - 60_000 && other <= at).length).toBeLessThanOrEqual(limits.perMinute);
          expect(made.filter((other) => other > at - 3_600_000 && other <= at).length).toBeLessThanOrEqual(limits.perHour);
        }
      }),
    );
  });
});
