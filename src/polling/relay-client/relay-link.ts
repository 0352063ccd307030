import { createParser } from 'eventsource-parser';
import type { TokenRequest } from '../../../core/defender/defender-client';
import type { Guid } from '../../../core/lib/guid';
import type { Timers } from '../../../core/polling/scheduler/action-poller';
import { readRelayError, relayPath, tenantNotServedCode } from '../../../core/relay-stream/relay-paths';
import { readStreamEvent, type StreamEvent } from '../../../core/relay-stream/stream-events';

/**
 * connecting: the first attempt is under way; connected: the stream is open; unreachable: it is not, and is
 * being retried; refused: the relay answers but does not accept this account's token (a renewed one neither).
 */
export type RelayState = 'connecting' | 'connected' | 'unreachable' | 'refused';

/** Whether the tab must read Defender itself meanwhile. */
export function relayNotServing(state: RelayState | undefined): boolean {
  return state === 'unreachable' || state === 'refused';
}

export const relayTimings = {
  /** Reconnecting backs off from 1 s, doubling to 30 s, with jitter, so that a team does not return at once. */
  firstRetryMs: 1_000,
  maxRetryMs: 30_000,
  /** The relay sends a heartbeat every 15 s: a stream silent for three of them is dead, whatever TCP says. */
  silenceMs: 45_000,
  /** A watch that takes longer than this to be accepted counts as the relay not answering. */
  requestTimeoutMs: 15_000,
  /** What one analyst may watch through the relay (its RELAY_MAX_IDS default), as the board's own limit. */
  maxIds: 500,
  /** A stream's events are small; a line longer than this is a broken or hostile relay, not data. */
  maxEventBytes: 1_000_000,
  /**
   * The stream follows less than this browser watches (the relay lost its watch: a Redis restart), or could not
   * check some IDs yet (Defender throttled it): the watch is sent again after this long, once for a burst of such news.
   */
  resendWatchMs: 2_000,
  resendUncheckedMs: 30_000,
  /** A relay that does not serve this tenant (its app not consented there) is asked again this rarely: a restart may change it. */
  notServedRetryMs: 10 * 60_000,
} as const;

/** What the link hands on: the events about actions and the team's pause. The rest is the link's own business. */
export type RelayNews = Extract<StreamEvent, { event: 'action' | 'denied' | 'paused' }>;

export interface RelayLinkOptions {
  /** The relay's base URL (config.json's relayUrl), without a trailing slash. */
  relayUrl: string;
  /** A customer's tenant, watched at the relay's path for it (with this tenant's token); unset: the home tenant's. */
  tenant?: string;
  /** The analyst's Defender token, passed through: the relay reads with the analyst's own rights. */
  getAccessToken: (request: TokenRequest) => Promise<string>;
  onEvent: (event: RelayNews) => void;
  onState: (state: RelayState, reason?: string) => void;
  fetch?: typeof fetch;
  timers?: Pick<Timers, 'setTimeout' | 'clearTimeout'>;
  random?: () => number;
}

class RelayFailure extends Error {}
/** The relay answered, and said no to this account: not an outage, and no better for trying at once. */
class RelayRefusal extends RelayFailure {}
/** The relay does not serve this tenant (it has no app token there): this tab polls it, and asks again rarely. */
class TenantNotServed extends RelayRefusal {}

/**
 * The relay's "not this tenant", read off its JSON answer (a stream's is a 200 with a JSON body, not an event
 * stream); anything else is a plain failure.
 */
async function notServed(response: Response): Promise<TenantNotServed | undefined> {
  if (!(response.headers.get('content-type') ?? '').startsWith('application/json')) return undefined;
  const refusal = readRelayError(await response.json().catch(() => undefined));
  return refusal?.code === tenantNotServedCode ? new TenantNotServed(`the relay does not serve this tenant (${refusal.message})`) : undefined;
}

/**
 * One authenticated stream to the team relay (server-sent events read with fetch: EventSource cannot send
 * an Authorization header), and the watch it follows. Reconnects with backoff when the stream fails or
 * goes silent, and with a fresh token when the relay closes it for an expiring one; says which state it is
 * in, so that the poller can fall back to polling Defender itself while the relay does not answer.
 */
