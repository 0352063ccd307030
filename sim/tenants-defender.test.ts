import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { nodeUrl, SIM_TENANTS, type SimTenantKey } from './constants.ts';
import { customerActions, customerMachines, seededActions } from './seed.ts';
import { startSimulator, type RunningSimulator } from './server.ts';
import { redeemRefreshToken, signInWithPkce } from './testing/sign-in-with-pkce.ts';
import { simulatorClient, type SimulatorClient } from './testing/simulator-client.ts';

// Defender's one host for every tenant: the token's tid picks the tenant's own Defender (its actions, quota,
// faults and switches), and the caller's role in it.

let simulator: RunningSimulator;
let api: string;
let apiPort: number;
/** Dana's token in each tenant she is in: the home sign-in's, and each customer's from its refresh token. */
const tokens = new Map<SimTenantKey, string>();

const { fabrikam } = SIM_TENANTS;
const tokenOf = (key: SimTenantKey) => tokens.get(key) ?? '';
const control = (tenant?: SimTenantKey): SimulatorClient => simulatorClient(apiPort, tenant === undefined ? {} : { tenant: SIM_TENANTS[tenant].id });

function call(path: string, token: string, init: { method?: string; body?: unknown } = {}): Promise<Response> {
  return fetch(`${api}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${token}`, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

async function idsListed(key: SimTenantKey, query = ''): Promise<string[]> {
  const response = await call(`/api/machineactions${query}`, tokenOf(key));
  expect(response.status).toBe(200);
  return ((await response.json()) as { value: { id: string }[] }).value.map((action) => action.id);
}

beforeAll(async () => {
  simulator = await startSimulator({ identityPort: 0, apiPort: 0, quiet: true });
  apiPort = Number(new URL(simulator.apiUrl).port);
  api = nodeUrl(apiPort);
  const home = await signInWithPkce({ identityUrl: simulator.identityUrl, login: 'analyst', tenant: SIM_TENANTS.home.id });
  tokens.set('home', home.access_token);
  for (const key of ['fabrikam', 'northwind', 'tailspin'] as const) {
    const response = await redeemRefreshToken({ identityUrl: simulator.identityUrl, refreshToken: home.refresh_token ?? '', tenant: SIM_TENANTS[key].id });
    tokens.set(key, ((await response.json()) as { access_token: string }).access_token);
  }
});

afterAll(async () => {
  await simulator?.close();
});

beforeEach(async () => {
  await control().reset();
});

describe("each customer's seeded actions", () => {
  it.each(['fabrikam', 'northwind'] as const)("are %s's own: read with its token, a 404 with any other tenant's", async (key) => {
    for (const id of Object.values(customerActions[key])) {
      expect((await call(`/api/machineactions/${id}`, tokenOf(key))).status).toBe(200);
      for (const other of ['home', 'fabrikam', 'northwind'] as const) {
        if (other !== key) expect((await call(`/api/machineactions/${id}`, tokenOf(other))).status).toBe(404);
      }
    }
    expect((await call(`/api/machineactions/${seededActions.pendingIsolation}`, tokenOf(key))).status).toBe(404);
  });

  it("list the tenant's own actions only: its seeds and its small history, on its own devices", async () => {
    const listed = await idsListed('fabrikam');
    expect(listed).toEqual(expect.arrayContaining(Object.values(customerActions.fabrikam)));
    expect(listed.length).toBeGreaterThan(20);
    expect(listed.every((id) => id.startsWith('55555555-'))).toBe(true);
    const running = await call(`/api/machineactions/${customerActions.fabrikam.runningScan}`, tokenOf('fabrikam'));
    expect(await running.json()).toMatchObject({ status: 'InProgress', computerDnsName: customerMachines.fabrikam.webServer.computerDnsName });
  });

  it('run on the simulated clock, each from its first read', async () => {
    await call(`/api/machineactions/${customerActions.northwind.runningIsolation}`, tokenOf('northwind'));
    await control().advanceClock(60_000);
    const finished = await call(`/api/machineactions/${customerActions.northwind.runningIsolation}`, tokenOf('northwind'));
    expect(await finished.json()).toMatchObject({ status: 'Succeeded' });
  });
});

describe('a guest without a Defender role (Dana at Tailspin Toys)', () => {
  it.each([
    ['GET', '/api/machineactions', undefined],
    ['GET', `/api/machineactions/${customerActions.tailspin.succeededIsolation}`, undefined],
    ['POST', `/api/machineactions/${customerActions.tailspin.succeededIsolation}/cancel`, { Comment: 'no' }],
    ['POST', `/api/machines/${customerMachines.tailspin.laptop.machineId}/isolate`, { Comment: 'no', IsolationType: 'Full' }],
    ['GET', '/api/machines', undefined],
  ])("gets Defender's 403 on %s %s", async (method, path, body) => {
    const response = await call(path, tokenOf('tailspin'), { method, body });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'Forbidden',
      message: expect.stringContaining('no Microsoft Defender for Endpoint role in Tailspin Toys'),
    });
  });
});

