import { Redis } from 'ioredis';

export interface RedisLog {
  warn(message: string): void;
  info(message: string): void;
}

/** Reconnect waits grow by this much per attempt, up to the cap: quick after a blip, gentle during an outage. */
const reconnectStepMs = 100;
const reconnectMaxMs = 2_000;
/** A command with no answer by then fails instead of waiting for a Redis that may be gone. */
const commandTimeoutMs = 2_000;

/** The delay before reconnect attempt `attempt`; never gives up, as the relay is useless without Redis. */
export function reconnectDelay(attempt: number): number {
  return Math.min(attempt * reconnectStepMs, reconnectMaxMs);
}

/**
 * One connection to Redis. ioredis reconnects on its own (with `reconnectDelay`) and re-subscribes a
 * subscriber's channels after it; commands meanwhile wait in its queue, each at most `commandTimeoutMs`.
 */
export function connectRedis(url: string, name: string, log: RedisLog): Redis {
  const redis = new Redis(url, {
    connectionName: name,
    retryStrategy: reconnectDelay,
    commandTimeout: commandTimeoutMs,
    maxRetriesPerRequest: 1,
    autoResubscribe: true,
    lazyConnect: false,
  });
  let lost = false;
  // The URL may carry a password: it is never logged, only the connection's name.
  redis.on('error', (error: Error) => {
    if (!lost) log.warn(`Redis connection ${name}: ${error.message}`);
    lost = true;
  });
  redis.on('ready', () => {
    if (lost) log.info(`Redis connection ${name} is back.`);
    lost = false;
  });
  return redis;
}
