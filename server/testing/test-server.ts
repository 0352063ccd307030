import type { AddressInfo } from 'node:net';
import { settingsFromEnv } from '../config/server-settings';
import { buildServer, type AppServer, type ServerOverrides } from '../http/build-server';

/** A server listening on a free loopback port, as the tests hold one. */
export interface RunningServer {
  /** http://127.0.0.1:PORT */
  origin: string;
  /** The relay's base URL on that origin (origin + /relay). */
  url: string;
  replicaId: string;
  isLeading(): boolean;
  server: AppServer;
  close(options?: { release?: boolean }): Promise<void>;
}

export async function startTestServer(env: Record<string, string>, overrides: ServerOverrides = {}): Promise<RunningServer> {
  const settings = settingsFromEnv(env);
  const server = await buildServer(settings, overrides);
  await server.app.listen({ host: settings.host, port: settings.port });
  const { port } = server.app.server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: `${origin}/relay`,
    replicaId: server.relay?.replicaId ?? '',
    isLeading: () => server.relay?.isLeading() ?? false,
    server,
    close: (options) => server.close(options),
  };
}
