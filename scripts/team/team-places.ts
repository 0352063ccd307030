// Where each service of the team set-up listens, and the environment each is started with.
import {
  browserUrl,
  CLIENT_ID,
  DEFAULT_API_PORT,
  DEFAULT_IDENTITY_PORT,
  DEFENDER_RESOURCE,
  nodeUrl,
  RELAY_CLIENT_ID,
  RELAY_CLIENT_SECRET,
  TENANT_ID,
} from '../../sim/constants';

export interface TeamPorts {
  identity: number;
  api: number;
  /** The load balancer: the relay's address as the app knows it. */
  relay: number;
  /** The two replicas behind it. */
  replicas: [number, number];
  app: number;
}

function port(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65_535) throw new Error(`${name} must be a port number (got "${raw}")`);
  return value;
}

/** The simulator's own variables, so the app, the relays and the simulator agree; the replicas sit next to the load balancer. */
export function teamPorts(env: NodeJS.ProcessEnv): TeamPorts {
  const relay = port(env, 'TEAM_RELAY_PORT', 4030);
  return {
    identity: port(env, 'SIM_IDENTITY_PORT', DEFAULT_IDENTITY_PORT),
    api: port(env, 'SIM_API_PORT', DEFAULT_API_PORT),
    relay,
    replicas: [relay + 1, relay + 2],
    app: port(env, 'TEAM_APP_PORT', 5173),
  };
}

export const appOrigin = (ports: TeamPorts): string => browserUrl(ports.app);

export function simulatorEnv(ports: TeamPorts): Record<string, string> {
  // The sign-in redirect is registered per origin: the app's, should it not be on 5173.
  return { SIM_IDENTITY_PORT: String(ports.identity), SIM_API_PORT: String(ports.api), SIM_APP_ORIGINS: appOrigin(ports) };
}

/** One replica against the simulator, as an operator would configure it; timings are the relay's defaults. */
export function replicaEnv(ports: TeamPorts, redisUrl: string, replicaPort: number): Record<string, string> {
  return {
    RELAY_HOST: '127.0.0.1',
    RELAY_PORT: String(replicaPort),
    RELAY_REDIS_URL: redisUrl,
    // CORS: the app's origin exactly as the browser sends it.
    RELAY_APP_ORIGIN: appOrigin(ports),
    RELAY_TENANT_ID: TENANT_ID,
    // Discovery through 127.0.0.1; the issuer it names (http://localhost:PORT) is the one the app's tokens carry.
    RELAY_AUTHORITY: nodeUrl(ports.identity),
    RELAY_APP_CLIENT_ID: CLIENT_ID,
    RELAY_DEFENDER_API: nodeUrl(ports.api),
    RELAY_DEFENDER_RESOURCE: DEFENDER_RESOURCE,
    // The simulator's relay registration; its secret is public and good for the simulator only.
    RELAY_CLIENT_ID,
    RELAY_CLIENT_SECRET,
  };
}

export function appEnv(ports: TeamPorts): Record<string, string> {
  return {
    VITE_RELAY_URL: browserUrl(ports.relay),
    VITE_SIMULATOR_IDENTITY_URL: browserUrl(ports.identity),
    VITE_SIMULATOR_API_URL: browserUrl(ports.api),
    // The simulator runs as a service of its own, started first: the relays need it before the app does.
    SIMULATOR: 'off',
  };
}
