import { connect } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settingsFromEnv } from './config/server-settings';
import { buildServer, type AppServer } from './http/build-server';
import { testAppDir } from './testing/server-env';

// The built app as the server serves it: config.json from the environment, the deployment's headers, the
// SPA fallback. A tenant's deployment here; the simulator's is what every end-to-end test runs against.
const tenant = '6d2f1a3b-8c4e-4f5a-9b7d-2e1c0a9f8b37';
const client = '3f6b2d8e-5a41-4c7e-9d0b-7e2a1c9f4b10';
let server: AppServer;

beforeAll(async () => {
  server = await buildServer(settingsFromEnv({ TENANT_ID: tenant, CLIENT_ID: client, CLOUD: 'gcc-high', APP_DIR: testAppDir(), LOG_LEVEL: 'silent', QUOTA_SHARE: '0.5', DRAIN_MS: '200' }));
});

afterAll(() => server?.close());

const get = (url: string) => server.app.inject({ method: 'GET', url });

describe("an MSSP's deployment (TENANTS)", () => {
  it("writes the customers into config.json, and lets the page reach a customer's own Defender origin", async () => {
    const customers = [
      { id: '8a1c4f2e-3b5d-4e6f-9a7b-1c2d3e4f5a61', name: 'Fabrikam' },
      { id: '5b2e7d9c-1f3a-4c8e-8d6b-2a4c6e8f0b72', name: 'Northwind', cloud: 'gcc', apiBaseUrl: 'https://eu.api.security.microsoft.com' },
    ];
    const mssp = await buildServer(settingsFromEnv({ TENANT_ID: tenant, CLIENT_ID: client, APP_DIR: testAppDir(), LOG_LEVEL: 'silent', TENANTS: JSON.stringify(customers) }));
    try {
      expect((await mssp.app.inject({ method: 'GET', url: '/config.json' })).json()).toMatchObject({ tenantId: tenant, tenants: customers });
      const policy = String((await mssp.app.inject({ method: 'GET', url: '/' })).headers['content-security-policy']);
      expect(policy).toContain("connect-src 'self' https://login.microsoftonline.com https://eu.api.security.microsoft.com;");
    } finally {
      await mssp.close();
    }
  });
});

describe('the app, served', () => {
  it('writes config.json from the environment: one build serves any tenant, always through its own Defender path', async () => {
    const response = await get('/config.json');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ apiBaseUrl: '/defender-api', cloud: 'gcc-high', tenantId: tenant, clientId: client, quotaShare: '0.5' });
    expect(response.headers['cache-control']).toBe('no-cache');
    expect((await get('/simulator.json')).statusCode).toBe(404); // a tenant's deployment never points at the simulator
  });

  it('sends the deployment headers, naming only where analysts sign in: Defender is this origin', async () => {
    const response = await get('/');
    expect(response.statusCode).toBe(200);
    const policy = String(response.headers['content-security-policy']);
    expect(policy).toContain("connect-src 'self' https://login.microsoftonline.us;");
    expect(policy).not.toContain('securitycenter');
    expect(response.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    // A hashed asset is cached for good; the page itself is asked for again each load.
    expect((await get('/assets/main-Ab12Cd34.js')).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(response.headers['cache-control']).toBe('no-cache');
    // The redirect bridge goes without COOP (it must close its own popup).
    expect((await get('/redirect.html')).headers['cross-origin-opener-policy']).toBeUndefined();
  });

  it("sends the build's brotli or gzip copy to a browser that accepts it, with the original's type and headers", async () => {
    const asset = (encoding: string) => server.app.inject({ method: 'GET', url: '/assets/main-Ab12Cd34.js', headers: { 'accept-encoding': encoding } });
    const brotli = await asset('gzip, deflate, br');
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(brotli.rawPayload).toString()).toBe('export {};');
    expect(brotli.headers['content-type']).toMatch(/^text\/javascript|^application\/javascript/);
    expect(brotli.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotli.headers['x-content-type-options']).toBe('nosniff');
    const gzip = await asset('gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.rawPayload).toString()).toBe('export {};');
    const plain = await asset('identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe('export {};');
    // The page, compressed, is still the page: its policy, and asked for again each load.
    const page = await server.app.inject({ method: 'GET', url: '/', headers: { 'accept-encoding': 'br' } });
    expect(page.headers['content-encoding']).toBe('br');
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(String(page.headers['content-security-policy'])).toContain("connect-src 'self' https://login.microsoftonline.us;");
    expect(page.headers['cache-control']).toBe('no-cache');
    const route = await server.app.inject({ method: 'GET', url: '/board', headers: { 'accept-encoding': 'br' } });
    expect(route.headers['content-encoding']).toBe('br');
    // Every answer that depends on Accept-Encoding says so, the plain ones too: a shared cache keeps them apart.
    for (const answer of [brotli, gzip, plain, page, route]) expect(answer.headers.vary).toBe('accept-encoding');
    expect(brotliDecompressSync(route.rawPayload).toString()).toContain('<div id="root">');
  });

  it("answers the app's routes with index.html, and a missing file or service path with a 404", async () => {
    for (const route of ['/actions/5c3bc5a9-0b27-4f3a-9b35-2b1d7f3c6a10', '/board']) {
      const response = await get(route);
      expect(response.statusCode, route).toBe(200);
      expect(response.body, route).toContain('<div id="root">');
    }
    for (const missing of ['/assets/gone-1234.js', '/relay/v1/stream', '/defender-api/nothing']) {
      const response = await get(missing);
      expect(response.statusCode, missing).toBe(404);
      expect(response.headers['content-type'], missing).toMatch(/^application\/json/);
      expect(response.headers['cache-control'], missing).toBe('no-store'); // a missing asset is not cached for a year
    }
    const posted = await server.app.inject({ method: 'POST', url: '/board', payload: {} });
    expect(posted.statusCode).toBe(404);
  });
});

describe('what is refused', () => {
  it('dot segments, so that no path reaches a file the routes keep to themselves', async () => {
    // inject() would resolve the dots before the server saw them: a socket sends them as an attacker does.
    await server.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = server.app.server.address() as { port: number };
    for (const target of ['/./config.json', '/assets/../config.json', '/..', '/board/.']) {
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => socket.write(`GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`));
        let text = '';
        socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
        socket.on('close', () => resolve(text));
        socket.on('error', reject);
      });
      expect(answer, target).toMatch(/^HTTP\/1\.1 400/);
      expect(answer, target).toContain('"code":"InvalidPath"');
    }
  });

  it('a URL Fastify cannot decode: a 400 in Defender’s shape that does not echo it', async () => {
    const response = await get('/defender-api/api/machineactions/%c0%ae');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ error: { code: 'InvalidPath', message: expect.any(String) } });
    expect(response.body).not.toContain('%c0');
  });
});

describe('health', () => {
  it('is alive and ready, and from SIGTERM on not ready while it drains', async () => {
    expect((await get('/healthz')).json()).toEqual({ ok: true });
    expect((await get('/readyz')).statusCode).toBe(200);
    const drained = server.drain();
    const during = await get('/readyz');
    expect(during.statusCode).toBe(503);
    expect(during.json()).toEqual({ ready: false, reason: 'draining' });
    await drained;
  });
});
