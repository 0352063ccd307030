// The generated nginx configs in a real nginx (Debian's nginx-light: `nginx` on the PATH, or NGINX_BINARY, and the
// CA bundle the configs name; .ci/run installs them, as it installs redis-server). A test variant (a stand-in for Defender over plain http
// on localhost, a free port, a temporary root) is run and driven like server/defender-path.test.ts drives the
// Node server's Defender path.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cloudNames } from '../core/defender/clouds.ts';
import { revalidateEveryLoad } from './cache-control.ts';
import { nginxConfig, nginxConfigPath } from './nginx-config.ts';

const nginxBinary = process.env.NGINX_BINARY ?? 'nginx';
// The configs name Debian's CA bundle (deploy/nginx-defender-path.ts); elsewhere they would not load as they are.
const hasNginx = spawnSync(nginxBinary, ['-v']).status === 0 && existsSync('/etc/ssl/certs/ca-certificates.crt');
const repository = fileURLToPath(new URL('..', import.meta.url));
const mimeTypes = '/etc/nginx/mime.types';

const id = '11111111-1111-4111-8111-000000000001';
const token = 'eyJ0eXAiOiJKV1QifQ.eyJzdWIiOiJhbmFseXN0In0.c2lnbmF0dXJl';
const bearer = { authorization: `Bearer ${token}` };

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** An http block around one generated config, with every path nginx writes inside `dir`. */
function wrapper(dir: string, site: string): string {
  for (const temp of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(path.join(dir, 'temp', temp), { recursive: true });
  writeFileSync(path.join(dir, 'site.conf'), site);
  const file = path.join(dir, 'nginx.conf');
  writeFileSync(file, [
    'daemon off;',
    'master_process off;',
    `pid ${dir}/nginx.pid;`,
    'error_log stderr warn;',
    'events { worker_connections 256; }',
    'http {',
    existsSync(mimeTypes) ? `    include ${mimeTypes};` : '',
    '    default_type application/octet-stream;',
    '    access_log off;',
    ...['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((temp) => `    ${temp === 'body' ? 'client_body' : temp}_temp_path ${dir}/temp/${temp};`),
    `    include ${dir}/site.conf;`,
    '}',
    '',
  ].join('\n'));
  return file;
}

interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

type Handler = (request: http.IncomingMessage, response: http.ServerResponse) => void;

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Handler => (_request, response) => {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify(body));
};

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** Name (lower case) → every value sent under it, to see a header sent twice. */
  all: Record<string, string[]>;
  body: string;
}

