import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { CLIENT_ID, nodeUrl, RELAY_CLIENT_ID, RELAY_CLIENT_SECRET, TENANT_ID } from '../../sim/constants.ts';
import { killProcess, startNodeProcess, startSimulatorProcess } from '../../sim/testing/simulator-process.ts';
import type { WorkerPorts } from './worker-ports.ts';

/** The app's own server (server/, built to JavaScript) in front of the production build, and a simulator behind it. */
export interface AppServer {
  /** The app's origin as the browser reaches it. */
  url: string;
  /** Starts the server again on the same port (the same origin: the signed-in states still serve) with more settings. */
  restart(extraEnv: Record<string, string>): Promise<void>;
  /** Sends the server SIGTERM, as a platform stopping it would; resolves once it has exited by itself. */
  terminate(): Promise<number | null>;
  stop(): Promise<void>;
}

/** The builds global-setup.ts makes once for every worker: the app, and the server that serves it. */
export const e2eOutDir = process.env.E2E_OUT_DIR ?? 'dist';
/** Inside server/, as `npm run build` puts it: the server's own dependencies resolve from there (server/node_modules). */
export const e2eServerOutDir = `server/${e2eOutDir.replace(/^.*[\\/]/, '')}`;

/**
 * The server's settings for this worker, as a deployer would write them for the simulator: the app signs in
 * at the simulator's identity provider, and /defender-api passes to its Defender API, which (like the real
 * one) answers no browser's cross-origin call. With a relay, the tenant, client and relay identity too.
 */
export function serverEnv(ports: WorkerPorts): Record<string, string> {
  return {
    HOST: '127.0.0.1',
    PORT: String(ports.app),
    APP_DIR: e2eOutDir,
    LOG_LEVEL: 'warn',
    SIMULATOR_IDENTITY_URL: `http://localhost:${ports.identity}`,
    DEFENDER_API_URL: nodeUrl(ports.api),
    TENANT_ID,
    CLIENT_ID,
    RELAY_CLIENT_ID,
    RELAY_CLIENT_SECRET,
    DRAIN_MS: '0',
    // The server counts each analyst's calls a minute in real time, and these tests move the page's clock
    // through minutes in seconds, with one account a worker: the browser's own budget keeps to the quota
    // (its tests are here), the server's limits are proved in server/defender-path.test.ts.
    API_REQUESTS_PER_MINUTE: '100000',
  };
}

/**
 * Starts this worker's simulator (its own process, on the worker's ports) and the app's server in front of
 * it: every test goes browser → the app's origin → the simulator, as production goes browser → the app's
 * server → Defender.
 */
export async function startAppServer(ports: WorkerPorts): Promise<AppServer> {
  const url = `http://localhost:${ports.app}`;
  const simulator = await startSimulatorProcess({ identity: ports.identity, api: ports.api }, [url]);
  const startServer = (extraEnv: Record<string, string>) =>
    startNodeProcess('app server', [`${e2eServerOutDir}/main.js`], { env: { ...serverEnv(ports), ...extraEnv }, readyUrl: `${nodeUrl(ports.app)}/readyz` });
  let server: ChildProcess;
  try {
    server = await startServer({});
  } catch (error) {
    await simulator.stop();
    throw error;
  }
  return {
    url,
    async restart(extraEnv) {
      await killProcess(server);
      server = await startServer(extraEnv);
    },
    async terminate() {
      if (server.exitCode !== null || server.pid === undefined) return server.exitCode;
      const exited = once(server, 'exit') as Promise<[number | null]>;
      process.kill(server.pid, 'SIGTERM');
      return (await exited)[0];
    },
    async stop() {
      await killProcess(server);
      await simulator.stop();
    },
  };
}
