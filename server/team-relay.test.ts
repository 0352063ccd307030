import { Redis } from 'ioredis';
import { connect } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RELAY_CLIENT_ID, RELAY_CLIENT_SECRET } from '../sim/constants';
import { seededActions } from '../sim/seed';
import { startSimulator, type RunningSimulator } from '../sim/server';
import { isHistoryRead, readsAction } from '../sim/testing/logged-reads';
import { signInWithPkce } from '../sim/testing/sign-in-with-pkce';
import { simulatorClient, type LoggedRequest, type SimulatorClient } from '../sim/testing/simulator-client';
import { startTestServer, type RunningServer as RunningRelay } from './testing/test-server';
import { keys } from '../relay/state/keys';
import type { RelayEvent } from '../relay/state/relay-events';
import { countingFetch, type CountingFetch } from '../relay/testing/counting-fetch';
import { tapEvents, type EventTap } from '../relay/testing/event-tap';
import { captureLog, type LogCapture } from '../relay/testing/log-capture';
import { scanRedis } from '../relay/testing/redis-scan';
import { startRedis, type TestRedis } from '../relay/testing/redis-server';
import { serverEnv, testAppOrigin } from './testing/server-env';
import { openStream, type ReceivedEvent, type StreamReader } from '../relay/testing/stream-reader';
import { waitUntil } from '../relay/testing/wait-until';

interface Replica {
  relay: RunningRelay;
  calls: CountingFetch;
  log: LogCapture;
}

// Shared by every test, and never changed by one: the simulator's servers and the analysts' tokens.
let simulator: RunningSimulator;
let sim: SimulatorClient;
let tokens: { dana: string; sam: string; robin: string; riley: string };

// Each test's own: a Redis of its own (keys and pub/sub), the replicas and streams it starts, a Defender
// reset to its seed. No test leans on what another left behind, so any one runs alone or in any order.
let redis: TestRedis;
let replicas: Replica[];
let streams: StreamReader[];
let taps: EventTap[];

async function startReplica(extraEnv: Record<string, string> = {}): Promise<Replica> {
  const calls = countingFetch();
  const log = captureLog();
  const places = { redisUrl: redis.url, identityPort: Number(new URL(simulator.identityUrl).port), apiPort: Number(new URL(simulator.apiUrl).port) };
  const relay = await startTestServer(serverEnv(places, extraEnv), { fetch: calls.fetch, logStream: log.stream });
  const replica = { relay, calls, log };
  replicas.push(replica);
  return replica;
}

/** A replica that leaves is no longer one of this test's. */
function forget(replica: Replica): void {
  replicas.splice(replicas.indexOf(replica), 1);
}

async function stream(replica: Replica, token: string): Promise<StreamReader> {
  const reader = await openStream(replica.relay.url, token, testAppOrigin);
  streams.push(reader);
  expect(reader.status).toBe(200);
  return reader;
}

async function tap(): Promise<EventTap> {
  const opened = await tapEvents(redis.url);
  taps.push(opened);
  return opened;
}

interface WatchReport {
  watching: string[];
  denied: { id: string; reason: string }[];
  unchecked: { id: string; problem: string }[];
}

