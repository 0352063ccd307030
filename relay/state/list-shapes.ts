import type { Redis } from 'ioredis';
import { listShapeMemory, type ListShapeMemory } from '../../core/polling/list-shapes/list-shape-memory';
import type { RelayKeys } from './keys';

/**
 * The app's list-shape memory (which `$filter` this tenant accepts), kept in Redis instead of sessionStorage:
 * the poller asks it synchronously, so it is read once when a replica starts polling and written through
 * on every change, and the next leader does not pay for the same refusals again.
 */
export async function redisListShapes(redis: Redis, keys: RelayKeys, onWriteFailed: (error: Error) => void): Promise<ListShapeMemory> {
  let stored = await redis.get(keys.listShape).catch(() => null);
  return listShapeMemory({
    getItem: () => stored,
    setItem: (_name: string, value: string) => {
      stored = value;
      redis.set(keys.listShape, value).catch(onWriteFailed);
    },
  });
}
