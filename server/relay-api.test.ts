import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_ID, DEFENDER_RESOURCE, SIM_TENANTS, TENANT_ID } from '../sim/constants';
import { seededActions } from '../sim/seed';
import { startSimulator, type RunningSimulator } from '../sim/server';
import { relayAppToken } from '../sim/testing/relay-app-token';
import { redeemRefreshToken, signInWithPkce, type TokenResponse } from '../sim/testing/sign-in-with-pkce';
import { startTestServer, type RunningServer as RunningRelay } from './testing/test-server';
import { startRedis, type TestRedis } from '../relay/testing/redis-server';
import { serverEnv, testAppOrigin } from './testing/server-env';
import { openStream } from '../relay/testing/stream-reader';

let redis: TestRedis;
let simulator: RunningSimulator;
let relay: RunningRelay;
/** A relay whose clock runs two hours ahead: every real token is expired there. */
let lateRelay: RunningRelay;
/** A relay allowing two requests a minute per analyst. */
let strictRelay: RunningRelay;
let dana: TokenResponse;
let sam: string;
let places: { redisUrl: string; identityPort: number; apiPort: number };

async function put(body: string, token = dana.access_token, url = relay.url, contentType = 'application/json'): Promise<Response> {
  return fetch(`${url}/v1/watch`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': contentType, origin: testAppOrigin }, body });
}

async function errorOf(response: Response): Promise<{ code: string; message: string }> {
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  return ((await response.json()) as { error: { code: string; message: string } }).error;
}

const guid = (index: number) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`;

beforeAll(async () => {
  redis = await startRedis();
  simulator = await startSimulator({ identityPort: 0, apiPort: 0, quiet: true });
  places = { redisUrl: redis.url, identityPort: Number(new URL(simulator.identityUrl).port), apiPort: Number(new URL(simulator.apiUrl).port) };
  relay = await startTestServer(serverEnv(places, { LOG_LEVEL: 'silent' }));
  lateRelay = await startTestServer(serverEnv(places, { LOG_LEVEL: 'silent' }), { tokenClock: () => Date.now() + 2 * 3_600_000 });
  strictRelay = await startTestServer(serverEnv(places, { LOG_LEVEL: 'silent', RELAY_REQUESTS_PER_MINUTE: '2' }));
  dana = await signInWithPkce({ identityUrl: simulator.identityUrl, login: 'analyst' });
  sam = (await signInWithPkce({ identityUrl: simulator.identityUrl, login: 'guest' })).access_token;
});

afterAll(async () => {
  await Promise.allSettled([relay, lateRelay, strictRelay].map((running) => running?.close()));
  await simulator?.close();
  await redis?.stop();
});

describe('who may call', () => {
  it('accepts the analyst’s own Defender token', async () => {
    const response = await put(JSON.stringify({ ids: [seededActions.pendingIsolation] }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ watching: [seededActions.pendingIsolation], denied: [], unchecked: [] });
  });

  it("accepts a token from the home tenant's own path too (the simulator's /<tenant>/v2.0 issuer), never a customer's", async () => {
    const atHome = await signInWithPkce({ identityUrl: simulator.identityUrl, login: 'analyst', tenant: TENANT_ID });
    expect((await put(JSON.stringify({ ids: [seededActions.pendingIsolation] }), atHome.access_token)).status).toBe(200);
    const refreshed = await redeemRefreshToken({ identityUrl: simulator.identityUrl, refreshToken: atHome.refresh_token ?? '', tenant: SIM_TENANTS.fabrikam.id });
    const atFabrikam = ((await refreshed.json()) as TokenResponse).access_token;
    const refused = await put(JSON.stringify({ ids: [] }), atFabrikam);
    expect(refused.status).toBe(401);
    expect((await errorOf(refused)).message).toMatch(/another tenant|'iss' claim/);
  });

  it('answers 401 without a token, with a forged one, an expired one, or one for another audience or app', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ tid: TENANT_ID, azp: CLIENT_ID, scp: 'Machine.Read', oid: 'f0f0f0f0-0000-4000-8000-000000000001' })
      .setProtectedHeader({ alg: 'RS256', kid: 'not-the-providers' })
      .setIssuer(simulator.identityUrl)
      .setAudience(DEFENDER_RESOURCE)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);
    const body = JSON.stringify({ ids: [] });
    const cases: [string, Promise<Response>, RegExp][] = [
      ['no token', fetch(`${relay.url}/v1/watch`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body }), /Bearer/],
      ['not a JWT', put(body, 'not-a-token'), /Bearer/],
      ['forged', put(body, forged), /not signed|not valid/],
      ['expired', put(body, dana.access_token, lateRelay.url), /expired/],
      // The ID token is signed by the same provider, for the app's client id: the audience is what is wrong.
      ['wrong audience', put(body, dana.id_token), /'aud' claim/],
      // The relay's own app token: for Defender, but issued to another app and not delegated.
      ['app token', put(body, await relayAppToken(simulator.identityUrl)), /another application|not delegated/],
    ];
    for (const [name, request, message] of cases) {
      const response = await request;
      expect(response.status, name).toBe(401);
      expect(response.headers.get('www-authenticate'), name).toMatch(/^Bearer/);
      expect((await errorOf(response)).message, name).toMatch(message);
    }
    const stream = await openStream(relay.url, forged, testAppOrigin);
    expect(stream.status).toBe(401);
  });

  it('limits each analyst’s requests', async () => {
    const body = JSON.stringify({ ids: [] });
    expect((await put(body, sam, strictRelay.url)).status).toBe(200);
    expect((await put(body, sam, strictRelay.url)).status).toBe(200);
    const limited = await put(body, sam, strictRelay.url);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await errorOf(limited)).code).toBe('TooManyRequests');
  });

  it('holds at most RELAY_MAX_STREAMS streams per analyst on a replica, and another once one has closed', async () => {
    const capped = await startTestServer(serverEnv(places, { LOG_LEVEL: 'silent', RELAY_MAX_STREAMS: '2' }));
    try {
      const first = await openStream(capped.url, sam, testAppOrigin);
      const second = await openStream(capped.url, sam, testAppOrigin);
      expect([first.status, second.status]).toEqual([200, 200]);
      const third = await fetch(`${capped.url}/v1/stream`, { headers: { authorization: `Bearer ${sam}` } });
      expect(third.status).toBe(429);
      expect((await errorOf(third)).code).toBe('TooManyStreams');
      // Another analyst is not held back by this one.
      const other = await openStream(capped.url, dana.access_token, testAppOrigin);
      expect(other.status).toBe(200);
      first.close();
      await first.ended;
      let again: Awaited<ReturnType<typeof openStream>> | undefined;
      for (let tries = 0; again?.status !== 200 && tries < 50; tries += 1) {
        again?.close();
        again = await openStream(capped.url, sam, testAppOrigin); // the server notices the closed one within a moment
      }
      expect(again?.status).toBe(200);
      for (const reader of [second, other, again]) reader?.close();
      // Opens racing each other are counted too: of ten at once, the cap's worth get through (each open reads
      // the analyst's watch and its access first, which is when they would slip past a count taken before).
      expect((await put(JSON.stringify({ ids: [seededActions.pendingIsolation, seededActions.failedIsolation] }), dana.access_token, capped.url)).status).toBe(200);
      const racing = await Promise.all(Array.from({ length: 10 }, () => openStream(capped.url, dana.access_token, testAppOrigin)));
      const through = racing.filter((reader) => reader.status === 200).length;
      expect(through).toBeGreaterThan(0);
      expect(through).toBeLessThanOrEqual(2); // her stream closed just above may not have been let go yet
      expect(racing.filter((reader) => reader.status === 429).length).toBe(10 - through);
      for (const reader of racing) reader.close();
    } finally {
      await capped.close();
    }
  });

  it('answers no cross-origin call: it shares the app’s origin, so no page elsewhere may read it', async () => {
    for (const origin of [testAppOrigin, 'https://evil.example']) {
      const preflight = await fetch(`${relay.url}/v1/watch`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'authorization,content-type' } });
      expect(preflight.status).toBe(404);
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    }
  });
});

describe('starting', () => {
  it('starts while Redis does not answer: the app and the Defender path serve, /readyz says why it is not ready', async () => {
    const away = await startTestServer(serverEnv({ ...places, redisUrl: 'redis://127.0.0.1:1' }, { LOG_LEVEL: 'silent' }));
    try {
      const ready = await fetch(`${away.origin}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ ready: false, reason: 'redis' });
      expect((await fetch(`${away.origin}/healthz`)).status).toBe(200);
      expect((await fetch(`${away.origin}/defender-api/api/machineactions`, { headers: { authorization: `Bearer ${dana.access_token}` } })).status).toBe(200);
      const watch = await put(JSON.stringify({ ids: [] }), dana.access_token, away.url);
      expect(watch.status).toBe(503);
      expect(watch.headers.get('retry-after')).toBe('5');
    } finally {
      await away.close();
    }
  });
});

