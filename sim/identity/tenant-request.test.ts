import { describe, expect, it } from 'vitest';
import { SIM_TENANTS } from '../constants.ts';
import { routeByTenant } from './tenant-request.ts';

const ROOT = 'http://localhost:4010';
const { home, fabrikam } = SIM_TENANTS;

describe("a request's tenant, read off its path", () => {
  it.each(['/auth?client_id=x', '/token', '/.well-known/openid-configuration', '/interaction/abc', '/jwks'])(
    'is the home tenant under the root issuer at the root: %s, unchanged',
    (url) => {
      expect(routeByTenant(url, ROOT)).toEqual({ url, tenant: { tenant: home, pathPrefix: '', issuer: ROOT, rootIssuer: ROOT, template: false } });
    },
  );

  it("is the path's tenant, the prefix stripped and the query kept, under the tenant's issuer", () => {
    expect(routeByTenant(`/${fabrikam.id}/auth?prompt=none`, ROOT)).toEqual({
      url: '/auth?prompt=none',
      tenant: { tenant: fabrikam, pathPrefix: `/${fabrikam.id}`, issuer: `${ROOT}/${fabrikam.id}/v2.0`, rootIssuer: ROOT, template: false },
    });
    expect(routeByTenant(`/${fabrikam.id.toUpperCase()}/token`, ROOT).tenant.tenant).toBe(fabrikam);
    expect(routeByTenant(`/${fabrikam.id}/interaction/abc/login`, ROOT).url).toBe('/interaction/abc/login');
  });

  it("serves a tenant's v2.0 discovery as the provider's own, and /common/'s as the home tenant's template", () => {
    expect(routeByTenant(`/${fabrikam.id}/v2.0/.well-known/openid-configuration`, ROOT).url).toBe('/.well-known/openid-configuration');
    const common = routeByTenant('/common/v2.0/.well-known/openid-configuration', ROOT);
    expect(common).toMatchObject({ url: '/.well-known/openid-configuration', tenant: { tenant: home, pathPrefix: `/${home.id}`, template: true } });
  });

  it('leaves a tenant the simulator does not have, and the rest of /common/, to the root (where nothing answers)', () => {
    const unknown = '/00000000-0000-4000-8000-000000000000/token';
    expect(routeByTenant(unknown, ROOT)).toMatchObject({ url: unknown, tenant: { pathPrefix: '' } });
    expect(routeByTenant('/common/auth', ROOT)).toMatchObject({ url: '/common/auth', tenant: { pathPrefix: '' } });
  });
});
