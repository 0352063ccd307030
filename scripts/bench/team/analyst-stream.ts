// One simulated analyst on the relay: the stream (GET /v1/stream, read with fetch as the browser will) and
// the watch (PUT /v1/watch). It notes, on the benchmark's clock, when each action's final status arrived.
import { createParser } from 'eventsource-parser';
import { isFinalStatus } from '../../../core/defender/action-status.ts';
import { readStreamEvent, type StreamEvent } from '../../../core/relay-stream/stream-events.ts';
import type { Expectations } from './settling.ts';

export const benchOrigin = 'http://localhost:5173';

export class AnalystStream {
  /** The IDs the relay says this stream follows (its last `synced`). */
  readonly following = new Set<string>();
  /** The latest check received of each action. */
  readonly received = new Map<string, number>();
  /** When (simulated) each action's final status arrived. */
  readonly shownAt = new Map<string, number>();
  readonly oddEvents: string[] = [];
  private readonly abort = new AbortController();
  private readonly relayUrl: string;
  private readonly token: string;
  private readonly now: () => number;
  private readonly expectations: Expectations;

  private constructor(relayUrl: string, token: string, now: () => number, expectations: Expectations) {
    this.relayUrl = relayUrl;
    this.token = token;
    this.now = now;
    this.expectations = expectations;
  }

  /** Opens the stream and waits for its first `synced`. */
  static async open(relayUrl: string, token: string, now: () => number, expectations: Expectations): Promise<AnalystStream> {
    const stream = new AnalystStream(relayUrl, token, now, expectations);
    const response = await fetch(`${relayUrl}/v1/stream`, { headers: { authorization: `Bearer ${token}`, origin: benchOrigin }, signal: stream.abort.signal });
    if (response.status !== 200 || !response.body) throw new Error(`The relay's stream answered ${response.status}`);
    let synced = false;
    const first = expectations.expect(() => synced, 10_000);
    void stream.read(response.body, () => (synced = true));
    await first;
    if (!synced) throw new Error('The relay sent no snapshot within 10 s');
    return stream;
  }

  /** PUT /v1/watch: the whole set this analyst's account follows; the IDs the relay accepted. */
  async watch(ids: readonly string[], fetchImpl: typeof fetch): Promise<string[]> {
    const response = await fetchImpl(`${this.relayUrl}/v1/watch`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json', origin: benchOrigin },
      body: JSON.stringify({ ids }),
    });
    if (response.status !== 200) throw new Error(`PUT /v1/watch answered ${response.status}: ${await response.text()}`);
    return ((await response.json()) as { watching: string[] }).watching;
  }

  close(): void {
    this.abort.abort();
  }

  /** Framed as the browser frames it, and each event read with the protocol's own reader. */
  private async read(body: ReadableStream<Uint8Array>, onSynced: () => void): Promise<void> {
    const decoder = new TextDecoder();
    const parser = createParser({
      onEvent: (message) => {
        const event = readStreamEvent(message.event, message.data);
        if (event) this.onEvent(event, onSynced);
        else this.oddEvents.push(`unreadable ${message.event ?? ''} ${message.data.slice(0, 200)}`);
      },
    });
    try {
      const reader = body.getReader();
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        parser.feed(decoder.decode(chunk.value, { stream: true }));
        this.expectations.wake();
      }
    } catch {
      // closed by close()
    }
  }

  private onEvent(event: StreamEvent, onSynced: () => void): void {
    if (event.event === 'action') {
      const record = event.data;
      this.received.set(record.id, Math.max(record.checkedAt, this.received.get(record.id) ?? -1));
      const status = (record.action as { status?: unknown } | null)?.status;
      if (typeof status === 'string' && isFinalStatus(status) && !this.shownAt.has(record.id)) this.shownAt.set(record.id, this.now());
    } else if (event.event === 'synced') {
      this.following.clear();
      for (const id of event.data.ids) this.following.add(id);
      onSynced();
    } else if (event.event !== 'paused') {
      this.oddEvents.push(`${event.event} ${JSON.stringify(event.data)}`);
    }
  }
}
