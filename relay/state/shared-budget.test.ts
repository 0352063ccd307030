import { describe, expect, it } from 'vitest';
import { RateBudget } from '../../core/polling/scheduler/rate-budget';
import { seedCalls } from './shared-budget';

const now = 10_000_000;

describe('seedCalls', () => {
  it('dates each window’s calls at its start, so they leave the budget when Redis forgets them', () => {
    const calls = seedCalls({ consumed: 4, msBeforeNext: 20_000 }, { consumed: 10, msBeforeNext: 1_000_000 }, now);
    expect(calls).toEqual([
      { at: now + 1_000_000 - 3_600_000, count: 6 },
      { at: now + 20_000 - 60_000, count: 4 },
    ]);
    const budget = new RateBudget({ perMinute: 5, perHour: 12 });
    for (const spent of calls) budget.mirror(spent.at, spent.count);
    expect(budget.available(now)).toBe(1); // the minute's 4 of 5
    expect(budget.available(now + 20_001)).toBe(2); // the minute forgot them; the hour's 10 of 12 remain
  });

  it('seeds nothing from an empty Redis', () => {
    expect(seedCalls(undefined, undefined, now)).toEqual([]);
  });
});
