import type { RequestListener } from 'node:http';
import {
  browserUrl,
  CUSTOMER_TENANT_KEYS,
  DEFAULT_API_PORT,
  DEFAULT_APP_ORIGINS,
  DEFAULT_IDENTITY_PORT,
  DEFENDER_RESOURCE,
  SIM_TENANTS,
  simTenantById,
  tenantIssuer,
} from './constants.ts';
import { createBearerVerifier } from './defender/bearer-auth.ts';
import { createDefenderRequestHandler } from './defender/request-handler.ts';
import type { SignInSwitchBoard } from './defender/sign-in-switches.ts';
import { createSimulation, type TenantSeed } from './defender/simulation.ts';
import { listenOnLoopback } from './http/loopback.ts';
import { accountById, defenderRoleIn } from './identity/accounts.ts';
import { createSigningKeys } from './identity/keys.ts';
import { createMfaDemands, type MfaDemands } from './identity/mfa-demands.ts';
import { createRelayConsents, type RelayConsents } from './identity/app-registrations.ts';
import { createIdentityProvider } from './identity/provider.ts';
import { createIdentityRequestHandler } from './identity/request-handler.ts';
import { customerSeeds, defaultDevice, seedActions, seedDevices } from './seed.ts';

export interface SimulatorOptions {
  /** 0 picks a free port. Defaults to SIM_IDENTITY_PORT or 4010. */
  identityPort?: number;
  /** 0 picks a free port. Defaults to SIM_API_PORT or 4020. */
  apiPort?: number;
  /** Added to the default app origins and SIM_APP_ORIGINS. */
  appOrigins?: string[];
  quiet?: boolean;
}

export interface RunningSimulator {
  /** The issuer, as the browser must use it: http://localhost:PORT. */
  identityUrl: string;
  /** http://localhost:PORT; Node clients should prefer http://127.0.0.1:PORT. */
  apiUrl: string;
  close(): Promise<void>;
}

function portFrom(option: number | undefined, variable: string | undefined, fallback: number): number {
  const port = option ?? (variable === undefined || variable === '' ? fallback : Number(variable));
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`Invalid simulator port: ${String(port)}`);
  return port;
}

function appOriginsFrom(option: readonly string[] | undefined): string[] {
  const fromEnv = (process.env.SIM_APP_ORIGINS ?? '').split(',').map((origin) => origin.trim());
  const all = [...DEFAULT_APP_ORIGINS, ...fromEnv, ...(option ?? [])].filter((origin) => origin !== '');
  return [...new Set(all.map((origin) => new URL(origin).origin))];
}

/** Every tenant's Defender, each with its seed: the home tenant's demo actions, and each customer's own. */
function tenantSeeds(): { home: TenantSeed; customers: TenantSeed[] } {
  const home = SIM_TENANTS.home;
  return {
    home: { tenantId: home.id, tenantName: home.name, actions: seedActions, devices: seedDevices(), defaultDevice },
    customers: CUSTOMER_TENANT_KEYS.map((key) => ({ tenantId: SIM_TENANTS[key].id, tenantName: SIM_TENANTS[key].name, ...customerSeeds[key] })),
  };
}

/** The issuers each tenant's tokens may name: its own path's, and for the home tenant the root too (the app signs in there). */
function issuersOf(rootIssuer: string): (tenantId: string) => readonly string[] {
  return (tenantId) => {
    const tenant = simTenantById(tenantId);
    if (tenant === undefined) return [];
    const own = tenantIssuer(rootIssuer, tenant.id);
    return tenant.id === SIM_TENANTS.home.id ? [rootIssuer, own] : [own];
  };
}

/** The control API's sign-in switches, played by the identity provider's MFA demands. */
function signInSwitchesOf(mfa: MfaDemands, relayConsents: RelayConsents): SignInSwitchBoard {
  return {
    current: (tenantId) => ({ requireMfa: mfa.demands(tenantId), relayConsented: relayConsents.consented(tenantId) }),
    set(tenantId, { requireMfa, relayConsented }) {
      if (relayConsented !== undefined) relayConsents.set(tenantId, relayConsented);
      if (requireMfa === true) mfa.demand(tenantId);
      if (requireMfa === false) mfa.waive(tenantId);
    },
    reset: () => {
      mfa.reset();
      relayConsents.reset();
    },
  };
}

/** Starts the identity provider and the Defender API on loopback only. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const quiet = options.quiet ?? false;
  const appOrigins = appOriginsFrom(options.appOrigins);
  const identityPort = portFrom(options.identityPort, process.env.SIM_IDENTITY_PORT, DEFAULT_IDENTITY_PORT);
  const apiPort = portFrom(options.apiPort, process.env.SIM_API_PORT, DEFAULT_API_PORT);
  const keys = await createSigningKeys();
  const mfa = createMfaDemands();
  const relayConsents = createRelayConsents();

  // The issuer embeds the port, so with port 0 the provider can only be built once the socket is bound.
  const identity: { handler?: RequestListener } = {};
  const identityServer = await listenOnLoopback((req, res) => {
    if (identity.handler === undefined) {
      res.writeHead(503).end();
      return;
    }
    identity.handler(req, res);
  }, identityPort);
  const issuer = browserUrl(identityServer.port);
  const provider = createIdentityProvider({ issuer, appOrigins, signingKey: keys.privateJwk, mfa, relayConsents, quiet });
  identity.handler = createIdentityRequestHandler(provider, issuer, mfa);

  const handler = createDefenderRequestHandler({
    simulation: createSimulation({ ...tenantSeeds(), signIn: signInSwitchesOf(mfa, relayConsents) }),
    verifyBearer: createBearerVerifier({ jwks: keys.publicJwks, issuersOf: issuersOf(issuer), audience: DEFENDER_RESOURCE }),
    // The demo accounts say which tenants give them a Defender role, and its device groups; Defender looks it up by oid.
    userRoles: (tenantId, oid) => {
      const account = accountById(oid);
      return account === undefined ? undefined : defenderRoleIn(account, tenantId);
    },
    appOrigins,
    quiet,
  });
  const api = await listenOnLoopback(handler, apiPort).catch(async (error: unknown) => {
    await identityServer.close();
    throw error;
  });
  return {
    identityUrl: issuer,
    apiUrl: browserUrl(api.port),
    close: async () => {
      await Promise.all([identityServer.close(), api.close()]);
    },
  };
}
