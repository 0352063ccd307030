import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { relayPath, tenantNotServedCode } from '../core/relay-stream/relay-paths';
import { RELAY_CLIENT_ID, RELAY_CLIENT_SECRET, SIM_TENANTS } from '../sim/constants';
import { customerActions } from '../sim/seed';
import { startSimulator, type RunningSimulator } from '../sim/server';
import { readsAction } from '../sim/testing/logged-reads';
import { redeemRefreshToken, signInWithPkce, type TokenResponse } from '../sim/testing/sign-in-with-pkce';
import { simulatorClient } from '../sim/testing/simulator-client';
import { startTestServer, type RunningServer } from './testing/test-server';
import { captureLog, type LogCapture } from '../relay/testing/log-capture';
import { scanRedis } from '../relay/testing/redis-scan';
import { startRedis, type TestRedis } from '../relay/testing/redis-server';
import { serverEnv, testAppOrigin } from './testing/server-env';
import { openStream, type ReceivedEvent, type StreamReader } from '../relay/testing/stream-reader';
import { waitUntil } from '../relay/testing/wait-until';

// An MSSP's relay: the home tenant, and TENANTS' Fabrikam and Northwind (where the relay's app is consented)
// and Tailspin (where it is not: AADSTS700016). Each served tenant has its own app token, budget and keys.
const { home, fabrikam, northwind, tailspin, adatum } = SIM_TENANTS;
const fabrikamScan = customerActions.fabrikam.runningScan;
const northwindIsolation = customerActions.northwind.runningIsolation;

let redis: TestRedis;
let simulator: RunningSimulator;
let relay: RunningServer;
let log: LogCapture;
/** Dana's token in each tenant, from one sign-in at home. */
let dana: Record<'home' | 'fabrikam' | 'northwind' | 'tailspin', string>;
const streams: StreamReader[] = [];