async function watch(replica: Replica, token: string, ids: string[]): Promise<WatchReport> {
  const response = await fetch(`${replica.relay.url}/v1/watch`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', origin: testAppOrigin },
    body: JSON.stringify({ ids }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as WatchReport;
}

/** An action that stays Pending for the whole test: the poller keeps reading it. */
async function pendingAction(): Promise<string> {
  return (await sim.createAction({ type: 'RunAntiVirusScan', scope: 'Quick', timeline: [{ status: 'Pending', afterMs: 0 }] })).id;
}

const actionOf = (id: string) => (event: ReceivedEvent) => event.event === 'action' && (event.data as { id: string }).id === id;
const checkOf = (id: string) => (event: RelayEvent) => event.type === 'checked' && event.record.id === id;
const byRelay = (request: LoggedRequest) => request.user === RELAY_CLIENT_ID;
const leaders = () => replicas.filter((replica) => replica.relay.isLeading());

/** When each check the leader published of this action had its answer (ms, this process's clock). */
function answersOf(tapped: EventTap, id: string): number[] {
  return tapped.events.items.flatMap((event) => (event.type === 'checked' && event.record.id === id ? [event.record.checkedAt] : []));
}

const syncedWith = (ids: string[]) => (event: ReceivedEvent) => event.event === 'synced' && ids.every((id) => (event.data as { ids: string[] }).ids.includes(id));

/**
 * Resolves once every relay event published before this call has been handled for this stream: the
 * analyst's watch set, put again now, is published after them, and the `synced` that answers it follows on
 * the stream whatever they sent it. The stream must have no sync under way (its last `synced` is in).
 */
async function caughtUp(reader: StreamReader, replica: Replica, token: string, ids: string[]): Promise<void> {
  const from = reader.events.length;
  await watch(replica, token, ids);
  await reader.waitFor((event, index) => index >= from && event.event === 'synced');
}

/** The relay's Defender reads so far that read this action, by itself or in a list. */
async function relayReadsOf(id: string): Promise<LoggedRequest[]> {
  return (await sim.requests()).filter((request) => byRelay(request) && readsAction(request, id));
}

beforeAll(async () => {
  simulator = await startSimulator({ identityPort: 0, apiPort: 0, quiet: true });
  sim = simulatorClient(Number(new URL(simulator.apiUrl).port));
  const signIn = async (login: 'analyst' | 'guest' | 'branch' | 'no-access') => (await signInWithPkce({ identityUrl: simulator.identityUrl, login })).access_token;
  tokens = { dana: await signIn('analyst'), sam: await signIn('guest'), robin: await signIn('branch'), riley: await signIn('no-access') };
});

afterAll(async () => {
  await simulator?.close();
});

beforeEach(async () => {
  replicas = [];
  streams = [];
  taps = [];
  await sim.reset();
  redis = await startRedis();
});

afterEach(async () => {
  // The relays first: they end their streams themselves. A stream aborted while open can leave Node's fetch
  // with a spare connection that sends nothing, and a server waits for that until its headers timeout.
  await Promise.allSettled(replicas.map((replica) => replica.relay.close()));
  for (const reader of streams) reader.close();
  for (const opened of taps) opened.close();
  await redis?.stop();
});

describe('the team relay', () => {
  it('polls from exactly one replica, and another takes over within seconds when it goes', async () => {
    await startReplica();
    await startReplica();
    const first = await pendingAction();
    const dana = await stream(replicas[0], tokens.dana);
    // The watch is set through the other replica: the stream's replica learns of it over Redis.
    expect((await watch(replicas[1], tokens.dana, [first])).watching).toEqual([first]);
    await dana.waitFor(actionOf(first));
    expect(dana.headers.get('content-type')).toMatch(/^text\/event-stream/);
    await dana.waitFor((event) => event.event === 'synced' && (event.data as { ids: string[] }).ids.includes(first));
    await dana.waitFor((event) => event.event === 'comment' && event.data === 'heartbeat');
    await waitUntil('one replica polls', () => leaders().length === 1);
    const [leader] = leaders();
    const follower = replicas.find((replica) => replica !== leader) as Replica;
    expect(leader.calls.pollingCalls()).toBeGreaterThan(0);
    expect(follower.calls.pollingCalls()).toBe(0);

    const onFollower = await stream(follower, tokens.dana);
    await onFollower.waitFor(actionOf(first));
    await leader.relay.close();
    forget(leader);
    const closedAt = Date.now();
    await waitUntil('the other replica polls', () => follower.relay.isLeading(), 5_000);
    expect(Date.now() - closedAt).toBeLessThan(5_000);

    const second = await pendingAction();
    await watch(follower, tokens.dana, [first, second]);
    await onFollower.waitFor(actionOf(second));
    expect(follower.calls.pollingCalls()).toBeGreaterThan(0);
  });

  it('takes over from a replica that died without handing over, once its lease lapses', async () => {
    await startReplica();
    await startReplica();
    await waitUntil('one replica polls', () => leaders().length === 1);
    const [leader] = leaders();
    const other = replicas.find((replica) => replica !== leader) as Replica;
    await leader.relay.close({ release: false }); // as if killed: the lease stays until its TTL
    forget(leader);
    const client = new Redis(redis.url);
    try {
      const askedAt = Date.now();
      const [holder, ttl] = await Promise.all([client.get('relay:leader'), client.pttl('relay:leader')]);
      expect(holder).toBe(leader.relay.replicaId);
      expect(ttl).toBeGreaterThan(0);
      await waitUntil('the survivor polls', () => other.relay.isLeading(), 5_000);
      // Redis let the dead replica's lease lapse no earlier than this: the survivor honoured it.
      expect(Date.now()).toBeGreaterThanOrEqual(askedAt + ttl);
    } finally {
      client.disconnect();
    }
  });

  it('keeps its leader when another replica joins', async () => {
    await startReplica();
    await waitUntil('one replica polls', () => leaders().length === 1);
    const [leader] = leaders();
    const joiner = await startReplica();
    const client = new Redis(redis.url);
    try {
      // The joiner contests the lease as often as the holder renews it (a third of its TTL): once the holder
      // has renewed three times since the joiner started, the joiner has asked about as often, and lost.
      let renewals = 0;
      let lastTtl = await client.pttl('relay:leader');
      await waitUntil('three renewals of the lease', async () => {
        const ttl = await client.pttl('relay:leader');
        if (ttl > lastTtl) renewals += 1;
        lastTtl = ttl;
        return renewals >= 3;
      });
      expect(await client.get('relay:leader')).toBe(leader.relay.replicaId);
      expect(leaders()).toEqual([leader]);
      expect(joiner.relay.isLeading()).toBe(false);
      expect(joiner.calls.pollingCalls()).toBe(0);
    } finally {
      client.disconnect();
    }
  });

  it('lists the union of what two analysts watch in one call per check, and streams each only their own', async () => {
    await startReplica();
    await startReplica();
    const checks = await tap();
    const [onlyDana, shared, onlySam] = [await pendingAction(), await pendingAction(), await pendingAction()];
    const dana = await stream(replicas[0], tokens.dana);
    const sam = await stream(replicas[1], tokens.sam);
    await watch(replicas[0], tokens.dana, [onlyDana, shared]);
    await watch(replicas[1], tokens.sam, [shared, onlySam]);
    await Promise.all([dana.waitFor(actionOf(onlyDana)), dana.waitFor(actionOf(shared)), sam.waitFor(actionOf(shared)), sam.waitFor(actionOf(onlySam))]);

    // The check that first read Sam's own action, the last one watched: each call it made reached Defender
    // after the check before it had its answer, and before its own answer (the simulator logs on this
    // process's clock: a reset puts its clock back to real time).
    await checks.events.waitFor(checkOf(onlySam));
    const [answered] = answersOf(checks, onlySam);
    const before = Math.max(0, ...answersOf(checks, shared).filter((at) => at < answered));
    // The relay's one history read of the type (once a day) is not a check.
    const calls = (await sim.requests()).filter((request) => byRelay(request) && !isHistoryRead(request) && Date.parse(request.at) > before && Date.parse(request.at) <= answered);
    expect(calls).toHaveLength(1);
    expect(calls[0].path).toBe('/api/machineactions');
    for (const id of [onlyDana, shared, onlySam]) expect(calls[0].query.$filter).toContain(id);

    await Promise.all([dana.waitFor(syncedWith([onlyDana, shared])), sam.waitFor(syncedWith([shared, onlySam]))]);
    await Promise.all([caughtUp(dana, replicas[0], tokens.dana, [onlyDana, shared]), caughtUp(sam, replicas[1], tokens.sam, [shared, onlySam])]);
    expect(dana.events.some(actionOf(onlySam))).toBe(false);
    expect(sam.events.some(actionOf(onlyDana))).toBe(false);
  });

  it("never streams an action the analyst's own token cannot read", async () => {
    await startReplica();
    await startReplica();
    const checks = await tap();
    const robin = await stream(replicas[0], tokens.robin);
    const answer = await watch(replicas[1], tokens.robin, [seededActions.branchOfficeScan, seededActions.pendingIsolation]);
    expect(answer.watching).toEqual([seededActions.branchOfficeScan]);
    expect(answer.denied).toEqual([{ id: seededActions.pendingIsolation, reason: 'not-found' }]);
    await robin.waitFor(actionOf(seededActions.branchOfficeScan));
    await robin.waitFor((event) => event.event === 'denied' && (event.data as { id: string }).id === seededActions.pendingIsolation);
    await robin.waitFor(syncedWith([seededActions.branchOfficeScan]));

    // Dana may read it: the relay polls it, and still Robin's stream never carries it.
    const dana = await stream(replicas[1], tokens.dana);
    await watch(replicas[1], tokens.dana, [seededActions.pendingIsolation]);
    await dana.waitFor(actionOf(seededActions.pendingIsolation));
    await checks.events.waitFor(checkOf(seededActions.pendingIsolation));
    await caughtUp(robin, replicas[1], tokens.robin, [seededActions.branchOfficeScan, seededActions.pendingIsolation]);
    expect(robin.events.some(actionOf(seededActions.pendingIsolation))).toBe(false);

    // Riley's token grants no Machine.Read: refused before it costs a single access check.
    const before = replicas[0].calls.count();
    const riley = await fetch(`${replicas[0].relay.url}/v1/watch`, { method: 'PUT', headers: { authorization: `Bearer ${tokens.riley}`, 'content-type': 'application/json' }, body: JSON.stringify({ ids: [seededActions.branchOfficeScan] }) });
    expect(riley.status).toBe(401);
    expect(await riley.json()).toMatchObject({ error: { message: 'The access token does not grant Machine.Read.' } });
    expect(replicas[0].calls.count()).toBe(before);
  });

  it('stops polling an action once no one renews its lease', async () => {
    const replica = await startReplica();
    const id = await pendingAction();
    const dana = await stream(replica, tokens.dana);
    await watch(replica, tokens.dana, [id]);
    await dana.waitFor(actionOf(id));
    await watch(replica, tokens.dana, []); // the board no longer shows it
    const client = new Redis(redis.url);
    await waitUntil('its lease lapses', async () => (await client.zscore('relay:leases', id)) === null, 4_000).finally(() => client.disconnect());

    // A new action is read at once, and in the same check as every action still polled (a list call takes
    // them all): the check that first reads it shows what the poller polls now.
    const probe = await pendingAction();
    await watch(replica, tokens.dana, [probe]);
    await waitUntil('the new action is read', async () => (await relayReadsOf(probe)).length > 0);
    const [firstRead] = await relayReadsOf(probe);
    expect(readsAction(firstRead, id)).toBe(false);
  });

  it('recovers from a Redis restart: the open streams put their watch back, one replica polls again, and a finish arrives with no new request', async () => {
    await startReplica();
    await startReplica();
    const before = (await sim.createAction({ type: 'RunAntiVirusScan', scope: 'Quick', timeline: [{ status: 'Pending', afterMs: 0 }, { status: 'Succeeded', afterMs: 60_000 }] })).id;
    const dana = await stream(replicas[0], tokens.dana);
    await watch(replicas[1], tokens.dana, [before]);
    await dana.waitFor(actionOf(before));
    const seen = dana.events.length;

    await redis.restart(); // empty: --save '' keeps nothing
    await waitUntil('a replica polls again', async () => {
      const probe = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 0 });
      try {
        await probe.connect();
        return leaders().length === 1 && (await probe.get('relay:leader')) !== null;
      } catch {
        return false;
      } finally {
        probe.disconnect();
      }
    }, 8_000);
    // The stream's replica put the watch back before reading it: the stream still follows the action.
    const synced = await dana.waitFor((event, index) => index >= seen && event.event === 'synced', 8_000);
    expect((synced.data as { ids: string[] }).ids).toEqual([before]);
    // The action finishes during the outage's aftermath: the stream gets it, and nobody sent the watch again.
    await sim.advanceClock(60_000);
    await dana.waitFor((event, index) => index >= seen && actionOf(before)(event) && JSON.stringify(event.data).includes('"Succeeded"'), 10_000);
  });

  it("checks access within each analyst's share and half the team's budget, and stops at a 429: a burst of unknown IDs cannot drain the quota", async () => {
    // The default share: 80 calls a minute for the team, at most 40 of them access checks, 20 for any one analyst.
    const replica = await startReplica();
    const unknown = (from: number, count: number) => Array.from({ length: count }, (_, index) => `00000000-0000-4000-8000-${String(from + index).padStart(12, '0')}`);
    const before = replica.calls.count();
    const report = await watch(replica, tokens.sam, unknown(0, 60));
    const reads = replica.calls.count() - before;
    expect(reads).toBe(20); // Sam's share, and no more
    expect(report.denied.length).toBe(reads); // the ones read are unknown: not found
    expect(report.unchecked.length).toBe(60 - reads);
    expect(report.unchecked.every((item) => item.problem === 'budget')).toBe(true);
    // A colleague's watch is still checked at once: Sam's burst took his share, not hers.
    const dana = await watch(replica, tokens.dana, unknown(100, 10));
    expect(dana.unchecked).toEqual([]);
    expect(dana.denied).toHaveLength(10);

    // A 429 on an access read pauses the team at once: the rest of the IDs wait, none is read past it.
    await redis.restart(); // a fresh budget
    await waitUntil('Redis answers again', async () => (await fetch(`${replica.relay.origin}/readyz`)).status === 200, 8_000);
    await sim.injectFault({ status: 429, count: 1, retryAfter: '30', match: '/api/machineactions/' });
    const more = Array.from({ length: 8 }, (_, index) => `00000000-0000-4000-8000-${String(100 + index).padStart(12, '0')}`);
    const afterBurst = replica.calls.count();
    const paused = await watch(replica, tokens.sam, more);
    expect(paused.unchecked.some((item) => item.problem === 'throttled')).toBe(true);
    // Four reads may be under way together when the 429 comes back; none starts after it.
    expect(replica.calls.count() - afterBurst).toBeLessThanOrEqual(4);
    const client = new Redis(redis.url);
    try {
      expect(Number(await client.get('relay:pause'))).toBeGreaterThan(Date.now());
    } finally {
      client.disconnect();
    }
  });

  it('drops a stream whose reader stopped reading, rather than hold what it cannot send', async () => {
    const replica = await startReplica({ RELAY_SLOW_READER_MS: '500' });
    const id = await pendingAction();
    await watch(replica, tokens.dana, [id]);
    // A reader that sends its request and never reads a byte of the answer.
    const { port } = new URL(replica.relay.origin);
    const socket = connect(Number(port), '127.0.0.1');
    socket.pause();
    socket.write(`GET /relay/v1/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${tokens.dana}\r\n\r\n`);
    await waitUntil('the stream is open', () => replica.log.text().includes('"url":"/relay/v1/stream"'), 5_000);
    // Checks of a big action keep coming (as the leader would publish them): 30 MB the reader never takes.
    const publisher = new Redis(redis.url);
    try {
      const action = { id, type: 'RunAntiVirusScan', status: 'Pending', requestorComment: 'x'.repeat(100_000) };
      let sent = 0;
      const dropped = () => replica.log.text().includes('A stream reader fell behind; the stream is dropped');
      for (let checkedAt = Date.now(); !dropped() && sent < 300; checkedAt += 1) {
        const record = { id, checkedAt, action, readAt: checkedAt, failure: null, history: [] };
        await publisher.publish(keys.events, JSON.stringify({ type: 'checked', record }));
        sent += 1;
      }
      await waitUntil('the stream is dropped', dropped, 10_000);
      expect(sent).toBeLessThan(300); // dropped long before all of it was sent
      // Its server side is gone: the replica holds no stream for Dana any more.
      await waitUntil('the replica let the stream go', () => replica.relay.server.relay !== undefined && replica.relay.server.relay.streamCount() === 0, 5_000);
    } finally {
      publisher.disconnect();
      socket.destroy();
    }
  });

  it('keeps every token and secret out of Redis and out of its logs', async () => {
    await startReplica();
    await startReplica();
    // Every analyst's token goes through both routes, and every kind of key gets written: checks, watch sets,
    // access verdicts (a yes, a not-found and a forbidden), leases, the leader, the budgets.
    const id = await pendingAction();
    const dana = await stream(replicas[0], tokens.dana);
    await stream(replicas[1], tokens.robin);
    await stream(replicas[0], tokens.sam);
    // Riley's token (no Machine.Read) is refused, in the stream's path and in its query: logged nowhere all the same.
    expect((await fetch(`${replicas[1].relay.url}/v1/stream?access_token=${tokens.riley}`, { headers: { authorization: `Bearer ${tokens.riley}` } })).status).toBe(401);
    await watch(replicas[1], tokens.dana, [id]);
    await watch(replicas[0], tokens.sam, [id]);
    await watch(replicas[0], tokens.robin, [seededActions.branchOfficeScan, seededActions.pendingIsolation]);
    await dana.waitFor(actionOf(id)); // a check is kept in Redis

    const scanned = await scanRedis(redis.url);
    const values = [...scanned.keys, ...scanned.values];
    expect(values.some((value) => value.startsWith('relay:action:'))).toBe(true); // the scan saw the relay's data
    const secrets = [...Object.values(tokens), RELAY_CLIENT_SECRET];
    for (const value of values) {
      for (const secret of secrets) expect(value.includes(secret)).toBe(false);
      expect(value).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.eyJ/); // no JWT at all, the relay's own included
    }
    const logs = replicas.map((replica) => replica.log.text()).join('\n');
    expect(logs).toContain('"url":"/relay/v1/watch"'); // requests are logged…
    expect(logs).toContain('"url":"/relay/v1/stream?access_token=[redacted]"'); // …a token in the query redacted
    for (const secret of secrets) expect(logs.includes(secret)).toBe(false); // …without their tokens
    expect(logs).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.eyJ/);
  });
});
