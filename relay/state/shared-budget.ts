import type { Redis } from 'ioredis';
import { RateLimiterRedis, type RateLimiterRes } from 'rate-limiter-flexible';
import type { BudgetLimits } from '../../core/polling/scheduler/rate-budget';
import type { RelayKeys } from './keys';

/** Calls made at one time, as the app's RateBudget counts them (`mirror(at, count)`). */
export interface SpentCalls {
  at: number;
  count: number;
}

/**
 * The deployment's Defender budget and 429 pause in Redis. The leader keeps the app's synchronous RateBudget
 * (its poller asks it before every check), records every call here as well, and on taking over seeds a fresh
 * RateBudget from here: a new leader goes on from what the old one spent.
 */
export interface SharedBudget {
  record(count: number): Promise<void>;
  spent(now: number): Promise<SpentCalls[]>;
  pausedUntil(now: number): Promise<number | undefined>;
  pause(until: number | undefined, now: number): Promise<void>;
  /**
   * Takes one call for a read outside the poller (an access check with an analyst's token): false when the
   * minute's or the hour's share is spent. The leader's own budget learns it when it next seeds from here.
   */
  take(): Promise<boolean>;
}

const key = 'defender';

/** One window of the Redis limiter: points spent, and when they are forgotten. */
export interface WindowUse {
  consumed: number;
  msBeforeNext: number;
}

function use(result: RateLimiterRes | null): WindowUse | undefined {
  return result ? { consumed: result.consumedPoints, msBeforeNext: result.msBeforeNext } : undefined;
}

/**
 * The limiter keeps fixed windows (a count and when it resets); the RateBudget a sliding one (call times).
 * Each window's calls are dated at the window's start, so they leave the budget exactly when Redis forgets
 * them; the hour's calls beyond the minute's are dated at the hour window's start. Never fewer calls, and
 * never younger ones, than Redis holds: a new leader may under-spend, never over-spend.
 */
export function seedCalls(minute: WindowUse | undefined, hour: WindowUse | undefined, now: number): SpentCalls[] {
  const calls: SpentCalls[] = [];
  const minuteCount = minute?.consumed ?? 0;
  if (minute && minuteCount > 0) calls.push({ at: now + minute.msBeforeNext - 60_000, count: minuteCount });
  const older = (hour?.consumed ?? 0) - minuteCount;
  if (hour && older > 0) calls.push({ at: now + hour.msBeforeNext - 3_600_000, count: older });
  return calls.sort((first, second) => first.at - second.at);
}

export function sharedBudget(redis: Redis, keys: RelayKeys, limits: BudgetLimits): SharedBudget {
  const minute = new RateLimiterRedis({ storeClient: redis, keyPrefix: `${keys.budgetPrefix}:minute`, points: limits.perMinute, duration: 60 });
  const hour = new RateLimiterRedis({ storeClient: redis, keyPrefix: `${keys.budgetPrefix}:hour`, points: limits.perHour, duration: 3_600 });
  return {
    async record(count) {
      // penalty, not consume: the call is made already (the RateBudget allowed it); this only counts it.
      await Promise.all([minute.penalty(key, count), hour.penalty(key, count)]);
    },
    async spent(now) {
      const [inMinute, inHour] = await Promise.all([minute.get(key), hour.get(key)]);
      return seedCalls(use(inMinute), use(inHour), now);
    },
    async take() {
      try {
        await minute.consume(key, 1);
      } catch {
        return false;
      }
      try {
        await hour.consume(key, 1);
        return true;
      } catch {
        await minute.reward(key, 1).catch(() => undefined);
        return false;
      }
    },
    async pausedUntil(now) {
      const until = Number(await redis.get(keys.pause));
      return Number.isFinite(until) && until > now ? until : undefined;
    },
    async pause(until, now) {
      if (until === undefined || until <= now) await redis.del(keys.pause);
      else await redis.set(keys.pause, String(until), 'PX', until - now);
    },
  };
}
