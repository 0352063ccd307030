import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { RelayKeys } from './keys';

/** Per-analyst request limit: `undefined` when the request may go ahead, else how long to wait (ms). */
export type RequestLimiter = (oid: string) => Promise<number | undefined>;

/**
 * A fixed number of requests a minute per analyst, counted in Redis so that every replica counts the same.
 * While Redis is away, each replica counts alone in memory (the limiter's insurance), rather than refuse all.
 */
export function requestLimiter(redis: Redis, keys: RelayKeys, perMinute: number): RequestLimiter {
  const limiter = new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: keys.requestsPrefix,
    points: perMinute,
    duration: 60,
    insuranceLimiter: new RateLimiterMemory({ points: perMinute, duration: 60 }),
  });
  return async (oid) => {
    try {
      await limiter.consume(oid);
      return undefined;
    } catch (error) {
      if (error instanceof RateLimiterRes) return error.msBeforeNext;
      throw error;
    }
  };
}
