import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startLoadBalancer, type RunningLoadBalancer } from './load-balancer';

const opened: { close(): Promise<void> }[] = [];

afterEach(async () => {
  await Promise.all(opened.splice(0).map((server) => server.close()));
});

async function upstream(handler: RequestListener): Promise<string> {
  const server: Server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  opened.push({
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** An upstream that answers its own name, and echoes what it was sent so forwarding can be checked. */
function named(name: string): Promise<string> {
  return upstream((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json', 'x-upstream': name }).end(JSON.stringify({ name, method: req.method, url: req.url, body })));
  });
}

/** A port nothing listens on: bound once, then closed again. */
async function deadUpstream(): Promise<string> {
  const url = await upstream(() => undefined);
  await opened.pop()?.close();
  return url;
}

async function balancer(upstreams: string[]): Promise<RunningLoadBalancer> {
  const running = await startLoadBalancer({ upstreams, port: 0 });
  opened.push(running);
  return running;
}

async function nameBehind(url: string): Promise<string> {
  const response = await fetch(`${url}/healthz`);
  return ((await response.json()) as { name: string }).name;
}

describe('the team load balancer', () => {
  it('sends requests to the replicas in turn', async () => {
    const lb = await balancer([await named('one'), await named('two')]);
    const names = [];
    for (let request = 0; request < 4; request += 1) names.push(await nameBehind(lb.url));
    expect(names).toEqual(['one', 'two', 'one', 'two']);
  });

  it('passes the method, path, body and the answer through', async () => {
    const lb = await balancer([await named('one')]);
    const response = await fetch(`${lb.url}/v1/watch?x=1`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"ids":[]}' });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-upstream')).toBe('one');
    expect(await response.json()).toEqual({ name: 'one', method: 'PUT', url: '/v1/watch?x=1', body: '{"ids":[]}' });
  });

  it('skips a replica that refuses the connection', async () => {
    const lb = await balancer([await deadUpstream(), await named('alive')]);
    const names = [];
    for (let request = 0; request < 3; request += 1) names.push(await nameBehind(lb.url));
    expect(names).toEqual(['alive', 'alive', 'alive']);
  });

  it("answers 502 in the server's error shape when no replica is there", async () => {
    const lb = await balancer([await deadUpstream(), await deadUpstream()]);
    const response = await fetch(`${lb.url}/healthz`);
    expect(response.status).toBe(502);
    expect(await response.json()).toEqual({ error: { code: 'NoReplica', message: 'No server replica is answering.' } });
  });

  it('streams an event through before the replica ends the response', async () => {
    let endStream = () => {};
    const lb = await balancer([
      await upstream((_req, res) => {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write('event: synced\ndata: {"ids":[]}\n\n');
        endStream = () => res.end();
      }),
    ]);
    const response = await fetch(`${lb.url}/v1/stream`);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const reader = response.body!.getReader();
    // Bounded: a load balancer that buffered the answer would deliver nothing until the end, which never comes.
    const first = await Promise.race([reader.read(), new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 2_000))]);
    expect(first).not.toBe('timeout');
    expect(new TextDecoder().decode((first as ReadableStreamReadResult<Uint8Array>).value)).toBe('event: synced\ndata: {"ids":[]}\n\n');
    endStream();
    expect((await reader.read()).done).toBe(true);
  });
});
