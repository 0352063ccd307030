import { DEFENDER_RESOURCE, DEFENDER_SCOPES, type DefenderScope } from '../constants.ts';

/** MSAL asks in v2 form (`<resource>/Machine.Read`); tokens carry short names in `scp`. */
const PREFIX = `${DEFENDER_RESOURCE}/`;
const DEFAULT_SCOPE = `${PREFIX}.default`;
const NAMED_SCOPES = DEFENDER_SCOPES.map((scope) => `${PREFIX}${scope}`);

/** Every scope the provider accepts for the Defender resource; `.default` is Entra's "all consented". */
export const qualifiedDefenderScopes: readonly string[] = [...NAMED_SCOPES, DEFAULT_SCOPE];

/**
 * The scopes a token request may name for the Defender resource. An app asks for what it was granted,
 * never for single permissions: Entra refuses anything but `.default` in client credentials
 * (AADSTS1002012), so a relay that asks for Machine.Read here fails as it would against Entra.
 * Returns undefined for that refusal.
 */
export function resourceScopesFor(grantType: unknown, requestedScope: unknown): readonly string[] | undefined {
  if (grantType !== 'client_credentials') return qualifiedDefenderScopes;
  const asked = splitScope(typeof requestedScope === 'string' ? requestedScope : undefined);
  return asked.every((part) => part === DEFAULT_SCOPE) ? [DEFAULT_SCOPE] : undefined;
}

function isDefenderScope(scope: string): scope is DefenderScope {
  return (DEFENDER_SCOPES as readonly string[]).includes(scope);
}

function splitScope(scope: string | undefined): string[] {
  return (scope ?? '').split(' ').filter((part) => part !== '');
}

export function mentionsDefender(scope: string | undefined): boolean {
  return splitScope(scope).some((part) => part.startsWith(PREFIX));
}

/**
 * Entra puts every consented permission of a resource into its tokens, so a refresh token from a
 * Machine.Read sign-in can later be redeemed for Machine.Isolate. oidc-provider only allows refresh
 * for scopes the code carried, so an authorization request naming Defender gets all of them.
 */
export function withAllDefenderScopes(scope: string | undefined): string {
  const parts = new Set(splitScope(scope));
  if (![...parts].some((part) => part.startsWith(PREFIX))) return [...parts].join(' ');
  for (const qualified of NAMED_SCOPES) parts.add(qualified);
  return [...parts].join(' ');
}

export function withScope(scope: string | undefined, added: string): string {
  const parts = new Set(splitScope(scope));
  parts.add(added);
  return [...parts].join(' ');
}

/** Short Defender scope names in a token's `scope`; `.default` stands for all of them. */
export function shortDefenderScopes(scope: string | undefined): DefenderScope[] {
  const found = new Set<DefenderScope>();
  for (const part of splitScope(scope)) {
    if (part === DEFAULT_SCOPE) DEFENDER_SCOPES.forEach((name) => found.add(name));
    const short = part.startsWith(PREFIX) ? part.slice(PREFIX.length) : '';
    if (isDefenderScope(short)) found.add(short);
  }
  return DEFENDER_SCOPES.filter((name) => found.has(name));
}

export function splitOidcAndResourceScopes(scope: string | undefined): { oidc: string[]; resource: string[] } {
  const parts = splitScope(scope);
  return {
    oidc: parts.filter((part) => !part.startsWith(PREFIX)),
    resource: parts.filter((part) => qualifiedDefenderScopes.includes(part)),
  };
}
