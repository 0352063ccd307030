import { describe, expect, it } from 'vitest';
import { SIM_TENANTS } from '../constants.ts';
import { routeByTenant } from './tenant-request.ts';
import { discoveryTemplate, withTenantIssuer } from './tenant-responses.ts';

const ROOT = 'http://localhost:4010';
const northwind = routeByTenant(`/${SIM_TENANTS.northwind.id}/token`, ROOT).tenant;

describe("an authorization response's iss under a tenant's path", () => {
  it("is the tenant's issuer, in the query or the fragment, with every other parameter kept", () => {
    const answer = `http://localhost:5173/redirect.html?code=abc&state=s&iss=${encodeURIComponent(ROOT)}`;
    expect(new URL(withTenantIssuer(answer, northwind)).searchParams.get('iss')).toBe(northwind.issuer);
    expect(new URL(withTenantIssuer(answer, northwind)).searchParams.get('code')).toBe('abc');
    const inFragment = new URL(withTenantIssuer(`http://localhost:5173/redirect.html#code=abc&iss=${encodeURIComponent(ROOT)}`, northwind));
    expect(new URLSearchParams(inFragment.hash.slice(1)).get('iss')).toBe(northwind.issuer);
  });

  it('leaves a redirect without it as it was', () => {
    expect(withTenantIssuer('http://localhost:4010/interaction/abc', northwind)).toBe('http://localhost:4010/interaction/abc');
  });
});

describe("/common/'s discovery template", () => {
  it('puts {tenant} in the endpoints under the tenant, {tenantid} in the issuer, and leaves the rest', () => {
    const common = routeByTenant('/common/v2.0/.well-known/openid-configuration', ROOT).tenant;
    const under = `${ROOT}/${SIM_TENANTS.home.id}`;
    const template = discoveryTemplate({ issuer: `${under}/v2.0`, token_endpoint: `${under}/token`, jwks_uri: `${ROOT}/jwks`, scopes_supported: ['openid'] }, common);
    expect(template).toEqual({ issuer: `${ROOT}/{tenantid}/v2.0`, token_endpoint: `${ROOT}/{tenant}/token`, jwks_uri: `${ROOT}/jwks`, scopes_supported: ['openid'] });
  });
});
