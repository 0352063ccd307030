import { createParser } from 'eventsource-parser';
import { relayPath } from '../../core/relay-stream/relay-paths';
import { readStreamEvent } from '../../core/relay-stream/stream-events';
import { arrivals } from './arrivals';

/** One server-sent event as the relay writes them: a name and one JSON data line. */
export interface ReceivedEvent {
  event: string;
  data: unknown;
}

/**
 * Reads a relay stream with fetch, as the browser will (EventSource cannot send Authorization), and keeps
 * every event for the test to wait on.
 */
export interface StreamReader {
  status: number;
  headers: Headers;
  events: ReceivedEvent[];
  /**
   * Resolves with the first event (already received or still to come) that matches, or rejects after
   * `timeoutMs` or once the stream has ended without it. `index` is the event's place in `events`.
   */
  waitFor(match: (event: ReceivedEvent, index: number) => boolean, timeoutMs?: number): Promise<ReceivedEvent>;
  /** Whether the relay has ended the stream. */
  ended: Promise<void>;
  close(): void;
}

/** `tenant`: that tenant's stream (/v1/t/<tenant>/stream); without, the home tenant's (/v1/stream). */
export async function openStream(url: string, token: string, origin: string, tenant?: string): Promise<StreamReader> {
  const abort = new AbortController();
  const response = await fetch(`${url}${relayPath('stream', tenant)}`, { headers: { authorization: `Bearer ${token}`, origin }, signal: abort.signal });
  const received = arrivals<ReceivedEvent>((events) => JSON.stringify(events.map((event) => event.event)));
  const body = response.body;
  // Framed as the browser frames it (eventsource-parser) and read with the protocol's own reader: an event
  // the protocol does not accept is kept as `unreadable:<name>`, so that a test sees it rather than a guess.
  const parser = createParser({
    onEvent: (message) => received.add(readStreamEvent(message.event, message.data) ?? { event: `unreadable:${message.event ?? ''}`, data: message.data }),
    onComment: (comment) => received.add({ event: 'comment', data: comment.trim() }),
  });
  const ended = (async () => {
    if (!body || response.status !== 200) return;
    const decoder = new TextDecoder();
    try {
      const reader = body.getReader();
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) parser.feed(decoder.decode(chunk.value, { stream: true }));
    } catch {
      // aborted by close()
    }
  })();
  void ended.then(() => received.end());
  return {
    status: response.status,
    headers: response.headers,
    events: received.items,
    ended,
    waitFor: (match, timeoutMs) => received.waitFor(match, timeoutMs),
    close: () => abort.abort(),
  };
}
