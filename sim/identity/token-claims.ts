import type { AccessToken, Account, ClientCredentials, JWTStructured, KoaContextWithOIDC } from 'oidc-provider';
import { CLIENT_ID, TENANT_ID } from '../constants.ts';
import { accountById } from './accounts.ts';
import { appRegistrationById } from './app-registrations.ts';
import { shortDefenderScopes } from './scopes.ts';

export async function findAccount(_ctx: KoaContextWithOIDC, sub: string): Promise<Account | undefined> {
  const account = accountById(sub);
  if (account === undefined) return undefined;
  return {
    accountId: account.oid,
    // MSAL builds its account from these ID token claims; oid and tid make it look like an Entra account.
    claims: () => ({
      sub: account.oid,
      oid: account.oid,
      tid: TENANT_ID,
      name: account.name,
      preferred_username: account.upn,
      email: account.upn,
    }),
  };
}

type TokenClaims = Record<string, string | readonly string[]>;

/**
 * An app token as Entra writes it: the granted application permissions in `roles`, no `scp` (nobody
 * signed in), `idtyp: app`, and the service principal as `oid`. `.default` asks for every granted role.
 */
function appTokenClaims(token: ClientCredentials): TokenClaims | undefined {
  const app = token.clientId === undefined ? undefined : appRegistrationById(token.clientId);
  if (app === undefined) return undefined;
  return {
    roles: app.grantedRoles,
    oid: app.servicePrincipalId,
    tid: TENANT_ID,
    azp: app.clientId,
    appid: app.clientId,
    idtyp: 'app',
  };
}

/**
 * Entra-style claims on the Defender access token. `scp` keeps only what the user is entitled to, so a
 * user without Machine.Read gets a token the API refuses, while oidc-provider's own `scope` (which MSAL
 * caches by) still lists what was granted.
 */
export async function extraTokenClaims(
  _ctx: KoaContextWithOIDC,
  token: AccessToken | ClientCredentials,
): Promise<TokenClaims | undefined> {
  if (token.kind === 'ClientCredentials') return appTokenClaims(token);
  const account = accountById(token.accountId);
  if (account === undefined) return undefined;
  const entitled = new Set<string>(account.entitledScopes);
  return {
    scp: shortDefenderScopes(token.scope)
      .filter((scope) => entitled.has(scope))
      .join(' '),
    oid: account.oid,
    tid: TENANT_ID,
    azp: CLIENT_ID,
    appid: CLIENT_ID,
    name: account.name,
    upn: account.upn,
  };
}

/**
 * Extra claims cannot replace oidc-provider's own: an app token's `sub` would be the client id, and it
 * would carry `scope`. Entra's has the service principal as `sub` and no scope claim at all.
 */
export function customizeAccessTokenJwt(
  _ctx: KoaContextWithOIDC,
  token: AccessToken | ClientCredentials,
  jwt: JWTStructured,
): void {
  if (token.kind !== 'ClientCredentials') return;
  const app = token.clientId === undefined ? undefined : appRegistrationById(token.clientId);
  if (app === undefined) return;
  jwt.payload.sub = app.servicePrincipalId;
  delete jwt.payload.scope;
}