describe('the request log', () => {
  it("names each request's tenant (the token's tid), and none before auth", async () => {
    await control().clearRequests();
    await call(`/api/machineactions/${seededActions.pendingIsolation}`, tokenOf('home'));
    await call(`/api/machineactions/${customerActions.fabrikam.runningScan}`, tokenOf('fabrikam'));
    await fetch(`${api}/api/machineactions`);
    expect((await control().requests()).map((entry) => [entry.tenantId, entry.status])).toEqual([
      [SIM_TENANTS.home.id, 200],
      [fabrikam.id, 200],
      [null, 401],
    ]);
    expect((await control('fabrikam').requests()).map((entry) => entry.path)).toEqual([`/api/machineactions/${customerActions.fabrikam.runningScan}`]);
    expect(await control('fabrikam').readsOf(customerActions.fabrikam.runningScan)).toBe(1);
  });
});

describe("each tenant's quota", () => {
  it('is its own: a 429 in one tenant leaves the others answering', async () => {
    for (let count = 0; count < 100; count += 1) expect((await call('/api/machineactions?$top=1', tokenOf('fabrikam'))).status).toBe(200);
    const throttled = await call('/api/machineactions?$top=1', tokenOf('fabrikam'));
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toEqual(expect.any(String));
    expect((await call('/api/machineactions?$top=1', tokenOf('northwind'))).status).toBe(200);
    expect((await call('/api/machineactions?$top=1', tokenOf('home'))).status).toBe(200);
  });
});

describe("the control API's ?tenant=", () => {
  it("creates an action in that tenant's Defender, on one of its devices", async () => {
    const created = await control('northwind').createAction({ type: 'RunAntiVirusScan', scope: 'Quick', status: 'InProgress' });
    expect(created.computerDnsName).toBe(customerMachines.northwind.pointOfSale.computerDnsName);
    expect((await call(`/api/machineactions/${created.id}`, tokenOf('northwind'))).status).toBe(200);
    expect((await call(`/api/machineactions/${created.id}`, tokenOf('home'))).status).toBe(404);
  });

  it("injects faults into that tenant's requests only", async () => {
    await control('fabrikam').injectFault({ status: 503, count: 2 });
    expect((await call('/api/machineactions?$top=1', tokenOf('home'))).status).toBe(200);
    expect((await call('/api/machineactions?$top=1', tokenOf('fabrikam'))).status).toBe(503);
    await control('fabrikam').clearFaults();
    expect((await call('/api/machineactions?$top=1', tokenOf('fabrikam'))).status).toBe(200);
  });

  it("sets that tenant's switches only, but CORS for the whole host", async () => {
    expect(await control('fabrikam').refuseInFilters()).toMatchObject({ refuseIn: true });
    const inFilter = `?$filter=${encodeURIComponent(`id in ('${customerActions.fabrikam.runningScan}')`)}`;
    expect((await call(`/api/machineactions${inFilter}`, tokenOf('fabrikam'))).status).toBe(400);
    expect((await call(`/api/machineactions${inFilter}`, tokenOf('home'))).status).toBe(200);
    expect(await control().switches()).toMatchObject({ refuseIn: false });
    await control('northwind').allowCrossOriginCalls();
    expect(await control().switches()).toMatchObject({ cors: true });
  });

  it('is reset in every tenant by one reset', async () => {
    const created = await control('fabrikam').createAction({ status: 'Pending' });
    await control('northwind').pageListsBy(1);
    await control('northwind').injectFault({ status: 500, count: 5 });
    await control().reset();
    expect((await call(`/api/machineactions/${created.id}`, tokenOf('fabrikam'))).status).toBe(404);
    expect(await control('northwind').switches()).toMatchObject({ pageSize: null });
    expect((await call('/api/machineactions?$top=1', tokenOf('northwind'))).status).toBe(200);
  });

  it('refuses a tenant the simulator does not have', async () => {
    await expect(simulatorClient(apiPort, { tenant: 'contoso' }).createAction({})).rejects.toThrow(/answered 400: .*No simulated tenant 'contoso'/);
  });
});

describe("the home tenant's Defender", () => {
  it('still takes the token of the root sign-in (the root issuer), as the app signs in today', async () => {
    const atRoot = await signInWithPkce({ identityUrl: simulator.identityUrl, login: 'analyst' });
    expect((await call(`/api/machineactions/${seededActions.pendingIsolation}`, atRoot.access_token)).status).toBe(200);
    expect((await call(`/api/machineactions/${customerActions.fabrikam.runningScan}`, atRoot.access_token)).status).toBe(404);
  });
});