export class RelayLink {
  private readonly options: Required<Omit<RelayLinkOptions, 'timers' | 'fetch' | 'tenant'>> & Pick<RelayLinkOptions, 'timers' | 'fetch' | 'tenant'>;
  private ids: Guid[] = [];
  private running = false;
  private connected = false;
  private failures = 0;
  private abort: AbortController | undefined;
  private retryTimer: unknown;
  private silenceTimer: unknown;
  /** The watch sent last, and whether a newer one is waiting for the one under way. */
  private sending: Promise<void> | undefined;
  private watchChanged = false;
  /** Why the stream was cut from this side (the watch was refused, say), for the state it reports. */
  private cutBecause: string | undefined;
  /** IDs the relay said this analyst may not read: a stream that does not follow them is right not to. */
  private readonly denied = new Set<Guid>();
  private resendTimer: unknown;

  constructor(options: RelayLinkOptions) {
    this.options = { random: Math.random, ...options };
  }

  private get timers() {
    return this.options.timers ?? { setTimeout: (callback: () => void, ms: number) => setTimeout(callback, ms), clearTimeout: (handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>) };
  }

  private fetch(input: string, init: RequestInit): Promise<Response> {
    return (this.options.fetch ?? fetch)(input, init);
  }

  setIds(ids: Iterable<Guid>): void {
    this.ids = [...new Set(ids)].slice(0, relayTimings.maxIds);
    if (this.connected) void this.sendWatch();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.failures = 0;
    this.options.onState('connecting');
    void this.connect();
  }

  stop(): void {
    this.running = false;
    this.connected = false;
    this.abort?.abort();
    this.abort = undefined;
    this.timers.clearTimeout(this.retryTimer);
    this.timers.clearTimeout(this.silenceTimer);
    this.timers.clearTimeout(this.resendTimer);
    this.resendTimer = undefined;
  }

  /** Sends the watch again after `ms`, unless a resend is already on its way. */
  private resendWatch(ms: number): void {
    if (this.resendTimer !== undefined) return;
    this.resendTimer = this.timers.setTimeout(() => {
      this.resendTimer = undefined;
      if (this.connected) void this.sendWatch();
    }, ms);
  }

  /** The link's own events: whether the stream follows what this browser watches. */
  private ownEvent(event: Exclude<StreamEvent, RelayNews>): void {
    if (event.event === 'synced') {
      const followed = new Set(event.data.ids);
      if (this.ids.some((id) => !followed.has(id) && !this.denied.has(id))) this.resendWatch(relayTimings.resendWatchMs);
    } else if (event.event === 'unchecked') {
      this.resendWatch(relayTimings.resendUncheckedMs);
    }
  }

  private async token(forceRefresh: boolean): Promise<string> {
    try {
      return await this.options.getAccessToken({ forceRefresh });
    } catch {
      throw new RelayFailure('no token for the relay (sign in again?)');
    }
  }

  /** A request to the relay with the analyst's token; a 401 is tried once more with a renewed one. */
  private async request(path: string, init: RequestInit, signal: AbortSignal): Promise<Response> {
    for (const forceRefresh of [false, true]) {
      const token = await this.token(forceRefresh);
      let response: Response;
      try {
        response = await this.fetch(`${this.options.relayUrl}${path}`, {
          ...init,
          cache: 'no-store',
          credentials: 'omit',
          headers: { ...init.headers, Authorization: `Bearer ${token}` },
          signal,
        });
      } catch (error) {
        if (signal.aborted) throw error;
        throw new RelayFailure('the relay cannot be reached');
      }
      if (response.status !== 401 || forceRefresh) return response;
    }
    throw new RelayRefusal('the relay does not accept this account');
  }