function put(tenant: string | undefined, token: string, ids: string[]): Promise<Response> {
  return fetch(`${relay.url}${relayPath('watch', tenant)}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', origin: testAppOrigin },
    body: JSON.stringify({ ids }),
  });
}

async function stream(tenant: string, token: string): Promise<StreamReader> {
  const reader = await openStream(relay.url, token, testAppOrigin, tenant);
  streams.push(reader);
  expect(reader.status).toBe(200);
  return reader;
}

const actionOf = (id: string) => (event: ReceivedEvent) => event.event === 'action' && (event.data as { id: string }).id === id;

beforeAll(async () => {
  redis = await startRedis();
  simulator = await startSimulator({ identityPort: 0, apiPort: 0, quiet: true });
  const places = { redisUrl: redis.url, identityPort: Number(new URL(simulator.identityUrl).port), apiPort: Number(new URL(simulator.apiUrl).port) };
  const tenants = [fabrikam, northwind, tailspin].map(({ id, name }) => ({ id, name }));
  log = captureLog();
  relay = await startTestServer(serverEnv(places, { TENANTS: JSON.stringify(tenants), RELAY_LEASE_TTL_MS: '10000' }), { logStream: log.stream });
  const atHome = await signInWithPkce({ identityUrl: simulator.identityUrl, login: 'analyst', tenant: home.id });
  const inTenant = async (tenant: string) => ((await (await redeemRefreshToken({ identityUrl: simulator.identityUrl, refreshToken: atHome.refresh_token ?? '', tenant })).json()) as TokenResponse).access_token;
  dana = { home: atHome.access_token, fabrikam: await inTenant(fabrikam.id), northwind: await inTenant(northwind.id), tailspin: await inTenant(tailspin.id) };
});

afterAll(async () => {
  for (const reader of streams) reader.close();
  await relay?.close();
  await simulator?.close();
  await redis?.stop();
});

describe('a relay for several tenants', () => {
  it('serves the home tenant and every customer whose token it gets, and names the one it does not, once, without its secret', () => {
    expect(relay.server.relay?.tenants).toEqual({ served: [home.id, fabrikam.id, northwind.id], unserved: [tailspin.id] });
    const text = log.text();
    const refusals = text.split('\n').filter((line) => line.includes(`does not serve Tailspin Toys (${tailspin.id})`));
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toContain('AADSTS700016');
    expect(text).toContain(`serves Fabrikam (${fabrikam.id}) with its own app token and budget`);
    expect(text.includes(RELAY_CLIENT_SECRET)).toBe(false);
  });

  it("polls each tenant with its own app token, into keys of its own: two tenants' actions never meet", async () => {
    const atFabrikam = await stream(fabrikam.id, dana.fabrikam);
    const atNorthwind = await stream(northwind.id, dana.northwind);
    expect(await (await put(fabrikam.id, dana.fabrikam, [fabrikamScan])).json()).toEqual({ watching: [fabrikamScan], denied: [], unchecked: [] });
    // Northwind's action asked at Fabrikam is not there: each tenant's relay reads its own Defender only.
    expect(await (await put(fabrikam.id, dana.fabrikam, [fabrikamScan, northwindIsolation])).json()).toMatchObject({ denied: [{ id: northwindIsolation, reason: 'not-found' }] });
    expect((await put(northwind.id, dana.northwind, [northwindIsolation])).status).toBe(200);
    await atFabrikam.waitFor(actionOf(fabrikamScan), 10_000);
    await atNorthwind.waitFor(actionOf(northwindIsolation), 10_000);
    expect(atNorthwind.events.some(actionOf(fabrikamScan))).toBe(false);

    // The relay's own reads: its app id as the caller, each in its own tenant.
    const sim = simulatorClient(Number(new URL(simulator.apiUrl).port));
    const relayReads = (await sim.requests()).filter((request) => request.user === RELAY_CLIENT_ID && request.status !== null);
    expect(new Set(relayReads.filter((request) => readsAction(request, fabrikamScan)).map((request) => request.tenantId))).toEqual(new Set([fabrikam.id]));
    expect(new Set(relayReads.filter((request) => readsAction(request, northwindIsolation)).map((request) => request.tenantId))).toEqual(new Set([northwind.id]));

    const { keys } = await scanRedis(redis.url);
    const ofTenant = (tenant: string) => keys.filter((key) => key.startsWith(`relay:t:${tenant}:`));
    // Each served customer has its own leader, leases, checks, watch, verdicts and budget windows.
    for (const tenant of [fabrikam.id, northwind.id]) {
      for (const part of ['leader', 'leases', 'action:', 'watch:', 'access:', 'budget:minute', 'budget:hour', 'requests']) {
        expect(ofTenant(tenant).some((key) => key.startsWith(`relay:t:${tenant}:${part}`)), `${tenant} ${part}`).toBe(true);
      }
    }
    expect(keys).toContain(`relay:t:${fabrikam.id}:action:${fabrikamScan}`);
    expect(keys).toContain(`relay:t:${northwind.id}:action:${northwindIsolation}`);
    // Every key names its tenant: a customer's under relay:t:<tenant>, the home tenant's the single tenant's own.
    for (const key of keys) {
      const customer = /^relay:t:([0-9a-f-]{36}):/.exec(key)?.[1];
      if (customer) expect([fabrikam.id, northwind.id]).toContain(customer);
      else expect(key).toMatch(/^relay:(leader|leases|action:|watch:|access:|pause|list-shape|budget:|requests:)/);
    }
    expect(keys.some((key) => key.includes(tailspin.id))).toBe(false); // an unserved tenant has nothing here
  });

  it('pauses the one tenant Defender throttled: its 429 is not the others\'', async () => {
    const atFabrikam = await stream(fabrikam.id, dana.fabrikam);
    const atNorthwind = await stream(northwind.id, dana.northwind);
    const fabrikamSim = simulatorClient(Number(new URL(simulator.apiUrl).port), { tenant: fabrikam.id });
    await fabrikamSim.injectFault({ status: 429, count: 1, retryAfter: '30', match: '/api/machineactions/' });
    // A new ID's access check meets the 429: Fabrikam's relay pauses, and says so on Fabrikam's streams only.
    const fresh = '00000000-0000-4000-8000-00000000f429';
    expect(await (await put(fabrikam.id, dana.fabrikam, [fabrikamScan, fresh])).json()).toMatchObject({ unchecked: [{ id: fresh, problem: 'throttled' }] });
    await atFabrikam.waitFor((event) => event.event === 'paused' && (event.data as { until: number | null }).until !== null, 5_000);
    const client = new Redis(redis.url);
    try {
      await waitUntil("Fabrikam's pause is in Redis", async () => Number(await client.get(`relay:t:${fabrikam.id}:pause`)) > Date.now(), 5_000);
      expect(await client.exists(`relay:t:${northwind.id}:pause`, 'relay:pause')).toBe(0);
    } finally {
      client.disconnect();
    }
    // Northwind is checked at once as ever.
    const freshAtNorthwind = '00000000-0000-4000-8000-00000000a404';
    expect(await (await put(northwind.id, dana.northwind, [northwindIsolation, freshAtNorthwind])).json()).toMatchObject({ denied: [{ id: freshAtNorthwind, reason: 'not-found' }], unchecked: [] });
    expect(atNorthwind.events.some((event) => event.event === 'paused')).toBe(false);
  });

  it("refuses, with a clear answer, a tenant it does not serve and a token for another tenant than the path's", async () => {
    const unserved = await put(tailspin.id, dana.tailspin, [fabrikamScan]);
    expect(unserved.status).toBe(404);
    const { error } = (await unserved.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe(tenantNotServedCode);
    expect(error.message).toContain(`The team relay does not serve Tailspin Toys (${tailspin.id})`);
    expect(error.message).toContain('AADSTS700016');
    expect(error.message).not.toContain(RELAY_CLIENT_SECRET);
    // The stream says the same, as a 200 JSON answer rather than a stream: a browser logs a 4xx as the page's error.
    const tailspinStream = await fetch(`${relay.url}${relayPath('stream', tailspin.id)}`, { headers: { authorization: `Bearer ${dana.tailspin}` } });
    expect(tailspinStream.status).toBe(200);
    expect(tailspinStream.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await tailspinStream.json()) as { error: { code: string } }).error.code).toBe(tenantNotServedCode);
    const notOurs = await put(adatum.id, dana.home, []);
    expect(((await notOurs.json()) as { error: { message: string } }).error.message).toContain("not one of this deployment's tenants");

    // A tenant's path takes that tenant's tokens only: Fabrikam's token is not Northwind's, nor the home tenant's.
    for (const [tenant, token] of [[northwind.id, dana.fabrikam], [undefined, dana.fabrikam], [fabrikam.id, dana.home], [undefined, dana.tailspin]] as const) {
      const response = await put(tenant, token, []);
      expect(response.status).toBe(401);
      expect(((await response.json()) as { error: { message: string } }).error.message).toBe('The access token is for another tenant.');
    }
  });

  it('keeps every token and secret out of Redis and out of its logs, every tenant alike', async () => {
    const { keys, values } = await scanRedis(redis.url);
    expect(keys.some((key) => key.startsWith(`relay:t:${fabrikam.id}:action:`))).toBe(true); // the scan saw the tenants' data
    const secrets = [...Object.values(dana), RELAY_CLIENT_SECRET];
    for (const text of [...keys, ...values, log.text()]) {
      for (const secret of secrets) expect(text.includes(secret)).toBe(false);
      expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.eyJ/);
    }
    expect(log.text()).toContain(`"url":"/relay/v1/t/${fabrikam.id}/watch"`);
  });
});
