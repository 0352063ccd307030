import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Guid } from '../../../core/lib/guid';
import { actionBody } from '../../../core/testing/machine-actions';
import { RelayLink, relayTimings, type RelayNews, type RelayState } from './relay-link';

const id = '5f1c3a9e-2b7d-4e8f-9a6b-000000000001' as Guid;
const relayUrl = 'https://relay.contoso.example';

/** A relay as the link sees it through fetch: each stream request gets a stream the test writes to. */
function fakeRelay() {
  const requests: { method: string; path: string; authorization: string | null; body?: string }[] = [];
  const streams: ReadableStreamDefaultController<Uint8Array>[] = [];
  const answers = { stream: 200, watch: 200, down: false };
  const encoder = new TextEncoder();
  const fetchImpl: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    const headers = new Headers(init?.headers);
    requests.push({ method: init?.method ?? 'GET', path: url.pathname, authorization: headers.get('authorization'), body: init?.body as string | undefined });
    if (answers.down) throw new TypeError('Failed to fetch');
    if (url.pathname === '/v1/watch') return new Response('{}', { status: answers.watch });
    if (answers.stream !== 200) return new Response('{}', { status: answers.stream });
    const body = new ReadableStream<Uint8Array>({ start: (controller) => void streams.push(controller) });
    init?.signal?.addEventListener('abort', () => {
      try {
        streams.at(-1)?.error(new DOMException('aborted', 'AbortError'));
      } catch {
        // already closed
      }
    });
    return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
  };
  const send = (event: string, data: unknown) => streams.at(-1)?.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
  return { requests, streams, answers, fetchImpl, send, end: () => streams.at(-1)?.close() };
}

