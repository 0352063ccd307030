import { startRedis, type TestRedis } from '../../relay/testing/redis-server.ts';
import type { AppServer } from './app-server.ts';

/**
 * The team relay for the end-to-end tests: the worker's app server started again with a redis-server of its
 * own, so that it serves the relay's routes on the app's origin (/relay) and its config.json names them.
 */
export interface TeamRelay {
  /** Stops Redis (by its PID): the relay cannot serve, as in an outage. */
  stop(): Promise<void>;
  /** Starts Redis again, empty, on the same port: the relay serves again. */
  start(): Promise<void>;
  /** Starts the app's server again with the relay (after a test stopped it). */
  restartServer(): Promise<void>;
  /** The app server goes back to having no relay. */
  close(): Promise<void>;
}

export async function startTeamRelay(appServer: AppServer, extraEnv: Record<string, string> = {}): Promise<TeamRelay> {
  const redis: TestRedis = await startRedis();
  // Leases long enough for a test's pauses, a leader lease short enough for a take-over within seconds, and
  // a drain long enough to see /readyz say 503 before the server stops.
  const env = { REDIS_URL: redis.url, RELAY_LEASE_TTL_MS: '60000', RELAY_LEADER_TTL_MS: '2000', RELAY_HEARTBEAT_MS: '2000', DRAIN_MS: '1500', ...extraEnv };
  await appServer.restart(env);
  return {
    restartServer: () => appServer.restart(env),
    stop: () => redis.stop(),
    start: () => redis.start(),
    async close() {
      await appServer.restart({});
      await redis.stop();
    },
  };
}
