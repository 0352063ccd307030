import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { nodeUrl } from './constants.ts';
import { seededActions, seededMachines } from './seed.ts';
import { startSimulator, type RunningSimulator } from './server.ts';
import { signInWithPkce } from './testing/sign-in-with-pkce.ts';

const APP_ORIGIN = 'http://localhost:5173';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let simulator: RunningSimulator;
let api: string;
let identity: string;
let analystToken: string;

function nodeUrlOf(browserUrl: string): string {
  return nodeUrl(Number(new URL(browserUrl).port));
}

async function control(path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST'): Promise<Response> {
  return fetch(`${api}/_sim/${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function callApi(
  path: string,
  init: { token?: string; method?: string; body?: unknown; signal?: AbortSignal } = {},
): Promise<Response> {
  const token = init.token ?? analystToken;
  return fetch(`${api}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      origin: APP_ORIGIN,
      ...(token === '' ? {} : { authorization: `Bearer ${token}` }),
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    signal: init.signal,
  });
}

async function errorOf(response: Response): Promise<{ code: string; message: string; target: string }> {
  expect(response.headers.get('content-type')).toBe('application/json');
  const body = (await response.json()) as { error: { code: string; message: string; target: string } };
  expect(body.error.target).toMatch(GUID);
  return body.error;
}

async function idsOf(response: Response): Promise<string[]> {
  expect(response.status).toBe(200);
  const body = (await response.json()) as { '@odata.context': string; value: { id: string }[] };
  expect(body['@odata.context']).toBe('https://api.securitycenter.microsoft.com/api/$metadata#MachineActions');
  return body.value.map((action) => action.id);
}

beforeAll(async () => {
  simulator = await startSimulator({ identityPort: 0, apiPort: 0, quiet: true });
  api = nodeUrlOf(simulator.apiUrl);
  identity = nodeUrlOf(simulator.identityUrl);
  analystToken = (await signInWithPkce({ identityUrl: simulator.identityUrl, login: 'analyst' })).access_token;
});

afterAll(async () => {
  await simulator?.close();
});

beforeEach(async () => {
  expect((await control('reset', {})).status).toBe(200);
});

