import type { AccessToken, Account, ClientCredentials, KoaContextWithOIDC } from 'oidc-provider';
import { CLIENT_ID, TENANT_ID } from '../constants.ts';
import { accountById } from './accounts.ts';
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

/**
 * Entra-style claims on the Defender access token. `scp` keeps only what the user is entitled to, so a
 * user without Machine.Read gets a token the API refuses, while oidc-provider's own `scope` (which MSAL
 * caches by) still lists what was granted.
 */
export async function extraTokenClaims(
  _ctx: KoaContextWithOIDC,
  token: AccessToken | ClientCredentials,
): Promise<Record<string, string> | undefined> {
  if (token.kind !== 'AccessToken') return undefined;
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
