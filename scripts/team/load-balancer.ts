// A tiny round-robin load balancer for the team set-up on one machine: what a cloud load balancer does in
// front of the server's replicas in production, and no more. Responses are piped through as they come, so a
// server-sent event stream reaches the browser event by event.
import { createServer, request, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoadBalancerOptions {
  /** The replicas, `http://host:port` each. */
  upstreams: readonly string[];
  /** 0 picks a free port. */
  port: number;
  /** Default 127.0.0.1. */
  host?: string;
}

export interface RunningLoadBalancer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Request bodies are read whole so that a refused replica can be skipped; the server takes at most 16 KiB. */
const maxBodyBytes = 1024 * 1024;

/** Headers of one hop only: Node sets its own (chunking, keep-alive) on each side. */
const hopByHop = new Set(['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

/** Errors that mean the replica is not there (stopped, restarting): the next one is tried instead. */
const notThere = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH']);

function endToEnd(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !hopByHop.has(name)));
}

/** The server's error shape, so the app shows the load balancer's refusals as it shows the server's. */
function refuse(res: ServerResponse, status: number, code: string, message: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code, message } }));
}

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBodyBytes) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Sends the request to one replica; resolves false when the replica is not there, before any answer. */
function forward(upstream: URL, req: IncomingMessage, body: Buffer, res: ServerResponse): Promise<boolean> {
  return new Promise((resolve) => {
    // The body is whole now: its length is known, whether the browser sent it chunked or not.
    const length = body.length > 0 || req.headers['content-length'] !== undefined ? { 'content-length': String(body.length) } : {};
    const headers = { ...endToEnd(req.headers), ...length, 'x-forwarded-for': req.socket.remoteAddress ?? '', 'x-forwarded-proto': 'http' };
    const outgoing = request({ hostname: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, endToEnd(answer.headers));
      // Headers first, at once: an event stream's status must not wait for its first event.
      res.flushHeaders();
      answer.pipe(res);
      answer.once('error', () => res.destroy());
      resolve(true);
    });
    outgoing.once('error', (error: NodeJS.ErrnoException) => {
      if (!res.headersSent && notThere.has(error.code ?? '')) resolve(false);
      else {
        refuse(res, 502, 'ReplicaFailed', 'The server replica failed while answering.');
        resolve(true);
      }
    });
    // A browser that leaves (a closed stream) releases the replica's side too.
    res.once('close', () => outgoing.destroy());
    outgoing.end(body);
  });
}

export function loadBalancer(upstreams: readonly string[]): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const targets = upstreams.map((upstream) => new URL(upstream));
  let next = 0;
  return async (req, res) => {
    const body = await readBody(req);
    if (body === undefined) {
      refuse(res, 413, 'BodyTooLarge', 'The request body is too large.');
      return;
    }
    const first = next;
    next = (next + 1) % targets.length;
    for (let tried = 0; tried < targets.length; tried += 1) {
      if (await forward(targets[(first + tried) % targets.length], req, body, res)) return;
    }
    refuse(res, 502, 'NoReplica', 'No server replica is answering.');
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

export async function startLoadBalancer(options: LoadBalancerOptions): Promise<RunningLoadBalancer> {
  if (options.upstreams.length === 0) throw new Error('The load balancer needs at least one upstream.');
  const handle = loadBalancer(options.upstreams);
  const server = createServer((req, res) => void handle(req, res).catch(() => refuse(res, 502, 'RelayFailed', 'The load balancer could not forward the request.')));
  const host = options.host ?? '127.0.0.1';
  await listen(server, options.port, host);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        // Open event streams would keep close() waiting for ever.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
