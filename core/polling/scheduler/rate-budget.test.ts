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

  it('tells of the calls this tab makes, and of no call mirrored from another tab', () => {
    const told: [number, number][] = [];
    const budget = new RateBudget({ perMinute: 3, perHour: 100 }, (at, count) => told.push([at, count]));
    budget.record(1_000, 2);
    budget.mirror(500);
    expect(told).toEqual([[1_000, 2]]);
    expect(budget.available(2_000)).toBe(0); // the other tab's call counts against the one quota
  });

  it('keeps calls heard of late in order, and forgets them after an hour like its own', () => {
    const budget = new RateBudget({ perMinute: 3, perHour: 100 });
    budget.record(50_000);
    budget.mirror(10_000); // made before this tab's, heard of after it
    expect(budget.spentCalls(50_000)).toEqual([10_000, 50_000]);
    expect(budget.nextFreeAt(50_000)).toBe(50_000);
    budget.mirror(20_000);
    expect(budget.nextFreeAt(50_000)).toBe(70_000); // the oldest of the three leaves the minute first
    expect(budget.spentCalls(3_610_000)).toEqual([20_000, 50_000]); // an hour after the first
    expect(budget.spentCalls(3_660_000)).toEqual([]);
  });

  it('takes in another tab’s account once, however much of it this tab heard of already', () => {
    const budget = new RateBudget({ perMinute: 10, perHour: 100 });
    budget.mirror(1_000, 2); // heard of as it happened
    budget.record(3_000); // this tab's own, which the other account may not hold yet
    budget.merge([1_000, 1_000, 2_000]);
    expect(budget.spentCalls(4_000)).toEqual([1_000, 1_000, 2_000, 3_000]);
    budget.merge([1_000, 1_000, 2_000, 3_000]);
    expect(budget.spentCalls(4_000)).toEqual([1_000, 1_000, 2_000, 3_000]);
  });

  it('merges accounts so that neither loses a call and an account merged twice counts once', () => {
    const times = fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 30 });
    fc.assert(
      fc.property(times, times, (mine, theirs) => {
        const budget = new RateBudget({ perMinute: 100, perHour: 100 });
        for (const at of mine) budget.mirror(at);
        budget.merge(theirs);
        const once = budget.spentCalls(20);
        budget.merge(theirs);
        expect(budget.spentCalls(20)).toEqual(once);
        expect(once).toEqual([...once].sort((first, second) => first - second));
        for (const at of new Set([...mine, ...theirs])) {
          const count = (list: number[]) => list.filter((other) => other === at).length;
          expect(count(once)).toBe(Math.max(count(mine), count(theirs)));
        }
      }),
    );
  });
});
