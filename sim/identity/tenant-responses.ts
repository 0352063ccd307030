import type { Context, Next } from 'koa';
import { tenantIssuer } from '../constants.ts';
import { tenantOf, type TenantRequest } from './tenant-request.ts';

type Discovery = Record<string, unknown>;

const DISCOVERY_PATH = '/.well-known/openid-configuration';

function isDocument(body: unknown): body is Discovery {
  return typeof body === 'object' && body !== null && !Array.isArray(body);
}

/**
 * A tenant's discovery: its endpoints are under `/<tenant>/` already (oidc-provider builds them under the
 * request's mount path); the issuer is the tenant's, and the keys are the provider's one set, as Entra
 * signs every tenant's tokens with the same keys.
 */
export function tenantDiscovery(document: Discovery, request: TenantRequest): Discovery {
  return { ...document, issuer: request.issuer, jwks_uri: `${request.rootIssuer}/jwks` };
}

/**
 * `/common/`'s discovery, as a template: `{tenant}` in every endpoint and `{tenantid}` in the issuer, the
 * placeholders MSAL fills in from each request's authority (msal-common's Authority.replaceTenant). With
 * this document as `authorityMetadata`, one MSAL instance reaches every tenant.
 */
export function discoveryTemplate(tenantDocument: Discovery, request: TenantRequest): Discovery {
  const tenantPath = `${request.rootIssuer}${request.pathPrefix}/`;
  const template = Object.fromEntries(
    Object.entries(tenantDocument).map(([key, value]) => [
      key,
      typeof value === 'string' && value.startsWith(tenantPath) ? `${request.rootIssuer}/{tenant}/${value.slice(tenantPath.length)}` : value,
    ]),
  );
  return { ...template, issuer: tenantIssuer(request.rootIssuer, '{tenantid}') };
}

/**
 * An authorization response under a tenant's path names the tenant's issuer in its `iss` parameter (RFC
 * 9207), as its discovery does; oidc-provider writes its root issuer there.
 */
export function withTenantIssuer(location: string, request: TenantRequest): string {
  const url = new URL(location);
  const fragment = new URLSearchParams(url.hash.slice(1));
  for (const params of [url.searchParams, fragment]) {
    if (params.get('iss') === request.rootIssuer) params.set('iss', request.issuer);
  }
  if (url.hash !== '') url.hash = fragment.toString();
  return url.href;
}

/**
 * What the provider answers under a tenant's path, said for the tenant: its discovery document, and the
 * issuer its authorization responses name. The root's answers stay as they are.
 */
export async function tenantResponses(ctx: Context, next: Next): Promise<void> {
  await next();
  const request = tenantOf(ctx.req);
  if (request.pathPrefix === '') return;
  if (ctx.method === 'GET' && ctx.path === DISCOVERY_PATH && ctx.status === 200 && isDocument(ctx.body)) {
    const document = tenantDiscovery(ctx.body, request);
    ctx.body = request.template ? discoveryTemplate(document, request) : document;
  }
  const location = ctx.response.get('Location');
  if (location !== '' && URL.canParse(location)) ctx.set('Location', withTenantIssuer(location, request));
}
