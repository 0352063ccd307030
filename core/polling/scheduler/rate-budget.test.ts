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

describe('RateBudget: what each kind of call may spend', () => {
  const limits = { perMinute: 80, perHour: 1_200 };
  const now = 10 * 3_600_000;

  it('lets new IDs spend it all, checks at their latest time all but 1 %, eager checks all but 2 % (of each window)', () => {
    const budget = new RateBudget(limits);
    expect(budget.limitsFor('urgent')).toEqual(limits);
    expect(budget.limitsFor('due')).toEqual({ perMinute: 80, perHour: 1_188 });
    expect(budget.limitsFor('eager')).toEqual({ perMinute: 79, perHour: 1_176 });
    budget.record(now - 1_800_000, 1_180);
    expect(budget.allowance(now)).toEqual({ urgent: 20, due: 8, eager: 0 });
  });

  it('keeps more where asked (the relay, for its access checks), never below one call where the quota has one', () => {
    expect(new RateBudget(limits, undefined, { keptShare: 0.05 }).limitsFor('eager')).toEqual({ perMinute: 72, perHour: 1_080 });
    expect(new RateBudget({ perMinute: 1, perHour: 24 }).limitsFor('eager')).toEqual({ perMinute: 1, perHour: 24 });
    expect(new RateBudget({ perMinute: 0, perHour: 0 }).limitsFor('urgent')).toEqual({ perMinute: 0, perHour: 0 });
  });

  it('says when a call of each kind next fits: the oldest call that must leave its window, or never', () => {
    const budget = new RateBudget(limits);
    budget.record(now - 1_800_000, 1_180);
    expect(budget.nextFreeAt(now, 'urgent')).toBe(now);
    expect(budget.nextFreeAt(now, 'eager')).toBe(now - 1_800_000 + 3_600_000);
    expect(new RateBudget({ perMinute: 0, perHour: 0 }).nextFreeAt(now)).toBe(Number.POSITIVE_INFINITY);
    const minute = new RateBudget(limits);
    minute.record(now - 50_000, 40);
    minute.record(now - 10_000, 40);
    expect(minute.nextFreeAt(now, 'urgent')).toBe(now + 10_000); // the first 40 leave the minute then
  });

  it('counts what will fit later without forgetting a call that still counts now', () => {
    const budget = new RateBudget({ perMinute: 80, perHour: 10 });
    budget.record(now - 3_590_000, 5); // leaves the hour in 10 s
    expect(budget.availableAt(now + 20_000)).toBe(10);
    expect(budget.available(now)).toBe(5);
    expect(budget.allowanceAt(now + 5_000)).toEqual({ urgent: 5, due: 5, eager: 5 });
  });

  it('paces routine calls at the eager limit: 1,176 an hour is a call every 3.06 s', () => {
    expect(new RateBudget(limits).paceMs(1)).toBe(3_062);
    expect(new RateBudget(limits).paceMs(3)).toBe(9_184);
  });
});