describe('the generated nginx configs in a real nginx', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nginx-config-'));
  const received: Received[] = [];
  let handler: Handler = json(200, { value: [] });
  let defender: http.Server;
  let defenderPort: number;
  let nginx: ChildProcess | undefined;
  let nginxPort: number;
  let nginxLog = '';

  function request(method: string, target: string, headers: Record<string, string> = {}, body?: string): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const outgoing = http.request({ host: '127.0.0.1', port: nginxPort, method, path: target, headers: { host: 'app.example', ...headers }, agent: false, setHost: false }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const all: Record<string, string[]> = {};
          for (let i = 0; i < response.rawHeaders.length; i += 2) (all[response.rawHeaders[i].toLowerCase()] ??= []).push(response.rawHeaders[i + 1]);
          resolve({ status: response.statusCode ?? 0, headers: response.headers, all, body: Buffer.concat(chunks).toString('utf8') });
        });
      });
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  }

  beforeAll(async () => {
    if (!hasNginx) throw new Error(`No nginx to run (${nginxBinary}) or no CA bundle: install Debian's nginx-light and ca-certificates, or set NGINX_BINARY.`);
    defender = http.createServer((incoming, response) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => {
        received.push({ method: incoming.method ?? '', url: incoming.url ?? '', headers: incoming.headers, body: Buffer.concat(chunks).toString('utf8') });
        handler(incoming, response);
      });
    });
    await new Promise<void>((resolve) => defender.listen(0, '127.0.0.1', resolve));
    defenderPort = (defender.address() as net.AddressInfo).port;
    nginxPort = await freePort();

    const root = path.join(dir, 'html');
    mkdirSync(path.join(root, 'assets'), { recursive: true });
    writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>app</title>\n');
    writeFileSync(path.join(root, 'manifest.webmanifest'), '{"name":"app"}\n');
    const site = nginxConfig({ cloud: 'commercial', defenderOrigin: `http://127.0.0.1:${defenderPort}`, listen: [`127.0.0.1:${nginxPort}`], root });
    nginx = spawn(nginxBinary, ['-p', dir, '-e', 'stderr', '-c', wrapper(dir, site)], { stdio: ['ignore', 'ignore', 'pipe'] });
    nginx.stderr?.on('data', (chunk: Buffer) => (nginxLog += chunk.toString('utf8')));
    const started = Date.now();
    for (;;) {
      try {
        if ((await request('GET', '/')).status === 200) break;
      } catch (error) {
        if (nginx.exitCode !== null || Date.now() - started > 10_000) throw new Error(`nginx did not start: ${nginxLog || (error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  }, 20_000);

  afterAll(async () => {
    nginx?.kill();
    await new Promise((resolve) => defender?.close(resolve));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(() => {
    received.length = 0;
    handler = json(200, { value: [] });
  });

  it.each(cloudNames)('loads deploy/nginx/%s.conf as committed (nginx -t; its Defender host swapped for an address, port 80 for a free one)', async (cloud) => {
    const committed = readFileSync(`${repository}${nginxConfigPath(cloud)}`, 'utf8');
    // nginx looks the upstream's name up while it loads (no DNS is needed here), and binds port 80 only as root.
    const upstream = /(upstream machine_action_watch_defender \{\s+server )[^;\s]+:443;/;
    const listen = /^ {4}listen 80;\n {4}listen \[::\]:80;$/m;
    expect(committed).toMatch(upstream);
    expect(committed).toMatch(listen);
    const testDir = path.join(dir, `t-${cloud}`);
    const site = committed.replace(upstream, '$1127.0.0.1:443;').replace(listen, `    listen 127.0.0.1:${await freePort()};`);
    const result = spawnSync(nginxBinary, ['-t', '-p', testDir, '-e', 'stderr', '-c', wrapper(testDir, site)], { encoding: 'utf8' });
    expect(result.stderr).toContain('test is successful');
    expect(result.status).toBe(0);
  });

  it('serves the web app manifest as application/manifest+json, with the headers of every file', async () => {
    const answer = await request('GET', '/manifest.webmanifest');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/manifest+json');
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(answer.headers['cache-control']).toBe(revalidateEveryLoad);
  });

  it("passes a list read to the configured host with the analyst's token and nothing else of theirs", async () => {
    handler = json(200, { value: [{ id }] }, { 'set-cookie': 'tracker=1', 'request-id': 'abc-123', 'x-powered-by': 'ASP.NET', 'cache-control': 'public, max-age=60', 'strict-transport-security': 'max-age=1' });
    const query = `$filter=id%20in%20(%27${id}%27)&$top=10`;
    const answer = await request('GET', `/defender-api/api/machineactions?${query}`, {
      ...bearer,
      host: 'evil.example',
      cookie: 'session=secret',
      'x-forwarded-for': '10.0.0.1',
      'x-real-ip': '10.0.0.2',
      forwarded: 'for=10.0.0.3',
      'x-custom': 'hello',
      'accept-encoding': 'gzip',
    });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ value: [{ id }] });
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    expect(answer.headers['request-id']).toBe('abc-123');
    for (const header of ['set-cookie', 'x-powered-by', 'strict-transport-security']) expect(answer.headers[header], header).toBeUndefined();
    expect(answer.all['cache-control']).toEqual(['no-store']);
    // The server's security headers on API answers too.
    expect(answer.headers['content-security-policy']).toContain("connect-src 'self' https://login.microsoftonline.com;");
    expect(answer.headers['x-content-type-options']).toBe('nosniff');

    expect(received).toHaveLength(1);
    const [forwarded] = received;
    expect(forwarded.method).toBe('GET');
    expect(forwarded.url).toBe(`/api/machineactions?${query}`);
    expect(forwarded.headers).toEqual({ host: `127.0.0.1:${defenderPort}`, authorization: `Bearer ${token}`, accept: 'application/json', 'user-agent': 'machine-action-watch-nginx' });
  });

  it("passes a single read, and Defender's error status, body and Retry-After back as they are", async () => {
    handler = json(429, { error: { code: 'TooManyRequests', message: 'Rate limit is exceeded.' } }, { 'retry-after': '17' });
    const answer = await request('GET', `/defender-api/api/machineactions/${id.toUpperCase()}`, bearer);
    expect(answer.status).toBe(429);
    expect(answer.all['retry-after']).toEqual(['17']);
    expect(JSON.parse(answer.body)).toEqual({ error: { code: 'TooManyRequests', message: 'Rate limit is exceeded.' } });
    expect(received.map((read) => read.url)).toEqual([`/api/machineactions/${id.toUpperCase()}`]);
  });

  it('answers every method but GET with a 405 naming GET, without calling Defender', async () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD']) {
      for (const target of ['/defender-api/api/machineactions', `/defender-api/api/machineactions/${id}`]) {
        const answer = await request(method, target, { ...bearer, 'content-type': 'application/json' }, method === 'POST' || method === 'PUT' ? JSON.stringify({ id }) : undefined);
        expect(answer.status, `${method} ${target}`).toBe(405);
        expect(answer.headers.allow, `${method} ${target}`).toBe('GET');
        expect(answer.headers['content-security-policy']).toBeDefined();
        if (method !== 'HEAD') expect(JSON.parse(answer.body).error.code).toBe('MethodNotAllowed');
      }
    }
    expect(received).toEqual([]);
  });

  it('answers every other path and encoding trick with a 404 or a 400, without calling Defender', async () => {
    const targets = [
      '/defender-api/api/machines',
      '/defender-api/api/machineactions/',
      `/defender-api/api/machineactions/${id}/GetPackageUri`,
      '/defender-api/api/MachineActions',
      '/defender-api/api/machineactions/..%2f..%2fmachines',
      '/defender-api/api/machineactions/%2e%2e',
      '/defender-api/api/%2e%2e/machines',
      '/defender-api/api/machineactions/x/..',
      '/defender-api//api/machineactions',
      '/defender-api//evil.example/api/machineactions',
      '/defender-api/api/machine%61ctions',
      '/defender-api/api/machineactions%3f%24filter=x',
      '/defender-api',
    ];
    for (const target of targets) {
      const answer = await request('GET', target, bearer);
      expect([400, 404], target).toContain(answer.status);
      expect(answer.body, target).toMatch(/^\{"error":/);
      expect(answer.all['cache-control'], target).toEqual(['no-store']);
    }
    // Refused by nginx itself before any location (not in Defender's error shape), or outside the path once
    // nginx has merged the slashes (the app's page): never a call either way.
    expect((await request('GET', `/defender-api/api/machineactions/${id}%00`, bearer)).status).toBe(400);
    expect((await request('GET', '//evil.example/defender-api/api/machineactions', bearer)).body).toContain('<title>app</title>');
    expect(received).toEqual([]);
  });

  it('never calls the host a request names: an absolute URI as the target, or another Host', async () => {
    // nginx reads an absolute target's path (its $request_uri is the path): the read goes where every read goes.
    const absolute = await request('GET', 'http://evil.example/defender-api/api/machineactions', { ...bearer, host: 'evil.example' });
    expect(absolute.status).toBe(200);
    const otherHost = await request('GET', '/defender-api/api/machineactions', { ...bearer, host: 'evil.example' });
    expect(otherHost.status).toBe(200);
    const configured = [`127.0.0.1:${defenderPort}`, '/api/machineactions'];
    expect(received.map((read) => [read.headers.host, read.url])).toEqual([configured, configured]);
  });

  it('refuses query options the app does not send, twice, broken or with control characters (400), and a very long query (414)', async () => {
    for (const query of ['$expand=machine', '$filter=a&$filter=b', 'api-version=2', '$filter=%zz', '$filter=id%20eq%20%27a%27%0d%0aX-Injected:%201', '$format=xml']) {
      const answer = await request('GET', `/defender-api/api/machineactions?${query}`, bearer);
      expect(answer.status, query).toBe(400);
      expect(JSON.parse(answer.body).error.code, query).toBe('InvalidRequest');
    }
    expect((await request('GET', `/defender-api/api/machineactions?$filter=${'a'.repeat(9_000)}`, bearer)).status).toBe(414);
    expect(received).toEqual([]);
  });

  it('refuses a request without a bearer token with a 401 naming Bearer', async () => {
    const refused: Record<string, string>[] = [{}, { authorization: 'Basic dXNlcjpwYXNz' }, { authorization: 'Bearer ' }, { cookie: 'session=1' }];
    for (const headers of refused) {
      const answer = await request('GET', '/defender-api/api/machineactions', headers);
      expect(answer.status).toBe(401);
      expect(answer.headers['www-authenticate']).toBe('Bearer');
      expect(JSON.parse(answer.body).error.code).toBe('Unauthorized');
    }
    expect(received).toEqual([]);
  });

  it('sends no body (nor a length for one) to Defender, so the next read on the kept-alive connection is intact', async () => {
    expect((await request('GET', '/defender-api/api/machineactions', { ...bearer, 'content-type': 'text/plain' }, 'a body of 24 characters.')).status).toBe(200);
    expect((await request('GET', '/defender-api/api/machineactions?$top=1', bearer)).status).toBe(200);
    expect(received.map((read) => [read.url, read.body, read.headers['content-length'], read.headers['transfer-encoding']])).toEqual([
      ['/api/machineactions', '', undefined, undefined],
      ['/api/machineactions?$top=1', '', undefined, undefined],
    ]);
  });

  it("follows no redirect and gives the browser none to follow: Defender's Location is dropped", async () => {
    handler = (_request, response) => response.writeHead(302, { location: 'https://evil.example/collect' }).end();
    const answer = await request('GET', '/defender-api/api/machineactions', bearer);
    expect(answer.status).toBe(302);
    expect(answer.headers.location).toBeUndefined();
    expect(received).toHaveLength(1);
  });

  it("answers in Defender's error shape when Defender cannot be reached (502)", async () => {
    handler = (request) => request.socket.destroy();
    const answer = await request('GET', '/defender-api/api/machineactions', bearer);
    expect(answer.status).toBe(502);
    expect(JSON.parse(answer.body).error.code).toBe('UpstreamUnreachable');
    expect(answer.all['cache-control']).toEqual(['no-store']);
  });

  // Last: it spends this address's burst.
  it('limits the reads from one address: past the burst, a 429 with Retry-After, and no call', async () => {
    const answers: Answer[] = [];
    for (let i = 0; i < 80; i += 1) answers.push(await request('GET', '/defender-api/api/machineactions', bearer));
    const limited = answers.filter((answer) => answer.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0].all['retry-after']).toEqual(['1']);
    expect(JSON.parse(limited[0].body).error.code).toBe('TooManyRequests');
    expect(received).toHaveLength(answers.length - limited.length);
  }, 20_000);
});
