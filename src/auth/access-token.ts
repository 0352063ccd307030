import { BrowserAuthError, InteractionRequiredAuthError, type IPublicClientApplication } from '@azure/msal-browser';
import { DefenderRequestError } from '../../core/defender/defender-problem';
import type { TenantTokenRequest } from './auth-state';

// MSAL errors that mean the identity provider could not be reached, not that the session is over.
const networkErrorCodes = new Set(['network_error', 'no_network_connectivity', 'get_request_failed', 'post_request_failed', 'failed_to_parse_response']);

/** The tenant an authority names: its last path segment, as MSAL keys its cache by it. */
function tenantOf(authority: string): string {
  return new URL(authority).pathname.split('/').filter(Boolean).at(-1)?.toLowerCase() ?? '';
}

/**
 * The token source each tenant's Defender client calls before each request: always MSAL's silent path
 * (cache, then refresh token), never a token kept in React state. A customer's tenant gets its token from
 * the same sign-in, by its authority (MSAL keeps a tenant profile of the account per tenant). Interaction
 * is never started from here: the page offers the sign-in instead, so that nothing loops.
 */
export function createAccessTokenSource(msal: IPublicClientApplication) {
  // Each authority's tenant ID as its tokens name it: a tenant configured by domain is a GUID to MSAL's cache.
  const tenantIds = new Map<string, string>();
  return async ({ forceRefresh, authority, scopes }: TenantTokenRequest): Promise<string> => {
    const active = msal.getActiveAccount();
    if (!active) throw new DefenderRequestError({ kind: 'sign-in-required', message: 'No account is signed in.' });
    // MSAL looks a cached token up by the account's tenant before the request's authority: the home
    // account would be handed the home tenant's token for every customer. The account in the tenant asked.
    const account = { ...active, tenantId: tenantIds.get(authority) ?? tenantOf(authority) };
    try {
      const result = await msal.acquireTokenSilent({ scopes, account, forceRefresh, authority });
      if (result.tenantId) tenantIds.set(authority, result.tenantId);
      return result.accessToken;
    } catch (error) {
      if (error instanceof BrowserAuthError && networkErrorCodes.has(error.errorCode)) {
        throw new DefenderRequestError({ kind: 'network', message: `Sign-in service unreachable (${error.errorCode}).` });
      }
      if (error instanceof InteractionRequiredAuthError) {
        throw new DefenderRequestError({ kind: 'sign-in-required', message: error.errorMessage || error.errorCode });
      }
      const message = error instanceof Error ? error.message : String(error);
      throw new DefenderRequestError({ kind: 'sign-in-required', message });
    }
  };
}
