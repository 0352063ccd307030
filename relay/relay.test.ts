import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RELAY_CLIENT_ID, RELAY_CLIENT_SECRET } from '../sim/constants';
import { seededActions } from '../sim/seed';
import { startSimulator, type RunningSimulator } from '../sim/server';
import { signInWithPkce } from '../sim/testing/sign-in-with-pkce';
import { simulatorClient, type LoggedRequest, type SimulatorClient } from '../sim/testing/simulator-client';
import { settingsFromEnv } from './config/settings';
import { startRelay, type RunningRelay } from './relay';
import { countingFetch, type CountingFetch } from './testing/counting-fetch';
import { captureLog, type LogCapture } from './testing/log-capture';
import { startRedis, type TestRedis } from './testing/redis-server';
import { relayEnv, testAppOrigin } from './testing/relay-env';
import { openStream, type ReceivedEvent, type StreamReader } from './testing/stream-reader';
import { waitUntil } from './testing/wait-until';

interface Replica {
  relay: RunningRelay;
  calls: CountingFetch;
  log: LogCapture;
}

let redis: TestRedis;
let simulator: RunningSimulator;
let sim: SimulatorClient;
let places: { redisUrl: string; identityPort: number; apiPort: number };
let tokens: { dana: string; sam: string; robin: string; riley: string };
const replicas: Replica[] = [];
const streams: StreamReader[] = [];
const allLogs: LogCapture[] = [];

async function startReplica(): Promise<Replica> {
  const calls = countingFetch();
  const log = captureLog();
  allLogs.push(log);
  const relay = await startRelay(settingsFromEnv(relayEnv(places)), { fetch: calls.fetch, logStream: log.stream });
  const replica = { relay, calls, log };
  replicas.push(replica);
  return replica;
}

async function stream(replica: Replica, token: string): Promise<StreamReader> {
  const reader = await openStream(replica.relay.url, token, testAppOrigin);
  streams.push(reader);
  expect(reader.status).toBe(200);
  return reader;
}

