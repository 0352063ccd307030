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
  /** The two replicas of the app's server (each the app, the Defender path and the relay), behind the load balancer. */
  replicas: [number, number];
  /** The load balancer: the app's origin as the browser knows it. */
  app: number;
}

function port(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65_535) throw new Error(`${name} must be a port number (got "${raw}")`);
  return value;
}

/** The simulator's own variables, so the app, the servers and the simulator agree; the replicas sit next to the load balancer. */
export function teamPorts(env: NodeJS.ProcessEnv): TeamPorts {
  const replicas = port(env, 'TEAM_REPLICA_PORT', 4031);
  return {
    identity: port(env, 'SIM_IDENTITY_PORT', DEFAULT_IDENTITY_PORT),
    api: port(env, 'SIM_API_PORT', DEFAULT_API_PORT),
    replicas: [replicas, replicas + 1],
    app: port(env, 'TEAM_APP_PORT', 5173),
  };
}

export const appOrigin = (ports: TeamPorts): string => browserUrl(ports.app);

export function simulatorEnv(ports: TeamPorts): Record<string, string> {
  // The sign-in redirect is registered per origin: the app's, should it not be on 5173.
  return { SIM_IDENTITY_PORT: String(ports.identity), SIM_API_PORT: String(ports.api), SIM_APP_ORIGINS: appOrigin(ports) };
}

/**
 * One replica of the app's server against the simulator, as an operator would configure it (server/README.md):
 * the built app, the Defender path to the simulator, and the relay on Redis; timings are the relay's defaults.
 */
export function replicaEnv(ports: TeamPorts, redisUrl: string, replicaPort: number): Record<string, string> {
  return {
    HOST: '127.0.0.1',
    PORT: String(replicaPort),
    APP_DIR: 'dist',
    // The load balancer in front sets X-Forwarded-For: one proxy to believe.
    TRUST_PROXY: '1',
    // It checks no /readyz: a short drain is enough for a Ctrl-C.
    DRAIN_MS: '500',
    SIMULATOR_IDENTITY_URL: browserUrl(ports.identity),
    DEFENDER_API_URL: nodeUrl(ports.api),
    TOKEN_RESOURCE: DEFENDER_RESOURCE,
    TENANT_ID,
    CLIENT_ID,
    REDIS_URL: redisUrl,
    // The simulator's relay registration; its secret is public and good for the simulator only.
    RELAY_CLIENT_ID,
    RELAY_CLIENT_SECRET,
  };
}
