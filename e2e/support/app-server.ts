import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { CLIENT_ID, nodeUrl, RELAY_CLIENT_ID, RELAY_CLIENT_SECRET, TENANT_ID } from '../../sim/constants.ts';
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

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(1_000) })).ok;
  } catch {
    return false;
  }
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = once(child, 'exit');
  process.kill(child.pid, 'SIGKILL');
  await exited;
}

/** Spawns a process (node itself, not npx: a wrapper would outlive a kill by PID) and waits until `ready`. */
async function launch(name: string, args: string[], env: Record<string, string>, ready: () => Promise<boolean>): Promise<ChildProcess> {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const deadline = Date.now() + 30_000;
  while (!(await ready())) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await kill(child);
      throw new Error(`The ${name} did not start: ${errors || 'no output'}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100)); // polling a port that is not open yet
  }
  return child;
}

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
  };
}

/**
 * Starts this worker's simulator (its own process, on the worker's ports) and the app's server in front of
 * it: every test goes browser → the app's origin → the simulator, as production goes browser → the app's
 * server → Defender.
 */
export async function startAppServer(ports: WorkerPorts): Promise<AppServer> {
  // A simulator left behind on these ports would be joined rather than replaced: refuse to share one.
  if (await answers(`${nodeUrl(ports.api)}/_sim/health`)) {
    throw new Error(`A simulator already answers on port ${ports.api}: stop the run that left it, or move this one with E2E_PORT_BASE.`);
  }
  const url = `http://localhost:${ports.app}`;
  const simulator = await launch(
    'simulator',
    ['--import', 'tsx', 'sim/main.ts'],
    { SIM_IDENTITY_PORT: String(ports.identity), SIM_API_PORT: String(ports.api), SIM_APP_ORIGINS: url },
    () => answers(`${nodeUrl(ports.api)}/_sim/health`),
  );
  const startServer = (extraEnv: Record<string, string>) =>
    launch('app server', [`${e2eServerOutDir}/main.js`], { ...serverEnv(ports), ...extraEnv }, () => answers(`${nodeUrl(ports.app)}/readyz`));
  let server: ChildProcess;
  try {
    server = await startServer({});
  } catch (error) {
    await kill(simulator);
    throw error;
  }
  return {
    url,
    async restart(extraEnv) {
      await kill(server);
      server = await startServer(extraEnv);
    },
    async terminate() {
      if (server.exitCode !== null || server.pid === undefined) return server.exitCode;
      const exited = once(server, 'exit') as Promise<[number | null]>;
      process.kill(server.pid, 'SIGTERM');
      return (await exited)[0];
    },
    async stop() {
      await kill(server);
      await kill(simulator);
    },
  };
}
