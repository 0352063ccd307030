import type { Connect, Plugin, ProxyOptions } from 'vite';
import { browserUrl, DEFAULT_API_PORT, DEFAULT_IDENTITY_PORT, nodeUrl, SAME_ORIGIN_API_PATH } from './constants.ts';
import { isPortFree, PortTakenError } from './http/port-in-use.ts';
import type { RunningSimulator } from './server.ts';

/**
 * Shared across Vite restarts: Vite re-imports its config on restart and starts the new server before
 * closing the old one, so the simulator is reference-counted instead of tied to one server.
 */
interface SharedSimulator {
  users: number;
  running: Promise<RunningSimulator>;
}

const SHARED_KEY: unique symbol = Symbol.for('machine-action-watch.defender-simulator');
const registry = globalThis as typeof globalThis & { [SHARED_KEY]?: SharedSimulator };

interface Logger {
  info(message: string): void;
}

async function answersHealth(apiPort: number): Promise<boolean> {
  try {
    const response = await fetch(`${nodeUrl(apiPort)}/_sim/health`, { signal: AbortSignal.timeout(1_000) });
    const body: unknown = await response.json();
    return typeof body === 'object' && body !== null && 'ok' in body && body.ok === true;
  } catch {
    return false;
  }
}

function portFromEnv(variable: string | undefined, fallback: number): number {
  const configured = Number(variable);
  return Number.isInteger(configured) && configured > 0 ? configured : fallback;
}

function apiPortFromEnv(): number {
  return portFromEnv(process.env.SIM_API_PORT, DEFAULT_API_PORT);
}

/**
 * Where the browser signs in to the simulator: the one this process runs, or the one on the configured
 * ports. Its Defender API needs no address: the app reaches it through this server (SAME_ORIGIN_API_PATH).
 */
export interface SimulatorAddress {
  identityUrl: string;
}

function addressFromEnv(): SimulatorAddress {
  return { identityUrl: browserUrl(portFromEnv(process.env.SIM_IDENTITY_PORT, DEFAULT_IDENTITY_PORT)) };
}

function startShared(appOrigins: string[]): SharedSimulator {
  // Loaded only when a server starts: `vite build` has no use for the identity provider.
  const running = import('./server.ts').then(({ startSimulator }) => startSimulator({ appOrigins, quiet: true })).catch((error: unknown) => {
    delete registry[SHARED_KEY];
    throw error;
  });
  return { users: 0, running };
}

interface Acquired {
  address: SimulatorAddress;
  /** Undefined when another process runs the simulator. */
  release?: () => Promise<void>;
}

/** Starts (or joins) the simulator; says where it is and how to let go of it. */
async function acquire(logger: Logger, appOrigins: string[]): Promise<Acquired> {
  const shared = registry[SHARED_KEY];
  if (shared === undefined && (await answersHealth(apiPortFromEnv()))) {
    logger.info('[defender-simulator] reusing the simulator already running on this machine');
    return { address: addressFromEnv() };
  }
  const current = shared ?? startShared(appOrigins);
  registry[SHARED_KEY] = current;
  current.users += 1;
  const simulator = await current.running;
  if (current.users === 1) {
    logger.info(`[defender-simulator] identity ${simulator.identityUrl}, Defender API ${simulator.apiUrl}`);
  }
  let released = false;
  const release = async () => {
    if (released) return;
    released = true;
    current.users -= 1;
    if (current.users > 0) return;
    if (registry[SHARED_KEY] === current) delete registry[SHARED_KEY];
    await simulator.close();
  };
  return { address: { identityUrl: simulator.identityUrl }, release };
}

interface ServerWithHttp {
  readonly httpServer: { once(event: 'close', listener: () => void): unknown } | null;
  readonly config: { readonly logger: Logger };
  readonly middlewares: Connect.Server;
}

/** The sign-in redirect must be registered for the port Vite actually uses when it is not the default. */
function originsFor(port: number | undefined): string[] {
  return port === undefined ? [] : [`http://localhost:${port}`, `http://127.0.0.1:${port}`];
}

