import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoopbackServer {
  readonly port: number;
  close(): Promise<void>;
}

const IPV4_LOOPBACK = '127.0.0.1';
const IPV6_LOOPBACK = '::1';

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen({ host, port, exclusive: true }, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    // Hung fault-injected requests and keep-alive sockets would otherwise hold close() open forever.
    server.closeAllConnections();
  });
}

function errorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

const NO_IPV6 = new Set(['EADDRNOTAVAIL', 'EAFNOSUPPORT', 'EPROTONOSUPPORT']);

/**
 * Listens on 127.0.0.1 and ::1 with the same port (browsers resolve `localhost` to either), never on
 * other interfaces. Port 0 picks a free port that is free on both.
 */
export async function listenOnLoopback(handler: RequestListener, port: number): Promise<LoopbackServer> {
  for (let attempt = 0; ; attempt += 1) {
    const ipv4 = createServer(handler);
    await listen(ipv4, IPV4_LOOPBACK, port);
    const actualPort = (ipv4.address() as AddressInfo).port;
    const ipv6 = createServer(handler);
    try {
      await listen(ipv6, IPV6_LOOPBACK, actualPort);
      return loopbackServer(actualPort, [ipv4, ipv6]);
    } catch (error) {
      const code = errorCode(error);
      if (code !== undefined && NO_IPV6.has(code)) return loopbackServer(actualPort, [ipv4]);
      await closeServer(ipv4);
      if (port !== 0 || code !== 'EADDRINUSE' || attempt >= 5) throw error;
    }
  }
}

function loopbackServer(port: number, servers: Server[]): LoopbackServer {
  return {
    port,
    close: async () => {
      await Promise.all(servers.map(closeServer));
    },
  };
}