async function watch(replica: Replica, token: string, ids: string[]): Promise<{ watching: string[]; denied: { id: string; reason: string }[] }> {
  const response = await fetch(`${replica.relay.url}/v1/watch`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', origin: testAppOrigin },
    body: JSON.stringify({ ids }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { watching: string[]; denied: { id: string; reason: string }[] };
}

/** An action that stays Pending for the whole run: the poller keeps reading it. */
async function pendingAction(): Promise<string> {
  return (await sim.createAction({ type: 'RunAntiVirusScan', scope: 'Quick', timeline: [{ status: 'Pending', afterMs: 0 }] })).id;
}

const actionOf = (id: string) => (event: ReceivedEvent) => event.event === 'action' && (event.data as { id: string }).id === id;
const byRelay = (request: LoggedRequest) => request.user === RELAY_CLIENT_ID;
const leaders = () => replicas.filter((replica) => replica.relay.isLeading());

beforeAll(async () => {
  redis = await startRedis();
  simulator = await startSimulator({ identityPort: 0, apiPort: 0, quiet: true });
  const apiPort = Number(new URL(simulator.apiUrl).port);
  sim = simulatorClient(apiPort);
  places = { redisUrl: redis.url, identityPort: Number(new URL(simulator.identityUrl).port), apiPort };
  const signIn = async (login: 'analyst' | 'guest' | 'branch' | 'no-access') => (await signInWithPkce({ identityUrl: simulator.identityUrl, login })).access_token;
  tokens = { dana: await signIn('analyst'), sam: await signIn('guest'), robin: await signIn('branch'), riley: await signIn('no-access') };
  await startReplica();
  await startReplica();
});

afterAll(async () => {
  for (const reader of streams) reader.close();
  await Promise.allSettled(replicas.map((replica) => replica.relay.close()));
  await simulator?.close();
  await redis?.stop();
});

describe('the team relay', () => {
  it('polls from exactly one replica, and another takes over within seconds when it goes', async () => {
    const first = await pendingAction();
    const dana = await stream(replicas[0], tokens.dana);
    // The watch is set through the other replica: the stream's replica learns of it over Redis.
    expect((await watch(replicas[1], tokens.dana, [first])).watching).toEqual([first]);
    await dana.waitFor(actionOf(first));
    expect(dana.headers.get('content-type')).toMatch(/^text\/event-stream/);
    await dana.waitFor((event) => event.event === 'synced' && (event.data as { ids: string[] }).ids.includes(first));
    await dana.waitFor((event) => event.event === 'comment' && event.data === ': heartbeat');
    await waitUntil('one replica polls', () => leaders().length === 1);
    const [leader] = leaders();
    const follower = replicas.find((replica) => replica !== leader) as Replica;
    expect(leader.calls.pollingCalls()).toBeGreaterThan(0);
    expect(follower.calls.pollingCalls()).toBe(0);

    const onFollower = await stream(follower, tokens.dana);
    await onFollower.waitFor(actionOf(first));
    await leader.relay.close();
    replicas.splice(replicas.indexOf(leader), 1);
    const closedAt = Date.now();
    await waitUntil('the other replica polls', () => follower.relay.isLeading(), 5_000);
    expect(Date.now() - closedAt).toBeLessThan(5_000);

    const second = await pendingAction();
    await watch(follower, tokens.dana, [first, second]);
    await onFollower.waitFor(actionOf(second));
    expect(follower.calls.pollingCalls()).toBeGreaterThan(0);
    await startReplica(); // two again, for the tests below
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(leaders()).toHaveLength(1);
  });

  it('takes over from a replica that died without handing over, once its lease lapses', async () => {
    await waitUntil('one replica polls', () => leaders().length === 1);
    const [leader] = leaders();
    const other = replicas.find((replica) => replica !== leader) as Replica;
    await leader.relay.close({ release: false }); // as if killed: the lease stays until its TTL
    replicas.splice(replicas.indexOf(leader), 1);
    const diedAt = Date.now();
    await waitUntil('the survivor polls', () => other.relay.isLeading(), 5_000);
    // Not before the lease (1 s) could lapse: the dead replica's lease was honoured.
    expect(Date.now() - diedAt).toBeGreaterThanOrEqual(300);
    await startReplica();
  });

  it('lists the union of what two analysts watch in one call per check, and streams each only their own', async () => {
    const [onlyDana, shared, onlySam] = [await pendingAction(), await pendingAction(), await pendingAction()];
    const dana = await stream(replicas[0], tokens.dana);
    const sam = await stream(replicas[1], tokens.sam);
    await watch(replicas[0], tokens.dana, [onlyDana, shared]);
    await watch(replicas[1], tokens.sam, [shared, onlySam]);
    await Promise.all([dana.waitFor(actionOf(onlyDana)), dana.waitFor(actionOf(shared)), sam.waitFor(actionOf(shared)), sam.waitFor(actionOf(onlySam))]);

    // The next check (a fresh action is read every 5 s): one list call names all three.
    await sim.clearRequests();
    await waitUntil('the next check', async () => (await sim.requests()).some(byRelay), 8_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const calls = (await sim.requests()).filter(byRelay);
    expect(calls).toHaveLength(1);
    expect(calls[0].path).toBe('/api/machineactions');
    for (const id of [onlyDana, shared, onlySam]) expect(calls[0].query.$filter).toContain(id);

    expect(dana.events.some(actionOf(onlySam))).toBe(false);
    expect(sam.events.some(actionOf(onlyDana))).toBe(false);
  });

  it("never streams an action the analyst's own token cannot read", async () => {
    const robin = await stream(replicas[0], tokens.robin);
    const answer = await watch(replicas[1], tokens.robin, [seededActions.branchOfficeScan, seededActions.pendingIsolation]);
    expect(answer.watching).toEqual([seededActions.branchOfficeScan]);
    expect(answer.denied).toEqual([{ id: seededActions.pendingIsolation, reason: 'not-found' }]);
    await robin.waitFor(actionOf(seededActions.branchOfficeScan));
    await robin.waitFor((event) => event.event === 'denied' && (event.data as { id: string }).id === seededActions.pendingIsolation);

    // Dana may read it: the relay polls it, and still Robin's stream never carries it.
    const dana = await stream(replicas[1], tokens.dana);
    await watch(replicas[1], tokens.dana, [seededActions.pendingIsolation]);
    await dana.waitFor(actionOf(seededActions.pendingIsolation));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(robin.events.some(actionOf(seededActions.pendingIsolation))).toBe(false);

    const riley = await watch(replicas[0], tokens.riley, [seededActions.branchOfficeScan]);
    expect(riley).toMatchObject({ watching: [], denied: [{ id: seededActions.branchOfficeScan, reason: 'forbidden' }] });
  });

  it('stops polling an action once no one renews its lease', async () => {
    const id = await pendingAction();
    const dana = await stream(replicas[0], tokens.dana);
    await watch(replicas[0], tokens.dana, [id]);
    await dana.waitFor(actionOf(id));
    await watch(replicas[0], tokens.dana, []); // the board no longer shows it
    dana.close();
    const client = new Redis(redis.url);
    await waitUntil('its lease lapses', async () => (await client.zscore('relay:leases', id)) === null, 4_000).finally(() => client.disconnect());
    await new Promise((resolve) => setTimeout(resolve, 600)); // the leader's next scan
    await sim.clearRequests();
    await new Promise((resolve) => setTimeout(resolve, 6_000)); // longer than a fresh action's 5 s pace
    expect(await sim.readsOf(id)).toBe(0);
  });

  it('recovers from a Redis restart: one replica polls again and streams carry on', async () => {
    const before = await pendingAction();
    const dana = await stream(replicas[0], tokens.dana);
    await watch(replicas[1], tokens.dana, [before]);
    await dana.waitFor(actionOf(before));

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
    const after = await pendingAction();
    await watch(replicas[1], tokens.dana, [before, after]);
    await dana.waitFor(actionOf(after), 8_000);
  });

  it('keeps every token and secret out of Redis and out of its logs', async () => {
    const client = new Redis(redis.url);
    try {
      const values: string[] = [];
      let cursor = '0';
      do {
        const [next, found] = await client.scan(cursor, 'COUNT', 500);
        cursor = next;
        for (const key of found) {
          values.push(key);
          const type = await client.type(key);
          if (type === 'string') values.push((await client.get(key)) ?? '');
          else if (type === 'zset') values.push(...(await client.zrange(key, 0, -1)));
          else if (type === 'hash') values.push(...Object.entries(await client.hgetall(key)).flat());
          else if (type === 'set') values.push(...(await client.smembers(key)));
          else if (type === 'list') values.push(...(await client.lrange(key, 0, -1)));
        }
      } while (cursor !== '0');
      expect(values.some((value) => value.startsWith('relay:action:'))).toBe(true); // the scan saw the relay's data
      const secrets = [...Object.values(tokens), RELAY_CLIENT_SECRET];
      for (const value of values) {
        for (const secret of secrets) expect(value.includes(secret)).toBe(false);
        expect(value).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.eyJ/); // no JWT at all, the relay's own included
      }
      const logs = allLogs.map((log) => log.text()).join('\n');
      expect(logs).toContain('"url":"/v1/watch"'); // requests are logged…
      for (const secret of secrets) expect(logs.includes(secret)).toBe(false); // …without their tokens
      expect(logs).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.eyJ/);
    } finally {
      client.disconnect();
    }
  });
});