/**
 * `GET /simulator.json` says where this server's simulator signs in, so that one build runs against a
 * simulator on any ports (each end-to-end worker has its own): the app asks only when no tenant is set.
 */
function serveAddress(server: ServerWithHttp, address: Promise<SimulatorAddress>): void {
  server.middlewares.use('/simulator.json', (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    address.then(
      (where) => {
        res.setHeader('Content-Type', 'application/json');
        res.setHeader('Cache-Control', 'no-store');
        res.end(JSON.stringify(where));
      },
      (error: unknown) => next(error),
    );
  });
}

/** Where Vite will listen, as its own options say it (a port it may move from is nobody's problem). */
interface Listening {
  port?: number;
  host?: string | boolean;
  strictPort?: boolean;
  /** How the developer started this server, for the advice. */
  command: string;
}

function listeningOn({ port, host, strictPort }: Omit<Listening, 'command'>, command: string): Listening {
  return { port, host, strictPort, command };
}

/**
 * Ports this process's Vite servers took, kept across Vite restarts like the simulator: a restart builds the
 * new server while the old one still holds the port, which is then this process's own, not taken.
 */
const PORTS_KEY: unique symbol = Symbol.for('machine-action-watch.vite-ports');
const portRegistry = globalThis as typeof globalThis & { [PORTS_KEY]?: Set<number> };

/**
 * Refuses to start, in one line, when Vite's fixed port is taken: before this, the simulator was started
 * (or "reused") first and Vite then failed on the port with a stack trace.
 */
async function refuseTakenPort({ port, host, strictPort, command }: Listening): Promise<void> {
  if (!strictPort || port === undefined) return;
  const ours = (portRegistry[PORTS_KEY] ??= new Set());
  if (ours.has(port)) return;
  // The host as Vite binds it: unset means localhost, `true` every interface.
  const bindHost = host === undefined || host === false ? 'localhost' : host === true ? undefined : host;
  if (await isPortFree(port, bindHost)) {
    ours.add(port);
    return;
  }
  const simulatorRunning = process.env.SIMULATOR !== 'off' && (await answersHealth(apiPortFromEnv()));
  throw new PortTakenError({ port, command, simulatorRunning });
}

async function attach(server: ServerWithHttp, listening: Listening): Promise<void> {
  await refuseTakenPort(listening);
  if (process.env.SIMULATOR === 'off') return;
  const { port } = listening;
  const acquired = acquire(server.config.logger, originsFor(port));
  serveAddress(server, acquired.then(({ address }) => address));
  const { release } = await acquired;
  if (release === undefined) return;
  server.httpServer?.once('close', () => void release());
}

/**
 * The app's own origin answers the Defender API at SAME_ORIGIN_API_PATH, passed to the simulator, as the
 * app's server passes it to Defender: the browser never calls the API cross-origin. The analyst's token
 * goes through; their cookies (the app's own, MSAL's cache key among them) do not.
 */
function sameOriginApi(): Record<string, ProxyOptions> {
  return {
    [SAME_ORIGIN_API_PATH]: {
      target: nodeUrl(apiPortFromEnv()),
      rewrite: (path) => path.slice(SAME_ORIGIN_API_PATH.length),
      configure: (proxy) => {
        proxy.on('proxyReq', (request) => request.removeHeader('cookie'));
      },
    },
  };
}

/**
 * Runs the local identity provider and Defender API next to `vite` and `vite preview`, and answers the API
 * on the app's own origin. `SIMULATOR=off` disables it; a simulator already answering on the API port is reused.
 */
export function defenderSimulator(): Plugin {
  return {
    name: 'defender-simulator',
    config: () => (process.env.SIMULATOR === 'off' ? {} : { server: { proxy: sameOriginApi() }, preview: { proxy: sameOriginApi() } }),
    configureServer: (server) => attach(server, listeningOn(server.config.server, 'npm start')),
    configurePreviewServer: (server) => attach(server, listeningOn(server.config.preview, 'npm run preview')),
  };
}
