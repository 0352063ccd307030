import type { AccessToken, Account, ClientCredentials, FindAccount, JWTStructured, KoaContextWithOIDC } from 'oidc-provider';
import { CLIENT_ID } from '../constants.ts';
import { accountById } from './accounts.ts';
import { appRegistrationById, spaApp, type RelayConsents } from './app-registrations.ts';
import { EntraError } from './entra-errors.ts';
import type { MfaDemands } from './mfa-demands.ts';
import { shortDefenderScopes } from './scopes.ts';
import { appNotInTenant, tenantRefusal } from './tenant-access.ts';
import { tenantOf } from './tenant-request.ts';

/**
 * The demo accounts, as each tenant sees them. `sub` and `oid` are the home object id in every tenant, so
 * MSAL (whose account is `sub` in OIDC mode) keeps one account with a tenant profile per tenant; `tid` is
 * the tenant of the request. A code or refresh token is refused at a tenant that gives the account no token
 * (not in it, or MFA owed), as Entra refuses it: that is how a customer's token endpoint answers a home
 * refresh token.
 */
export function createFindAccount(mfa: MfaDemands): FindAccount {
  return (ctx, sub, token): Account | undefined => {
    const account = accountById(sub);
    if (account === undefined) return undefined;
    const request = tenantOf(ctx.req);
    if (token?.kind === 'RefreshToken' || token?.kind === 'AuthorizationCode') {
      const refusal = tenantRefusal(account, request, mfa, spaApp);
      if (refusal !== undefined) throw new EntraError('invalid_grant', refusal);
    }
    return {
      accountId: account.oid,
      // MSAL builds its account from these ID token claims; oid and tid make it look like an Entra account.
      claims: () => ({
        sub: account.oid,
        oid: account.oid,
        tid: request.tenant.id,
        name: account.name,
        preferred_username: account.upn,
        email: account.upn,
      }),
    };
  };
}

type TokenClaims = Record<string, string | readonly string[]>;

/**
 * An app token as Entra writes it: the granted application permissions in `roles`, no `scp` (nobody
 * signed in), `idtyp: app`, and the service principal as `oid`. `.default` asks for every granted role.
 * A tenant that has not consented to the app has no service principal for it, and refuses it.
 */
function appTokenClaims(ctx: KoaContextWithOIDC, token: ClientCredentials, consents: RelayConsents): TokenClaims | undefined {
  const app = token.clientId === undefined ? undefined : appRegistrationById(token.clientId);
  if (app === undefined) return undefined;
  const request = tenantOf(ctx.req);
  if (!consents.consented(request.tenant.id)) throw new EntraError('unauthorized_client', appNotInTenant(app.clientId, request));
  return {
    roles: app.grantedRoles,
    oid: app.servicePrincipalId,
    tid: request.tenant.id,
    azp: app.clientId,
    appid: app.clientId,
    idtyp: 'app',
  };
}

/**
 * Entra-style claims on the Defender access token. `scp` keeps only what the user is entitled to, so a
 * user without Machine.Read gets a token the API refuses, while oidc-provider's own `scope` (which MSAL
 * caches by) still lists what was granted. `tid` is the tenant of the request.
 */
export function createExtraTokenClaims(consents: RelayConsents) {
  return async (ctx: KoaContextWithOIDC, token: AccessToken | ClientCredentials): Promise<TokenClaims | undefined> => {
    if (token.kind === 'ClientCredentials') return appTokenClaims(ctx, token, consents);
    return userTokenClaims(ctx, token);
  };
}

function userTokenClaims(ctx: KoaContextWithOIDC, token: AccessToken): TokenClaims | undefined {
  const account = accountById(token.accountId);
  if (account === undefined) return undefined;
  const entitled = new Set<string>(account.entitledScopes);
  return {
    scp: shortDefenderScopes(token.scope)
      .filter((scope) => entitled.has(scope))
      .join(' '),
    oid: account.oid,
    tid: tenantOf(ctx.req).tenant.id,
    azp: CLIENT_ID,
    appid: CLIENT_ID,
    name: account.name,
    upn: account.upn,
  };
}

/**
 * Extra claims cannot replace oidc-provider's own: `iss` is the provider's root, and an app token's `sub`
 * would be the client id, and it would carry `scope`. Under a tenant's path the issuer is the tenant's;
 * Entra's app token has the service principal as `sub` and no scope claim at all.
 */
export function customizeAccessTokenJwt(
  ctx: KoaContextWithOIDC,
  token: AccessToken | ClientCredentials,
  jwt: JWTStructured,
): void {
  jwt.payload.iss = tenantOf(ctx.req).issuer;
  if (token.kind !== 'ClientCredentials') return;
  const app = token.clientId === undefined ? undefined : appRegistrationById(token.clientId);
  if (app === undefined) return;
  jwt.payload.sub = app.servicePrincipalId;
  delete jwt.payload.scope;
}