function link(relay: ReturnType<typeof fakeRelay>, tokens: string[] = ['token-1', 'token-2', 'token-3']) {
  const events: RelayNews[] = [];
  const states: RelayState[] = [];
  const asked: boolean[] = [];
  let next = 0;
  const instance = new RelayLink({
    relayUrl,
    getAccessToken: async ({ forceRefresh }) => (asked.push(forceRefresh), tokens[Math.min(next++, tokens.length - 1)] ?? ''),
    onEvent: (event) => events.push(event),
    onState: (state) => states.push(state),
    fetch: relay.fetchImpl,
    random: () => 0.5,
  });
  return { instance, events, states, asked };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('RelayLink', () => {
  it("opens the stream with the analyst's token, sends the watch, and passes on what the relay streams", async () => {
    const relay = fakeRelay();
    const { instance, events, states } = link(relay);
    instance.setIds([id]);
    instance.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(states).toEqual(['connecting', 'connected']);
    expect(relay.requests.map((request) => [request.method, request.path, request.authorization])).toEqual([
      ['GET', '/v1/stream', 'Bearer token-1'],
      ['PUT', '/v1/watch', 'Bearer token-2'],
    ]);
    expect(JSON.parse(relay.requests[1]?.body ?? '{}')).toEqual({ ids: [id] });
    relay.send('action', { id, checkedAt: 5, action: actionBody({ id, status: 'Succeeded' }), readAt: 5, failure: null, history: [] });
    relay.send('nonsense', { id });
    await vi.advanceTimersByTimeAsync(0);
    expect(events.map((event) => event.event)).toEqual(['action']);
    instance.stop();
  });

  it('sends its watch again when the stream says it follows less than this browser watches (the relay lost it)', async () => {
    const relay = fakeRelay();
    const other = '5f1c3a9e-2b7d-4e8f-9a6b-000000000002' as Guid;
    const denied = '5f1c3a9e-2b7d-4e8f-9a6b-000000000003' as Guid;
    const { instance } = link(relay);
    instance.setIds([id, other, denied]);
    instance.start();
    await vi.advanceTimersByTimeAsync(0);
    const puts = () => relay.requests.filter((request) => request.method === 'PUT').length;
    expect(puts()).toBe(1);
    relay.send('denied', { id: denied, reason: 'not-found' });
    relay.send('synced', { ids: [id, other] }); // all it may follow: nothing to send again
    await vi.advanceTimersByTimeAsync(relayTimings.resendWatchMs * 2);
    expect(puts()).toBe(1);
    relay.send('synced', { ids: [] }); // a Redis restart emptied its watch
    relay.send('synced', { ids: [] });
    await vi.advanceTimersByTimeAsync(relayTimings.resendWatchMs);
    expect(puts()).toBe(2); // once for the burst
    expect(JSON.parse(relay.requests.at(-1)?.body ?? '{}')).toEqual({ ids: [id, other, denied] });
    instance.stop();
  });

  it('sends its watch again later when the relay could not check some IDs yet', async () => {
    const relay = fakeRelay();
    const { instance } = link(relay);
    instance.setIds([id]);
    instance.start();
    await vi.advanceTimersByTimeAsync(0);
    relay.send('unchecked', { id, problem: 'throttled' });
    await vi.advanceTimersByTimeAsync(relayTimings.resendUncheckedMs - 1);
    expect(relay.requests.filter((request) => request.method === 'PUT')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(relay.requests.filter((request) => request.method === 'PUT')).toHaveLength(2);
    instance.stop();
  });

  it('says the relay is unreachable, retries with backoff, and connects again once it answers', async () => {
    const relay = fakeRelay();
    relay.answers.down = true;
    const { instance, states } = link(relay);
    instance.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(states).toEqual(['connecting', 'unreachable']);
    await vi.advanceTimersByTimeAsync(relayTimings.firstRetryMs); // 0.75 s with the jitter at its middle
    expect(states.filter((state) => state === 'unreachable')).toHaveLength(2);
    const attempts = relay.requests.length;
    await vi.advanceTimersByTimeAsync(1_000); // the second wait is 1.5 s: no attempt yet
    expect(relay.requests.length).toBe(attempts);
    relay.answers.down = false;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(states.at(-1)).toBe('connected');
    instance.stop();
  });

  it('reconnects when the stream ends: at once after a goodbye, as unreachable otherwise', async () => {
    const relay = fakeRelay();
    const { instance, states } = link(relay);
    instance.start();
    await vi.advanceTimersByTimeAsync(0);
    relay.send('bye', { reason: 'token-expired' });
    relay.end();
    await vi.advanceTimersByTimeAsync(0);
    expect(states).toEqual(['connecting', 'connected', 'connected']);
    relay.end();
    await vi.advanceTimersByTimeAsync(0);
    expect(states.at(-1)).toBe('unreachable');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(states.at(-1)).toBe('connected');
    instance.stop();
  });

  it('gives up on a stream silent for longer than three heartbeats', async () => {
    const relay = fakeRelay();
    const { instance, states } = link(relay);
    instance.start();
    await vi.advanceTimersByTimeAsync(relayTimings.silenceMs - 1_000);
    expect(states.at(-1)).toBe('connected');
    await vi.advanceTimersByTimeAsync(2_000);
    expect(states).toContain('unreachable');
    instance.stop();
  });

  it('asks for a renewed token once when the relay refuses one, then says the relay does not accept this account', async () => {
    const relay = fakeRelay();
    relay.answers.stream = 401;
    const { instance, states, asked } = link(relay);
    instance.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(asked.slice(0, 2)).toEqual([false, true]);
    // Not "not answering": it answered, and said no to this account.
    expect(states.at(-1)).toBe('refused');
    instance.stop();
  });

  it('starts over when the relay takes the stream but refuses the watch', async () => {
    const relay = fakeRelay();
    relay.answers.watch = 500;
    const { instance, states } = link(relay);
    instance.setIds([id]);
    instance.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(states).toEqual(['connecting', 'connected', 'unreachable']);
    instance.stop();
  });

  it("watches a customer's tenant at its own path, and when the relay does not serve that tenant says so and asks again only rarely", async () => {
    const tenant = '8a1c4f2e-3b5d-4e6f-9a7b-1c2d3e4f5a61';
    const requests: string[] = [];
    const notServed: typeof fetch = async (input) => {
      requests.push(new URL(String(input)).pathname);
      return Response.json({ error: { code: 'TenantNotServed', message: 'The team relay does not serve Fabrikam' } }, { status: 200 });
    };
    const states: [RelayState, string | undefined][] = [];
    const instance = new RelayLink({ relayUrl, tenant, getAccessToken: async () => 'fabrikam-token', onEvent: () => undefined, onState: (state, reason) => states.push([state, reason]), fetch: notServed, random: () => 0.5 });
    instance.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(requests).toEqual([`/v1/t/${tenant}/stream`]);
    expect(states.at(-1)).toEqual(['refused', 'the relay does not serve this tenant (The team relay does not serve Fabrikam)']);
    await vi.advanceTimersByTimeAsync(relayTimings.maxRetryMs * 4);
    expect(requests).toHaveLength(1); // not the outage's backoff: a relay restart is what would change it
    await vi.advanceTimersByTimeAsync(relayTimings.notServedRetryMs);
    expect(requests).toHaveLength(2);
    instance.stop();
  });
});