describe('identity provider', () => {
  it('publishes discovery for the localhost issuer, even when reached through 127.0.0.1', async () => {
    const discovery = (await (await fetch(`${identity}/.well-known/openid-configuration`)).json()) as Record<
      string,
      unknown
    >;
    expect(discovery.issuer).toBe(simulator.identityUrl);
    expect(discovery.authorization_endpoint).toBe(`${simulator.identityUrl}/auth`);
    expect(discovery.code_challenge_methods_supported).toEqual(['S256']);
  });

  it('issues Defender access tokens the API accepts', async () => {
    const response = await callApi(`/api/machineactions/${seededActions.pendingIsolation}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      '@odata.context': 'https://api.securitycenter.microsoft.com/api/$metadata#MachineActions/$entity',
      id: seededActions.pendingIsolation,
      status: 'Pending',
    });
  });
});

describe('Defender API', () => {
  it('answers 401 Unauthorized without a token', async () => {
    const response = await callApi('/api/machineactions', { token: '' });
    expect(response.status).toBe(401);
    expect((await errorOf(response)).code).toBe('Unauthorized');
  });

  it('answers 403 Forbidden, naming the permission, when scp lacks Machine.Read', async () => {
    const riley = await signInWithPkce({ identityUrl: simulator.identityUrl, login: 'no-access' });
    const response = await callApi('/api/machineactions', { token: riley.access_token });
    expect(response.status).toBe(403);
    expect(await errorOf(response)).toMatchObject({
      code: 'Forbidden',
      message: expect.stringContaining('Machine.Read'),
    });
  });

  it('answers no cross-origin call by default, as the real API: no CORS headers, the preflight refused', async () => {
    const preflight = await fetch(`${api}/api/machineactions`, {
      method: 'OPTIONS',
      headers: { origin: APP_ORIGIN, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });
    expect(preflight.status).toBe(405);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const response = await callApi('/api/machineactions?$top=1');
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers CORS preflights and exposes Retry-After with the cors switch on', async () => {
    await control('switches', { cors: true });
    const preflight = await fetch(`${api}/api/machineactions`, {
      method: 'OPTIONS',
      headers: {
        origin: APP_ORIGIN,
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    const response = await callApi('/api/machineactions?$top=1');
    expect(response.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(response.headers.get('access-control-expose-headers')).toBe('Retry-After');
  });

  it('answers 429 with Retry-After after 100 calls within a minute, until the simulated clock moves on', async () => {
    for (let call = 0; call < 100; call += 1) {
      expect((await callApi(`/api/machineactions/${seededActions.investigationPackage}`)).status).toBe(200);
    }
    const throttled = await callApi(`/api/machineactions/${seededActions.investigationPackage}`);
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThanOrEqual(59);
    expect((await errorOf(throttled)).code).toBe('TooManyRequests');
    await control('clock', { advanceMs: 61_000 });
    expect((await callApi(`/api/machineactions/${seededActions.investigationPackage}`)).status).toBe(200);
  });

  it('filters, orders and pages lists', async () => {
    const finance = seededMachines.financeWorkstation.machineId;
    const onFinance = await idsOf(await callApi(`/api/machineactions?$filter=machineId eq '${finance}'`));
    expect(onFinance.length).toBeGreaterThanOrEqual(5);
    expect(onFinance).toContain(seededActions.pendingIsolation);

    const wanted = [seededActions.failedIsolation, seededActions.cancelledIsolation];
    const query = new URLSearchParams({
      $filter: `id in ('${wanted.join("','")}') and type eq 'Isolate'`,
      $orderby: 'creationDateTimeUtc desc',
    });
    expect(await idsOf(await callApi(`/api/machineactions?${query}`))).toEqual([
      seededActions.cancelledIsolation,
      seededActions.failedIsolation,
    ]);
    // On the demo devices only: the seeded history (seededHistory in seed.ts) has timeouts of its own.
    expect(await idsOf(await callApi(`/api/machineactions?$filter=status eq 'TimeOut' and machineId eq '${finance}'`))).toEqual([
      seededActions.timedOutLiveResponse,
    ]);
    expect(await idsOf(await callApi('/api/machineactions?$top=2&$skip=1'))).toHaveLength(2);

    const bad = await callApi("/api/machineactions?$filter=computerDnsName eq 'x'");
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).code).toBe('ODataError');
    const badTop = await callApi('/api/machineactions?$top=0');
    expect((await errorOf(badTop)).code).toBe('InvalidInput');
  });

  it('isolates, refuses a second isolation while one runs, and cancels', async () => {
    const machine = seededMachines.buildServer.machineId;
    const created = await callApi(`/api/machines/${machine}/isolate`, {
      method: 'POST',
      body: { Comment: 'contain', IsolationType: 'Selective' },
    });
    expect(created.status).toBe(201);
    const action = (await created.json()) as { id: string; status: string; scope: string; requestor: string };
    expect(action).toMatchObject({ status: 'Pending', scope: 'Selective', requestor: 'dana.analyst@contoso.example' });

    const again = await callApi(`/api/machines/${machine}/isolate`, { method: 'POST', body: { Comment: 'again' } });
    expect(await errorOf(again)).toMatchObject({ message: 'Action is already in progress' });
    const caseBug = await callApi(`/api/machines/${machine}/unisolate`, {
      method: 'POST',
      body: { comment: 'lower case' },
    });
    expect((await errorOf(caseBug)).code).toBe('InvalidRequestBody');

    const cancelled = await callApi(`/api/machineactions/${action.id}/cancel`, {
      method: 'POST',
      body: { Comment: 'oops' },
    });
    expect(cancelled.status).toBe(200);
    expect(await cancelled.json()).toMatchObject({ status: 'Cancelled', cancellationComment: 'oops' });
    const twice = await callApi(`/api/machineactions/${action.id}/cancel`, {
      method: 'POST',
      body: { Comment: 'oops' },
    });
    expect(twice.status).toBe(400);
    expect(
      (
        await callApi('/api/machines/0000000000000000000000000000000000000000/isolate', {
          method: 'POST',
          body: { Comment: 'x' },
        })
      ).status,
    ).toBe(404);
  });

  it('rejects malformed ids and reports unknown ones', async () => {
    expect((await errorOf(await callApi('/api/machineactions/not-a-guid'))).code).toBe('InvalidInput');
    const missing = await callApi('/api/machineactions/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect((await errorOf(missing)).code).toBe('ResourceNotFound');
  });
});

describe('control API', () => {
  it('injects faults before auth, for the matching requests only', async () => {
    const fault = await control('faults', { status: 503, count: 2, match: '/machineactions/' });
    expect(fault.status).toBe(201);
    await control('faults', { status: 429, retryAfter: '7', match: 'throttle-me' });

    const first = await callApi(`/api/machineactions/${seededActions.pendingIsolation}`, { token: '' });
    expect(first.status).toBe(503);
    expect((await errorOf(first)).code).toBe('ServiceUnavailable');
    expect((await callApi(`/api/machineactions/${seededActions.pendingIsolation}`)).status).toBe(503);
    expect((await callApi(`/api/machineactions/${seededActions.pendingIsolation}`)).status).toBe(200);

    const throttled = await callApi("/api/machineactions?$filter=requestor eq 'throttle-me'");
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('7');

    await control('faults', { malformed: true });
    const malformed = await callApi('/api/machineactions');
    expect(malformed.status).toBe(200);
    await expect(malformed.json()).rejects.toThrow();

    await control('faults', { hang: true });
    await expect(callApi('/api/machineactions', { signal: AbortSignal.timeout(200) })).rejects.toThrow(/aborted/);
    const log = (await (await control('requests')).json()) as { status: number | null }[];
    expect(log.at(-1)?.status).toBeNull();
  });

  it('creates actions whose timelines follow the simulated clock, and logs requests', async () => {
    const created = await control('actions', {
      type: 'RunAntiVirusScan',
      scope: 'Quick',
      timeline: [
        { status: 'InProgress', afterMs: 1_000 },
        { status: 'Succeeded', afterMs: 20_000 },
      ],
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect(id).toMatch(GUID);
    await control('clock', { advanceMs: 20_000 });
    expect(await (await callApi(`/api/machineactions/${id}`)).json()).toMatchObject({
      status: 'Succeeded',
      scope: 'Quick',
    });

    const log = (await (await control('requests')).json()) as {
      method: string;
      path: string;
      status: number;
      user: string;
    }[];
    expect(log).toEqual([
      expect.objectContaining({
        method: 'GET',
        path: `/api/machineactions/${id}`,
        status: 200,
        user: 'dana.analyst@contoso.example',
      }),
    ]);
    expect((await control('requests', undefined, 'DELETE')).status).toBe(204);
  });
});
