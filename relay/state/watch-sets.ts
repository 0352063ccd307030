import type { Redis } from 'ioredis';
import { isGuid, type Guid } from '../../core/lib/guid';
import type { RelayKeys } from './keys';

/**
 * What each analyst watches, in Redis rather than in the replica that took the PUT: the analyst's stream may
 * be held by another replica behind the load balancer.
 */
export interface WatchSets {
  read(oid: string): Promise<Guid[]>;
  write(oid: string, ids: readonly Guid[]): Promise<void>;
  /** Writes it back only if Redis has lost it (a restart): a newer PUT elsewhere is never overwritten. */
  restore(oid: string, ids: readonly Guid[]): Promise<void>;
}

export function watchSets(redis: Redis, keys: RelayKeys, ttlMs: number): WatchSets {
  return {
    async read(oid) {
      const text = await redis.get(keys.watch(oid));
      if (text === null) return [];
      try {
        const ids: unknown = JSON.parse(text);
        return Array.isArray(ids) ? ids.filter((id): id is Guid => typeof id === 'string' && isGuid(id)) : [];
      } catch {
        return [];
      }
    },
    async write(oid, ids) {
      await redis.set(keys.watch(oid), JSON.stringify(ids), 'PX', ttlMs);
    },
    async restore(oid, ids) {
      await redis.set(keys.watch(oid), JSON.stringify(ids), 'PX', ttlMs, 'NX');
    },
  };
}
