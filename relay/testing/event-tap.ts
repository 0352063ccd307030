import { Redis } from 'ioredis';
import { keys } from '../state/keys';
import { parseRelayEvent, type RelayEvent } from '../state/relay-events';
import { arrivals, type Arrivals } from './arrivals';

/**
 * What the replicas tell each other over Redis pub/sub, overheard in the order every replica hears it. A
 * test that has seen a message here knows that whatever is published after it reaches each replica later.
 */
export interface EventTap {
  events: Arrivals<RelayEvent>;
  close(): void;
}

export async function tapEvents(redisUrl: string): Promise<EventTap> {
  const subscriber = new Redis(redisUrl, { lazyConnect: true });
  const events = arrivals<RelayEvent>((items) => JSON.stringify(items.map((event) => event.type)));
  subscriber.on('message', (channel: string, message: string) => {
    const event = channel === keys.events ? parseRelayEvent(message) : undefined;
    if (event) events.add(event);
  });
  await subscriber.connect();
  await subscriber.subscribe(keys.events);
  return {
    events,
    close: () => {
      events.end();
      subscriber.disconnect();
    },
  };
}
