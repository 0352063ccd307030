import type { Redis } from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import type { BudgetLimits } from '../../core/polling/scheduler/rate-budget';
import type { RelayKeys } from './keys';

/**
 * What access checks may spend of the team's Defender budget: they are reads with an analyst's own token, and
 * an analyst chooses how many IDs to send. So each analyst has a share a minute of their own, and all access
 * checks together at most half of the team's minute and hour: the other half is the poller's, whatever anyone
 * sends. A check within these still takes its call from the team's budget (shared-budget.ts).
 */
export interface AccessBudget {
  /** One access read for this analyst, or false when their share or the access checks' half is spent. */
  take(oid: string): Promise<boolean>;
}

async function consumed(limiter: RateLimiterRedis, key: string): Promise<boolean> {
  try {
    await limiter.consume(key, 1);
    return true;
  } catch {
    return false; // spent (a RateLimiterRes), or Redis away: no check now either way
  }
}

export function accessBudget(redis: Redis, keys: RelayKeys, limits: BudgetLimits, perAnalystPerMinute: number): AccessBudget {
  const perAnalyst = new RateLimiterRedis({ storeClient: redis, keyPrefix: `${keys.budgetPrefix}:access:analyst`, points: perAnalystPerMinute, duration: 60 });
  const minute = new RateLimiterRedis({ storeClient: redis, keyPrefix: `${keys.budgetPrefix}:access:minute`, points: Math.max(1, Math.floor(limits.perMinute / 2)), duration: 60 });
  const hour = new RateLimiterRedis({ storeClient: redis, keyPrefix: `${keys.budgetPrefix}:access:hour`, points: Math.max(1, Math.floor(limits.perHour / 2)), duration: 3_600 });
  return {
    async take(oid) {
      if (!(await consumed(perAnalyst, oid))) return false;
      if (!(await consumed(minute, 'team'))) return false;
      if (await consumed(hour, 'team')) return true;
      await minute.reward('team', 1).catch(() => undefined);
      return false;
    },
  };
}