describe('what may be watched', () => {
  it('refuses a hostile ID with a 400 that names it', async () => {
    const response = await put(JSON.stringify({ ids: [seededActions.pendingIsolation, "') or 1 eq 1"] }));
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toEqual({ code: 'InvalidId', message: expect.stringContaining('ids[1]') });
  });

  it('refuses 501 IDs with a 413, and a body too large with a 413 too', async () => {
    const tooMany = await put(JSON.stringify({ ids: Array.from({ length: 501 }, (_, index) => guid(index)) }));
    expect(tooMany.status).toBe(413);
    expect((await errorOf(tooMany)).code).toBe('TooManyIds');
    const huge = await put(JSON.stringify({ ids: ['x'.repeat(100_000)] }));
    expect(huge.status).toBe(413);
    expect((await errorOf(huge)).code).toBe('BodyTooLarge');
  });

  it('refuses bodies that are not a list of IDs, each with a clear 4xx', async () => {
    const cases: [string, string, number, string][] = [
      ['not JSON', '{"ids": [', 400, 'InvalidRequestBody'],
      ['no ids', '{}', 400, 'InvalidRequestBody'],
      ['ids not strings', '{"ids": [1, 2]}', 400, 'InvalidRequestBody'],
      ['ids an object', '{"ids": {"length": 1e9}}', 400, 'InvalidRequestBody'],
      ['a prototype trick', '{"ids": [], "__proto__": {"x": 1}}', 400, 'InvalidRequestBody'],
    ];
    for (const [name, body, status, code] of cases) {
      const response = await put(body);
      expect(response.status, name).toBe(status);
      expect((await errorOf(response)).code, name).toBe(code);
    }
    const text = await put('ids=1', dana.access_token, relay.url, 'text/plain');
    expect(text.status).toBe(415);
    // The relay is still there after all of it.
    expect((await fetch(`${relay.origin}/healthz`)).status).toBe(200);
  });
});
