import type { Redis } from 'ioredis';
import { isGuid, type Guid } from '../../core/lib/guid';
import type { RelayKeys } from './keys';

/**
 * The union of what the team watches, as leases in one sorted set (ID → expiry). Every replica renews the
 * IDs its connected analysts watch; an ID nobody renews drops out, and the poller stops reading it.
 */
export interface Leases {
  renew(ids: Iterable<Guid>, now: number): Promise<void>;
  /** The IDs leased at `now`, the expired ones removed on the way. */
  live(now: number): Promise<Guid[]>;
}

export function leases(redis: Redis, keys: RelayKeys, ttlMs: number): Leases {
  return {
    async renew(ids, now) {
      const members = [...new Set(ids)].flatMap((id) => [now + ttlMs, id]);
      // GT: a renewal never shortens a lease another replica set further out.
      if (members.length > 0) await redis.zadd(keys.leases, 'GT', ...members);
    },
    async live(now) {
      const [, ids] = await redis.multi().zremrangebyscore(keys.leases, '-inf', now).zrangebyscore(keys.leases, now, '+inf').exec().then(results(2));
      return (Array.isArray(ids) ? ids : []).filter((id): id is Guid => typeof id === 'string' && isGuid(id));
    },
  };
}

/** A MULTI's answers, throwing the first error, as ioredis hands back [error, value] pairs. */
function results(count: number) {
  return (answers: [Error | null, unknown][] | null): unknown[] => {
    if (answers === null || answers.length !== count) throw new Error('Redis discarded the transaction.');
    for (const [error] of answers) if (error) throw error;
    return answers.map(([, value]) => value);
  };
}
