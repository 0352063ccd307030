import type { Redis } from 'ioredis';
import * as v from 'valibot';
import { parseCheckRecord, type CheckRecord } from './check-record';
import type { RelayKeys } from './keys';

/** What replicas tell each other over Redis pub/sub. */
export type RelayEvent =
  /** The leader checked an action: every replica streams it to the analysts who watch it and may read it. */
  | { type: 'checked'; record: CheckRecord }
  /** An analyst's watch set changed (a PUT on some replica): the replica holding their stream reloads it. */
  | { type: 'watch'; oid: string }
  /** New leases: the leader reads the new IDs now rather than at its next scan. */
  | { type: 'leases' }
  /** The team's 429 pause began (until, ms) or ended (null). */
  | { type: 'paused'; until: number | null }
  /** Calls made outside the poller (access checks): the leader counts them in its budget too. */
  | { type: 'spent'; count: number };

const eventSchema = v.variant('type', [
  v.object({ type: v.literal('checked'), record: v.unknown() }),
  v.object({ type: v.literal('watch'), oid: v.pipe(v.string(), v.maxLength(64)) }),
  v.object({ type: v.literal('leases') }),
  v.object({ type: v.literal('paused'), until: v.nullable(v.pipe(v.number(), v.finite())) }),
  v.object({ type: v.literal('spent'), count: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10_000)) }),
]);

/** A message off the channel, or undefined when it is not one a relay sent. */
export function parseRelayEvent(text: string): RelayEvent | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = v.safeParse(eventSchema, body);
  if (!parsed.success) return undefined;
  if (parsed.output.type !== 'checked') return parsed.output;
  const record = parseCheckRecord(parsed.output.record);
  return record ? { type: 'checked', record } : undefined;
}

export async function publishEvent(redis: Redis, keys: Pick<RelayKeys, 'events'>, event: RelayEvent): Promise<void> {
  await redis.publish(keys.events, JSON.stringify(event));
}

/** Each tenant's channel, and what its events are for. */
export type EventChannels = ReadonlyMap<string, (event: RelayEvent) => void>;

/**
 * Listens on every tenant's channel with one connection of its own (a subscribed connection can do nothing
 * else). ioredis re-subscribes after a reconnect; `onResubscribed` then lets streams catch up on what they missed.
 */
export async function subscribeEvents(subscriber: Redis, channels: EventChannels, onResubscribed: () => void, warn: (message: string) => void): Promise<void> {
  let subscribedBefore = false;
  /** The first subscription failed (Redis away at start): it is made when Redis answers. */
  let owed = false;
  const names = [...channels.keys()];
  subscriber.on('message', (channel: string, message: string) => {
    const onEvent = channels.get(channel);
    const event = onEvent && parseRelayEvent(message);
    if (onEvent && event) onEvent(event);
  });
  subscriber.on('ready', () => {
    if (subscribedBefore) return onResubscribed();
    if (!owed) return;
    owed = false;
    subscriber.subscribe(...names).then(
      () => {
        subscribedBefore = true;
        onResubscribed();
      },
      (error: Error) => {
        owed = true;
        warn(`Not subscribed to the relay's events yet (Redis: ${error.message}).`);
      },
    );
  });
  try {
    await subscriber.subscribe(...names);
    subscribedBefore = true;
  } catch (error) {
    // A Redis that is away at start does not stop the server: /readyz says so, and the relay subscribes later.
    owed = true;
    warn(`Not subscribed to the relay's events yet (Redis: ${(error as Error).message}); trying again when it answers.`);
  }
}
