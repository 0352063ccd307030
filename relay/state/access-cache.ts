import type { Redis } from 'ioredis';
import type { Guid } from '../../core/lib/guid';
import type { RelayKeys } from './keys';

/** What an analyst's own token found for an action: readable, or why not. */
export type AccessVerdict = 'allowed' | 'not-found' | 'forbidden';

const verdicts: ReadonlySet<string> = new Set<AccessVerdict>(['allowed', 'not-found', 'forbidden']);

/** The yes/no of each access check per analyst and action, with a TTL; never the token that answered it. */
export interface AccessCache {
  read(oid: string, ids: readonly Guid[]): Promise<Map<Guid, AccessVerdict>>;
  write(oid: string, verdicts: ReadonlyMap<Guid, AccessVerdict>): Promise<void>;
}

export function accessCache(redis: Redis, keys: RelayKeys, ttl: { allowedMs: number; deniedMs: number }): AccessCache {
  return {
    async read(oid, ids) {
      const found = new Map<Guid, AccessVerdict>();
      if (ids.length === 0) return found;
      const values = await redis.mget(ids.map((id) => keys.access(oid, id)));
      ids.forEach((id, index) => {
        const value = values[index];
        if (typeof value === 'string' && verdicts.has(value)) found.set(id, value as AccessVerdict);
      });
      return found;
    },
    async write(oid, written) {
      if (written.size === 0) return;
      const batch = redis.multi();
      for (const [id, verdict] of written) batch.set(keys.access(oid, id), verdict, 'PX', verdict === 'allowed' ? ttl.allowedMs : ttl.deniedMs);
      await batch.exec();
    },
  };
}
