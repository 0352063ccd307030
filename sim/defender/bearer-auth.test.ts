import { importJWK, SignJWT, type JWTPayload } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFENDER_RESOURCE } from '../constants.ts';
import { createSigningKeys, type SigningKeys } from '../identity/keys.ts';
import { createBearerVerifier, requirePermission, type Caller, type Permission } from './bearer-auth.ts';
import { DefenderError } from './errors.ts';

const ISSUER = 'http://localhost:4999';
const HOME = 'home-tenant';
const CUSTOMER = 'customer-tenant';
const tenantIssuer = (tenantId: string) => `${ISSUER}/${tenantId}/v2.0`;
/** As the composition says it: the home tenant's tokens from the root or its own path, a customer's from its own. */
const issuersOf = (tenantId: string) => (tenantId === HOME ? [ISSUER, tenantIssuer(HOME)] : tenantId === CUSTOMER ? [tenantIssuer(CUSTOMER)] : []);
const READ: Permission = { delegated: ['Machine.Read', 'Machine.ReadWrite'], application: ['Machine.Read.All', 'Machine.ReadWrite.All'] };
const appClaims = { roles: ['Machine.Read.All'], idtyp: 'app', oid: 'sp-object-id', appid: 'relay-app', tid: HOME };

let keys: SigningKeys;

/** A token signed with the provider's own key: only the claims decide whether the API takes it. */
async function token(claims: JWTPayload, audience = DEFENDER_RESOURCE, issuer = ISSUER): Promise<string> {
  const key = await importJWK(keys.privateJwk, 'RS256');
  return new SignJWT({ tid: HOME, ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: keys.privateJwk.kid, typ: 'at+jwt' })
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(key);
}

async function verify(claims: JWTPayload, audience?: string, issuer?: string): Promise<Caller> {
  const verifier = createBearerVerifier({ jwks: keys.publicJwks, issuersOf, audience: DEFENDER_RESOURCE });
  return verifier(`Bearer ${await token(claims, audience, issuer)}`);
}

async function refusedToken(claims: JWTPayload, issuer: string): Promise<unknown> {
  return verify(claims, undefined, issuer).then(
    () => undefined,
    (error: unknown) => error,
  );
}

function refusal(action: () => unknown): DefenderError {
  try {
    action();
  } catch (error) {
    if (error instanceof DefenderError) return error;
    throw error;
  }
  throw new Error('expected a DefenderError');
}

beforeAll(async () => {
  keys = await createSigningKeys();
});

describe('the bearer verifier', () => {
  it('reads an app token: its roles, its service principal, no user', async () => {
    const caller = await verify(appClaims);
    expect(caller).toMatchObject({ kind: 'app', objectId: 'sp-object-id', upn: null, appId: 'relay-app' });
    expect([...caller.roles]).toEqual(['Machine.Read.All']);
    expect(caller.scopes.size).toBe(0);
  });

  it('takes a token with roles and no scp for an app even without idtyp', async () => {
    expect((await verify({ roles: ['Machine.Read.All'] })).kind).toBe('app');
    expect((await verify({ scp: 'Machine.Read', oid: 'user' })).kind).toBe('user');
  });

  it("refuses an app token with the role but another resource's audience", async () => {
    const refused = await verify(appClaims, 'https://graph.microsoft.com').then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(DefenderError);
    expect(refused).toMatchObject({ status: 401, code: 'Unauthorized', message: expect.stringContaining("'aud'") });
  });
});

describe("the issuer, by the token's tenant", () => {
  const user = { scp: 'Machine.Read', oid: 'dana' };

  it("takes the home tenant's tokens from the root issuer and from its own path", async () => {
    expect((await verify(user)).tenantId).toBe(HOME);
    expect((await verify(user, undefined, tenantIssuer(HOME))).tenantId).toBe(HOME);
  });

  it("takes a customer's token only with the customer's own issuer", async () => {
    expect((await verify({ ...user, tid: CUSTOMER }, undefined, tenantIssuer(CUSTOMER))).tenantId).toBe(CUSTOMER);
    expect(await refusedToken({ ...user, tid: CUSTOMER }, ISSUER)).toMatchObject({ status: 401, message: expect.stringContaining("'iss'") });
    expect(await refusedToken({ ...user, tid: CUSTOMER }, tenantIssuer(HOME))).toMatchObject({ status: 401 });
  });

  it('refuses a token of a tenant the host does not serve with 401', async () => {
    expect(await refusedToken({ ...user, tid: 'elsewhere' }, tenantIssuer('elsewhere'))).toMatchObject({
      status: 401,
      code: 'Unauthorized',
      message: expect.stringContaining("tenant 'elsewhere' is not served here"),
    });
  });
});

describe('the permission check', () => {
  const caller = (scopes: string[], roles: string[]): Caller => ({
    kind: roles.length > 0 ? 'app' : 'user',
    objectId: 'someone',
    upn: null,
    appId: 'app',
    tenantId: 'tenant',
    scopes: new Set(scopes),
    roles: new Set(roles),
  });

  it.each([
    ['delegated Machine.Read', ['Machine.Read'], []],
    ['delegated Machine.ReadWrite', ['Machine.ReadWrite'], []],
    ['application Machine.Read.All', [], ['Machine.Read.All']],
    ['application Machine.ReadWrite.All', [], ['Machine.ReadWrite.All']],
  ])('lets a read through with %s', (_, scopes, roles) => {
    expect(() => requirePermission(caller(scopes, roles), READ)).not.toThrow();
  });

  it('refuses a token with neither, naming both forms and what the token holds', () => {
    const error = refusal(() => requirePermission(caller(['Machine.Isolate'], ['Machine.Isolate']), READ));
    expect(error).toMatchObject({ status: 403, code: 'Forbidden' });
    expect(error.message).toContain('delegated permission Machine.Read or Machine.ReadWrite (scp)');
    expect(error.message).toContain('application permission Machine.Read.All or Machine.ReadWrite.All (roles)');
    expect(error.message).toContain("scp claim has: Machine.Isolate; its roles claim has: Machine.Isolate");
  });

  it('does not take a role name in scp, nor a scope name in roles', () => {
    expect(() => requirePermission(caller(['Machine.Read.All'], []), READ)).toThrow(DefenderError);
    expect(() => requirePermission(caller([], ['Machine.Read']), READ)).toThrow(DefenderError);
  });
});
