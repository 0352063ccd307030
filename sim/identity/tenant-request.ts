import type { IncomingMessage } from 'node:http';
import { simTenantById, SIM_TENANTS, tenantIssuer, type SimTenant } from '../constants.ts';

/**
 * The tenant a request to the provider is served for, as Entra names it in the path:
 * `login.microsoftonline.com/<tenant>/...`. The root (no tenant in the path) is the home tenant under the
 * provider's own issuer, as the app has always signed in.
 */
export interface TenantRequest {
  readonly tenant: SimTenant;
  /** '' at the root; `/<tenant id>` under a tenant's path: the provider's own URLs for the request go there. */
  readonly pathPrefix: string;
  /** The `iss` of the access tokens this request issues. */
  readonly issuer: string;
  /** The provider's root issuer, http://localhost:PORT: ID tokens keep it (see sim/README.md). */
  readonly rootIssuer: string;
  /** `/common/`'s discovery: the home tenant's document with `{tenant}` in place of the tenant. */
  readonly template: boolean;
}

/** Where a request goes once its tenant is read off its path: its URL as the provider's routes know it. */
export interface TenantRoute {
  readonly tenant: TenantRequest;
  readonly url: string;
}

const DISCOVERY = '/.well-known/openid-configuration';
const TENANT_PATH = /^\/([^/?]+)(\/[^?]*)?(\?.*)?$/;

function under(tenant: SimTenant, rootIssuer: string, template = false): TenantRequest {
  return { tenant, pathPrefix: `/${tenant.id}`, issuer: tenantIssuer(rootIssuer, tenant.id), rootIssuer, template };
}

/**
 * Reads the tenant off a request's path and strips it: `/<tenant>/token` is the provider's `/token` for
 * that tenant, and `/<tenant>/v2.0/.well-known/openid-configuration` its discovery. `/common/v2.0/...`
 * answers discovery only. Anything else is the root's, unchanged.
 */
export function routeByTenant(url: string, rootIssuer: string): TenantRoute {
  const root: TenantRoute = { tenant: { tenant: SIM_TENANTS.home, pathPrefix: '', issuer: rootIssuer, rootIssuer, template: false }, url };
  const [, first = '', rest = '/', query = ''] = TENANT_PATH.exec(url) ?? [];
  const path = rest === `/v2.0${DISCOVERY}` ? DISCOVERY : rest;
  if (first.toLowerCase() === 'common') {
    return path === DISCOVERY ? { tenant: under(SIM_TENANTS.home, rootIssuer, true), url: `${DISCOVERY}${query}` } : root;
  }
  const tenant = simTenantById(first);
  return tenant === undefined ? root : { tenant: under(tenant, rootIssuer), url: `${path}${query}` };
}

const marks = new WeakMap<IncomingMessage, TenantRequest>();

/**
 * Serves the request for its tenant: the path loses its prefix, and `baseUrl` (Express's mount path, which
 * oidc-provider reads) keeps it: the provider then builds every URL of the request under the prefix, the
 * interaction's resume URL included, so the tenant is carried through the sign-in.
 */
export function serveForTenant(req: IncomingMessage & { baseUrl?: string }, route: TenantRoute): void {
  marks.set(req, route.tenant);
  req.baseUrl = route.tenant.pathPrefix;
  req.url = route.url;
}

/** The tenant the request is served for; every request is marked by the identity's request handler. */
export function tenantOf(req: IncomingMessage): TenantRequest {
  const tenant = marks.get(req);
  if (tenant === undefined) throw new Error('A request reached the provider without its tenant (identity/request-handler.ts marks each).');
  return tenant;
}
