import type { InjectOptions } from 'fastify';
import { connect } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SIM_TENANTS, TENANT_ID } from '../sim/constants';
import { captureLog, type LogCapture } from '../relay/testing/log-capture';
import { settingsFromEnv } from './config/server-settings';
import { buildServer, type AppServer } from './http/build-server';
import { answerJson, startDefenderHost, type DefenderHost } from './testing/defender-host';
import { serverEnv } from './testing/server-env';

// The Defender path against a real HTTP server standing in for Defender: what reaches it, and what the
// browser gets back. Driven with inject(), and once over a raw socket where inject cannot say it.
/** A token of the shape the server checks before Defender does (a JWT of this tenant, not expired); unsigned. */
function tokenOf(oid: string, claims: Record<string, unknown> = {}): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ oid, tid: TENANT_ID, exp: Math.floor(Date.now() / 1000) + 3_600, ...claims })}.c2lnbmF0dXJl`;
}
const token = tokenOf('dana');
const otherToken = tokenOf('sam');
const id = '5c3bc5a9-0b27-4f3a-9b35-2b1d7f3c6a10';
const bearer = { authorization: `Bearer ${token}` };

let host: DefenderHost;
let server: AppServer;
let log: LogCapture;

async function build(extra: Record<string, string> = {}): Promise<AppServer> {
  log = captureLog();
  const env = serverEnv({ identityPort: 1, apiPort: 1 }, { DEFENDER_API_URL: host.origin, API_TIMEOUT_MS: '300', API_MAX_RESPONSE_BYTES: '4096', ...extra });
  return buildServer(settingsFromEnv(env), { logStream: log.stream });
}

beforeAll(async () => {
  host = await startDefenderHost();
  server = await build();
});

afterAll(async () => {
  await server?.close();
  await host?.close();
});

beforeEach(() => {
  host.received.length = 0;
  host.answer(answerJson(200, { value: [] }));
});

const inject = (options: InjectOptions) => server.app.inject(options);

/**
 * A request written byte for byte on a socket: inject() and fetch both normalise a path's dot segments
 * before it is sent, and an attacker's client does not. Answers the status line and the body.
 */
async function rawGet(target: string, headers: Record<string, string> = bearer): Promise<{ status: number; body: string }> {
  if (server.app.server.address() === null) await server.app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = server.app.server.address() as { port: number };
  const text = await new Promise<string>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      const lines = Object.entries({ host: `127.0.0.1:${port}`, ...headers, connection: 'close' }).map(([name, value]) => `${name}: ${value}`);
      socket.write(`GET ${target} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`);
    });
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
    socket.on('end', () => resolve(received));
    socket.on('error', reject);
  });
  return { status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1]), body: text.slice(text.indexOf('\r\n\r\n') + 4) };
}

describe('what the Defender path passes on', () => {
  it("passes a list read to the configured host with the analyst's token and nothing else of theirs", async () => {
    host.answer(answerJson(200, { value: [{ id }] }, { 'set-cookie': 'tracker=1', 'request-id': 'abc-123', connection: 'close', 'x-powered-by': 'ASP.NET' }));
    const query = `$filter=id%20in%20('${id}')&$top=10`;
    const response = await inject({
      method: 'GET',
      url: `/defender-api/api/machineactions?${query}`,
      headers: { ...bearer, cookie: 'session=secret', 'x-forwarded-for': '10.0.0.1', 'x-custom': 'hello', host: 'evil.example' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ value: [{ id }] });
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.headers['request-id']).toBe('abc-123');
    expect(response.headers['set-cookie']).toBeUndefined();
    expect(response.headers['x-powered-by']).toBeUndefined();
    expect(response.headers['cache-control']).toBe('no-store');
    // Not a page: nothing in it may run or be framed, whatever it holds.
    expect(response.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');

    expect(host.received).toHaveLength(1);
    const [forwarded] = host.received;
    expect(forwarded.method).toBe('GET');
    // The query as sent (fetch writes a quote as %27, which OData reads the same).
    expect(decodeURIComponent(forwarded.url)).toBe(decodeURIComponent(`/api/machineactions?${query}`));
    expect(forwarded.headers.authorization).toBe(`Bearer ${token}`);
    expect(forwarded.headers.host).toBe(new URL(host.origin).host); // the settings' host, whatever the request said
    for (const header of ['cookie', 'x-forwarded-for', 'x-custom']) expect(forwarded.headers[header]).toBeUndefined();
  });

  it('passes a single read with the ID lower-cased, and Defender’s error status, body and Retry-After back', async () => {
    host.answer(answerJson(429, { error: { code: 'TooManyRequests', message: 'Rate limit is exceeded.' } }, { 'retry-after': '17' }));
    const response = await inject({ method: 'GET', url: `/defender-api/api/machineactions/${id.toUpperCase()}`, headers: bearer });
    expect(response.statusCode).toBe(429);
    expect(response.headers['retry-after']).toBe('17');
    expect(response.json()).toEqual({ error: { code: 'TooManyRequests', message: 'Rate limit is exceeded.' } });
    expect(host.received[0].url).toBe(`/api/machineactions/${id}`);
  });
});

describe('what the Defender path refuses, without calling Defender', () => {
  it('every method but GET: a 405 naming GET', async () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'] as const) {
      for (const url of ['/defender-api/api/machineactions', `/defender-api/api/machineactions/${id}`]) {
        const response = await inject({ method, url, headers: bearer, ...(method === 'POST' || method === 'PUT' ? { payload: { id } } : {}) });
        expect(response.statusCode, `${method} ${url}`).toBe(405);
        expect(response.headers.allow).toBe('GET');
      }
    }
    expect(host.received).toEqual([]);
  });

  it('every other path, encoding trick and host: a 404 or a 400', async () => {
    const urls = [
      '/defender-api/api/machines',
      '/defender-api/api/machineactions/',
      `/defender-api/api/machineactions/${id}/GetPackageUri`,
      '/defender-api/api/MachineActions',
      '/defender-api/api/machineactions/..%2f..%2fmachines',
      '/defender-api/api/machineactions/%2e%2e',
      '/defender-api/api/%2e%2e/machines',
      '/defender-api/%2e%2e/%2e%2e/etc/passwd',
      '/defender-api//evil.example/api/machineactions',
      '//evil.example/defender-api/api/machineactions',
      '/defender-api/api/machineactions%3f%24filter=x',
      `/defender-api/api/machineactions/${id}%00`,
      '/defender-api',
    ];
    for (const url of urls) {
      const response = await rawGet(url);
      expect([400, 404], url).toContain(response.status);
      expect(response.body, url).toMatch(/^\{"error":/);
    }
    expect(host.received).toEqual([]);
  });

  it('an absolute URI as the request target, or another Host: never a proxy to the host it names', async () => {
    const absolute = await rawGet('http://evil.example/defender-api/api/machineactions', { ...bearer, host: 'evil.example' });
    expect([400, 404]).toContain(absolute.status);
    const otherHost = await rawGet('/defender-api/api/machineactions', { ...bearer, host: 'evil.example' });
    expect(otherHost.status).toBe(200);
    // The only host ever called is the configured one, on its own path.
    expect(host.received.map((request) => [request.headers.host, request.url])).toEqual([[new URL(host.origin).host, '/api/machineactions']]);
  });

  it('query options the app does not send, twice, broken or with control characters: a 400 that names the problem', async () => {
    const cases: [string, string][] = [
      ['$expand=machine', 'does not pass on'],
      ['$filter=a&$filter=b', 'twice'],
      ['api-version=2', 'does not pass on'],
      ['$filter=%zz', 'percent-encoding'],
      ['$filter=id%20eq%20%27a%27%0d%0aX-Injected:%201', 'control character'],
      ['$format=xml', 'does not pass on'],
      // A server that also splits on ";" would read a second option past the check.
      ['$top=1;$expand=x', '";"'],
    ];
    for (const [query, named] of cases) {
      const response = await inject({ method: 'GET', url: `/defender-api/api/machineactions?${query}`, headers: bearer });
      expect(response.statusCode, query).toBe(400);
      expect(response.json<{ error: { message: string } }>().error.message, query).toContain(named);
    }
    // The refused option is not repeated in the answer: it may be anything the caller put there, a token too.
    const echoed = await inject({ method: 'GET', url: '/defender-api/api/machineactions?eyJhbGciOiJSUzI1NiJ9=1', headers: bearer });
    expect(echoed.statusCode).toBe(400);
    expect(echoed.body).not.toContain('eyJ');
    const long = await inject({ method: 'GET', url: `/defender-api/api/machineactions?$filter=${'a'.repeat(9_000)}`, headers: bearer });
    expect(long.statusCode).toBe(414);
    expect(host.received).toEqual([]);
  });

  it('a request without a bearer token, with garbage, an expired token or another tenant’s: a 401', async () => {
    const bearers = ['garbage', 'a.b', tokenOf('dana', { exp: Math.floor(Date.now() / 1000) - 3_600 }), tokenOf('dana', { tid: '00000000-0000-4000-8000-000000000000' }), tokenOf('dana', { exp: 'never' })];
    for (const headers of [{}, { authorization: 'Basic dXNlcjpwYXNz' }, { authorization: 'Bearer ' }, { cookie: 'session=1' }, ...bearers.map((value) => ({ authorization: `Bearer ${value}` }))]) {
      const response = await inject({ method: 'GET', url: '/defender-api/api/machineactions', headers });
      expect(response.statusCode).toBe(401);
    }
    expect(host.received).toEqual([]);
  });
});

describe("an MSSP's customers (TENANTS)", () => {
  const fabrikam = SIM_TENANTS.fabrikam.id;
  let mssp: AppServer;
  beforeAll(async () => {
    mssp = await build({ TENANTS: JSON.stringify([{ id: fabrikam, name: 'Fabrikam' }]) });
  });
  afterAll(async () => mssp?.close());

  it("passes a customer's token on, as the home tenant's, and still refuses any other tenant's unsent", async () => {
    for (const tid of [fabrikam, TENANT_ID]) {
      const response = await mssp.app.inject({ method: 'GET', url: `/defender-api/api/machineactions/${id}`, headers: { authorization: `Bearer ${tokenOf('dana', { tid })}` } });
      expect(response.statusCode).toBe(200);
    }
    expect(host.received).toHaveLength(2);
    const adatum = await mssp.app.inject({ method: 'GET', url: `/defender-api/api/machineactions/${id}`, headers: { authorization: `Bearer ${tokenOf('dana', { tid: SIM_TENANTS.adatum.id })}` } });
    expect(adatum.statusCode).toBe(401);
    expect(host.received).toHaveLength(2);
  });

  it("reads a customer in another cloud at that cloud's Defender host, from the cloud table", async () => {
    const northwind = SIM_TENANTS.northwind.id;
    const called: string[] = [];
    const fetchStub: typeof fetch = async (input) => {
      called.push(String(input));
      return new Response(JSON.stringify({ value: [] }), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const env = serverEnv({ identityPort: 1, apiPort: 1 }, { DEFENDER_API_URL: host.origin, TENANTS: JSON.stringify([{ id: northwind, name: 'Northwind', cloud: 'gcc' }, { id: fabrikam, name: 'Fabrikam' }]) });
    const { SIMULATOR_IDENTITY_URL: _simulator, ...tenantEnv } = env;
    const clouds = await buildServer(settingsFromEnv(tenantEnv), { logStream: captureLog().stream, fetch: fetchStub });
    try {
      for (const tid of [northwind, fabrikam]) {
        const response = await clouds.app.inject({ method: 'GET', url: `/defender-api/api/machineactions/${id}`, headers: { authorization: `Bearer ${tokenOf('dana', { tid })}` } });
        expect(response.statusCode).toBe(200);
      }
      expect(called).toEqual([`https://api-gcc.securitycenter.microsoft.us/api/machineactions/${id}`, `${host.origin}/api/machineactions/${id}`]);
    } finally {
      await clouds.close();
    }
  });
});

