/** Fixed values the app and the simulator share; the app's local configuration depends on them verbatim. */

export const DEFAULT_IDENTITY_PORT = 4010;
export const DEFAULT_API_PORT = 4020;

export const CLIENT_ID = '3f6b2d8e-5a41-4c7e-9d0b-7e2a1c9f4b10';
export const TENANT_ID = '6d2f1a3b-8c4e-4f5a-9b7d-2e1c0a9f8b37';

/**
 * The simulator's tenants, as an MSSP sees them: its home tenant (Contoso, where every demo account is a
 * member and which has Defender too) and its customers, which Dana reaches as a B2B guest. Each customer's
 * Defender is its own: its own actions, quota and answers. Tenant IDs are fixed so tests and the README can
 * name them.
 */
export const SIM_TENANTS = {
  /** The home tenant: every demo account is a member; the seeded actions are here. */
  home: { id: TENANT_ID, name: 'Contoso' },
  /** Dana is a guest with a Defender role: she reads its actions. */
  fabrikam: { id: '8a1c4f2e-3b5d-4e6f-9a7b-1c2d3e4f5a61', name: 'Fabrikam' },
  /** Dana is a guest with a Defender role: she reads its actions. */
  northwind: { id: '5b2e7d9c-1f3a-4c8e-8d6b-2a4c6e8f0b72', name: 'Northwind Traders' },
  /** Dana is a guest without a Defender role: Defender answers her 403. */
  tailspin: { id: '9c3f1a5e-7b2d-4f9a-8e1c-3b5d7f9a1c83', name: 'Tailspin Toys' },
  /** Dana is not in this tenant at all: the sign-in refuses her (AADSTS50020). */
  adatum: { id: '2d4a6c8e-9f1b-4a3c-9d5e-4c6e8a0b2d94', name: 'Adatum' },
} as const;
export type SimTenantKey = keyof typeof SIM_TENANTS;
/** The MSSP's customers: every tenant but the home one. */
export type CustomerTenantKey = Exclude<SimTenantKey, 'home'>;
export type SimTenant = (typeof SIM_TENANTS)[SimTenantKey];
export const CUSTOMER_TENANT_KEYS: readonly CustomerTenantKey[] = Object.keys(SIM_TENANTS).filter(
  (key): key is CustomerTenantKey => key !== 'home',
);

/** The simulated tenant with this id (any case), or undefined for a tenant the simulator does not have. */
export function simTenantById(tenantId: string): SimTenant | undefined {
  const id = tenantId.toLowerCase();
  return Object.values(SIM_TENANTS).find((tenant) => tenant.id === id);
}

/**
 * A tenant's issuer, in Entra's v2 form (`https://login.microsoftonline.com/<tenant>/v2.0`): tokens issued
 * under `/<tenant>/` carry it. `identityOrigin` is the provider's root issuer, http://localhost:PORT.
 */
export function tenantIssuer(identityOrigin: string, tenantId: string): string {
  return `${identityOrigin}/${tenantId}/v2.0`;
}

/** The Defender API's resource; access tokens carry it as `aud`. */
export const DEFENDER_RESOURCE = 'https://api.securitycenter.microsoft.com';

export const DEFENDER_SCOPES = ['Machine.Read', 'Machine.ReadWrite', 'Machine.Isolate'] as const;
export type DefenderScope = (typeof DEFENDER_SCOPES)[number];

/** Defender's application permissions: an app token carries them in `roles`, never in `scp`. */
export const DEFENDER_APP_ROLES = ['Machine.Read.All', 'Machine.ReadWrite.All', 'Machine.Isolate'] as const;
export type DefenderAppRole = (typeof DEFENDER_APP_ROLES)[number];

/**
 * The relay's own app registration: a confidential client that signs in as itself (client credentials)
 * and may only read machines. The secret is for the local simulator only: it is in this public file,
 * so it must never be configured on a real tenant.
 */
export const RELAY_CLIENT_ID = '7c1e4b9a-3d62-4f08-a5b7-9e2d0c8f1a44';
export const RELAY_CLIENT_SECRET = 'relay-local-simulator-secret-not-for-real-tenants';
/** The object id of the relay's service principal in the tenant: the `oid` and `sub` of its app tokens. */
export const RELAY_SERVICE_PRINCIPAL_ID = 'e5a8d2c1-6b3f-4e97-8d10-4f7a2b9c6e55';

/**
 * Defender's device groups, which scope what a user may see (RBAC). Defender answers an object outside
 * the caller's groups as if it did not exist.
 */
export const DEVICE_GROUPS = {
  servers: 'Servers',
  workstations: 'Workstations',
  branchOffice: 'Branch Office',
} as const;

/** Origins the Vite dev server (5173) and preview server (4173) use; browsers may use either host name. */
export const DEFAULT_APP_ORIGINS: readonly string[] = [
  'http://localhost:5173',
  'http://127.0.0.1:5173',
  'http://localhost:4173',
  'http://127.0.0.1:4173',
];

/**
 * Where the app's own origin answers the Defender API (the real API refuses browsers' cross-origin calls):
 * `npm start` and `npm run preview` pass it to the simulator, as the app's server passes it to Defender.
 */
export const SAME_ORIGIN_API_PATH = '/defender-api';

export const ACCESS_TOKEN_TTL_SECONDS = 3600;
/** Entra gives SPA refresh tokens a fixed 24 h lifetime that renewal does not extend. */
export const REFRESH_TOKEN_TTL_SECONDS = 24 * 3600;

export const ODATA_ENTITY_CONTEXT = `${DEFENDER_RESOURCE}/api/$metadata#MachineActions/$entity`;
export const ODATA_COLLECTION_CONTEXT = `${DEFENDER_RESOURCE}/api/$metadata#MachineActions`;

/** The URL a browser uses; the issuer must match it exactly. */
export function browserUrl(port: number): string {
  return `http://localhost:${port}`;
}

/** The URL Node uses: `localhost` may resolve to ::1 first, and 127.0.0.1 is always there. */
export function nodeUrl(port: number): string {
  return `http://127.0.0.1:${port}`;
}
