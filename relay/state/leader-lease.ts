import type { Redis } from 'ioredis';
import type { RelayKeys } from './keys';

// Compare-and-act in Lua, so that a replica whose lease has lapsed cannot renew or delete its successor's.
const renewScript = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";
const releaseScript = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

/** The poller's lease: one key, SET NX PX by whoever takes it, renewed by its holder only. */
export interface LeaderLease {
  /** Takes the lease if nobody holds it, or renews it if this replica does; true while this replica holds it. */
  hold(): Promise<boolean>;
  release(): Promise<void>;
}

export function leaderLease(redis: Redis, keys: RelayKeys, replicaId: string, ttlMs: number): LeaderLease {
  return {
    async hold() {
      if ((await redis.eval(renewScript, 1, keys.leader, replicaId, ttlMs)) === 1) return true;
      return (await redis.set(keys.leader, replicaId, 'PX', ttlMs, 'NX')) === 'OK';
    },
    async release() {
      await redis.eval(releaseScript, 1, keys.leader, replicaId);
    },
  };
}
