import type { Redis } from 'ioredis';
import type { Guid } from '../../core/lib/guid';
import { parseCheckRecordJson, type CheckRecord } from './check-record';
import type { RelayKeys } from './keys';

/** Where each action's latest check is kept: what a stream sends first, and what a new leader learns from. */
export interface ActionStates {
  save(record: CheckRecord): Promise<void>;
  read(ids: readonly Guid[]): Promise<Map<Guid, CheckRecord>>;
}

export function actionStates(redis: Redis, keys: RelayKeys, ttlMs: number): ActionStates {
  return {
    async save(record) {
      await redis.set(keys.action(record.id), JSON.stringify(record), 'PX', ttlMs);
    },
    async read(ids) {
      const found = new Map<Guid, CheckRecord>();
      if (ids.length === 0) return found;
      const texts = await redis.mget(ids.map(keys.action));
      ids.forEach((id, index) => {
        const record = parseCheckRecordJson(texts[index] ?? null);
        if (record?.id === id) found.set(id, record);
      });
      return found;
    },
  };
}