describe('when Defender misbehaves', () => {
  it('a host that does not answer: a 504 once the timeout has passed', async () => {
    host.answer(() => undefined); // never answers
    const response = await inject({ method: 'GET', url: '/defender-api/api/machineactions', headers: bearer });
    expect(response.statusCode).toBe(504);
    expect(response.json()).toMatchObject({ error: { code: 'UpstreamTimeout' } });
  });

  it('an answer larger than the cap, whatever its Content-Length says: a 502, the rest unread', async () => {
    host.answer((response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ value: 'x'.repeat(10_000) }));
    });
    const response = await inject({ method: 'GET', url: '/defender-api/api/machineactions', headers: bearer });
    expect(response.statusCode).toBe(502);
    expect(response.json()).toMatchObject({ error: { code: 'UpstreamAnswerTooLarge' } });
  });

  it('an answer that is not JSON: served as plain text, never as a page of the app’s origin', async () => {
    host.answer((response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<script>alert(1)</script>');
    });
    const response = await inject({ method: 'GET', url: '/defender-api/api/machineactions', headers: bearer });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/plain; charset=utf-8');
  });

  it('a redirect: not followed (it would carry the token elsewhere), a 502', async () => {
    host.answer((response) => {
      response.writeHead(302, { location: 'https://evil.example/steal' });
      response.end();
    });
    const response = await inject({ method: 'GET', url: '/defender-api/api/machineactions', headers: bearer });
    expect(response.statusCode).toBe(502);
    expect(response.headers.location).toBeUndefined();
    expect(host.received).toHaveLength(1);
  });

  it('a host that cannot be reached: a 502 that says so', async () => {
    const closed = await startDefenderHost();
    await closed.close();
    const unreachable = await buildServer(settingsFromEnv(serverEnv({ identityPort: 1, apiPort: 1 }, { DEFENDER_API_URL: closed.origin, LOG_LEVEL: 'silent' })));
    try {
      const response = await unreachable.app.inject({ method: 'GET', url: '/defender-api/api/machineactions', headers: bearer });
      expect(response.statusCode).toBe(502);
      expect(response.json()).toMatchObject({ error: { code: 'UpstreamUnreachable' } });
    } finally {
      await unreachable.close();
    }
  });
});