  private async connect(): Promise<void> {
    if (!this.running) return;
    const abort = new AbortController();
    this.abort = abort;
    this.cutBecause = undefined;
    try {
      const response = await this.request(relayPath('stream', this.options.tenant), { headers: { Accept: 'text/event-stream' } }, abort.signal);
      // Refused with a renewed token too: the relay is there, and this account is not one it serves.
      if (response.status === 401 || response.status === 403) throw new RelayRefusal(`the relay does not accept this account (HTTP ${response.status})`);
      const unserved = await notServed(response);
      if (unserved) throw unserved;
      if (!response.ok || !response.body) throw new RelayFailure(`the relay answered HTTP ${response.status}`);
      this.connected = true;
      this.failures = 0;
      this.options.onState('connected');
      void this.sendWatch();
      const reason = await this.read(response.body, abort);
      this.connected = false;
      // A relay closing the stream for an expiring token, or a replica shutting down, is not an outage.
      if (reason === 'bye') return void this.connect();
      throw new RelayFailure('the relay closed the stream');
    } catch (error) {
      this.connected = false;
      if (!this.running || abort !== this.abort) return; // stopped, or already reconnecting
      abort.abort();
      this.retry(this.cutBecause ?? (error instanceof RelayFailure ? error.message : 'the stream failed'), error instanceof RelayRefusal, error instanceof TenantNotServed);
    }
  }

  private retry(reason: string, refused = false, tenantNotServed = false): void {
    this.failures += 1;
    this.options.onState(refused ? 'refused' : 'unreachable', reason);
    const backoff = Math.min(relayTimings.firstRetryMs * 2 ** (this.failures - 1), relayTimings.maxRetryMs);
    const delay = tenantNotServed ? relayTimings.notServedRetryMs : backoff;
    const wait = Math.round(delay / 2 + (delay / 2) * this.options.random());
    this.timers.clearTimeout(this.retryTimer);
    this.retryTimer = this.timers.setTimeout(() => void this.connect(), wait);
  }

  /** Reads the stream until it ends: 'bye' when the relay said goodbye first. */
  private async read(body: ReadableStream<Uint8Array>, abort: AbortController): Promise<'bye' | 'ended'> {
    let saidBye = false;
    const parser = createParser({
      maxBufferSize: relayTimings.maxEventBytes,
      onEvent: (message) => {
        const event = readStreamEvent(message.event, message.data);
        if (!event) return;
        if (event.event === 'bye') saidBye = true;
        else if (event.event === 'denied') this.denied.add(event.data.id);
        if (event.event === 'action' || event.event === 'denied' || event.event === 'paused') this.options.onEvent(event);
        else this.ownEvent(event);
      },
      onError: (error) => {
        if (error.type === 'max-buffer-size-exceeded') abort.abort();
      },
    });
    const reader = body.getReader();
    const decoder = new TextDecoder();
    const silence = () => {
      this.timers.clearTimeout(this.silenceTimer);
      this.silenceTimer = this.timers.setTimeout(() => abort.abort(), relayTimings.silenceMs);
    };
    silence();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        silence(); // heartbeats count: they are how a quiet stream shows it is alive
        parser.feed(decoder.decode(value, { stream: true }));
      }
    } finally {
      this.timers.clearTimeout(this.silenceTimer);
      reader.releaseLock();
    }
    return saidBye ? 'bye' : 'ended';
  }

  /** Tells the relay what this browser watches; one request at a time, the latest watch last. */
  private async sendWatch(): Promise<void> {
    if (this.sending) {
      this.watchChanged = true;
      return this.sending;
    }
    const abort = this.abort;
    if (!abort) return;
    this.sending = this.putWatch(abort).finally(() => {
      this.sending = undefined;
      if (this.watchChanged && this.connected) {
        this.watchChanged = false;
        void this.sendWatch();
      }
    });
    return this.sending;
  }

  private async putWatch(stream: AbortController): Promise<void> {
    const timeout = new AbortController();
    const timer = this.timers.setTimeout(() => timeout.abort(), relayTimings.requestTimeoutMs);
    const onStreamAbort = () => timeout.abort();
    stream.signal.addEventListener('abort', onStreamAbort);
    try {
      const response = await this.request(
        relayPath('watch', this.options.tenant),
        { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ids: this.ids }) },
        timeout.signal,
      );
      if (!response.ok) throw new RelayFailure(`the relay refused the watch (HTTP ${response.status})`);
      await response.body?.cancel(); // what it says of each ID comes on the stream too
    } catch (error) {
      if (stream.signal.aborted) return;
      // A relay that takes the stream but not the watch is not watching for us: start over (connect retries).
      this.cutBecause = error instanceof RelayFailure ? error.message : 'the relay did not take the watch';
      stream.abort();
    } finally {
      this.timers.clearTimeout(timer);
      stream.signal.removeEventListener('abort', onStreamAbort);
    }
  }
}