describe('limits and logs', () => {
  it("limits each analyst's reads, not the team's", async () => {
    const strict = await build({ API_REQUESTS_PER_MINUTE: '2' });
    try {
      const read = (who: string) => strict.app.inject({ method: 'GET', url: '/defender-api/api/machineactions', headers: { authorization: `Bearer ${who}` } });
      expect((await read(token)).statusCode).toBe(200);
      expect((await read(token)).statusCode).toBe(200);
      const limited = await read(token);
      expect(limited.statusCode).toBe(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect((await read(otherToken)).statusCode).toBe(200);
    } finally {
      await strict.close();
    }
  });

  it('limits each address whatever tokens it sends, and how many reads wait on Defender at once', async () => {
    const limited = await build({ API_REQUESTS_PER_MINUTE_PER_ADDRESS: '3', API_MAX_IN_FLIGHT: '2' });
    try {
      const read = (who: string) => limited.app.inject({ method: 'GET', url: '/defender-api/api/machineactions', headers: { authorization: `Bearer ${tokenOf(who)}` }, remoteAddress: '10.9.9.9' });
      host.answer(() => undefined); // Defender hangs: every read waits for the timeout
      const [first, second, third] = await Promise.all([read('a'), read('b'), read('c')]);
      expect([first.statusCode, second.statusCode, third.statusCode].sort()).toEqual([503, 504, 504]);
      host.answer(answerJson(200, { value: [] }));
      const fourth = await read('d'); // a fresh token, the same address: its bucket is spent
      expect(fourth.statusCode).toBe(429);
      expect(Number(fourth.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });

  it('logs the connecting address, not one a client claims, unless TRUST_PROXY names the proxy in front', async () => {
    const claimed = { ...bearer, 'x-forwarded-for': '203.0.113.9' };
    const direct = await build();
    try {
      await direct.app.inject({ method: 'GET', url: '/healthz', headers: claimed, remoteAddress: '10.1.2.3' });
      expect(log.text()).toContain('"remoteAddress":"10.1.2.3"');
      expect(log.text()).not.toContain('203.0.113.9');
    } finally {
      await direct.close();
    }
    const behindOne = await build({ TRUST_PROXY: '1' });
    try {
      await behindOne.app.inject({ method: 'GET', url: '/healthz', headers: claimed, remoteAddress: '10.1.2.3' });
      expect(log.text()).toContain('"remoteAddress":"203.0.113.9"');
    } finally {
      await behindOne.close();
    }
  });

  it('refuses a request Node cannot parse with a 400 in Defender’s shape, and logs none of its bytes, at trace', async () => {
    const logged = await build({ LOG_LEVEL: 'trace' });
    try {
      await logged.app.listen({ host: '127.0.0.1', port: 0 });
      const { port } = logged.app.server.address() as { port: number };
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => {
          // Content-Length and Transfer-Encoding together: a smuggling attempt Node's parser refuses.
          socket.write(`GET /defender-api/api/machineactions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${otherToken}\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`);
        });
        let text = '';
        socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
        socket.on('close', () => resolve(text));
        socket.on('error', reject);
      });
      expect(answer).toMatch(/^HTTP\/1\.1 400/);
      expect(answer).toContain('{"error":{"code":"BadRequest"');
      const text = log.text();
      expect(text).toContain('a request Node could not parse');
      expect(text).not.toContain('rawPacket');
      expect(text.includes(otherToken)).toBe(false);
    } finally {
      await logged.close();
    }
  });

  it('writes no token in any log line, wherever the request carried it', async () => {
    host.answer(() => undefined); // each read times out: its answer is logged too
    const logged = await build({ LOG_LEVEL: 'trace' });
    try {
      await logged.app.inject({ method: 'GET', url: `/defender-api/api/machineactions?access_token=${otherToken}`, headers: bearer });
      await logged.app.inject({ method: 'GET', url: `/defender-api/api/machineactions?$filter=x&code=${otherToken}`, headers: bearer });
      await logged.app.inject({ method: 'GET', url: `/relay/v1/stream?token=${otherToken}`, headers: { ...bearer, cookie: `session=${otherToken}` } });
      await logged.app.inject({ method: 'GET', url: '/defender-api/api/machineactions', headers: bearer });
      await logged.app.inject({ method: 'GET', url: `/relay/v1/stream/${otherToken}?state=${otherToken}`, headers: bearer });
      const text = log.text();
      expect(text).toContain('"url":"/defender-api/api/machineactions?access_token=[redacted]"'); // the request is logged…
      expect(text.includes(token)).toBe(false); // …and no token in any line
      expect(text.includes(otherToken)).toBe(false);
    } finally {
      await logged.close();
    }
  });
});
