import { BrowserAuthError, InteractionRequiredAuthError, type IPublicClientApplication } from '@azure/msal-browser';
import type { TokenRequest } from '../../core/defender/defender-client';
import { DefenderRequestError } from '../../core/defender/defender-problem';

// MSAL errors that mean the identity provider could not be reached, not that the session is over.
const networkErrorCodes = new Set(['network_error', 'no_network_connectivity', 'get_request_failed', 'post_request_failed', 'failed_to_parse_response']);

/**
 * The token source the Defender client calls before each request: always MSAL's silent path (cache, then
 * refresh token), never a token kept in React state. Interaction is never started from here: the page
 * offers "Sign in again" instead, so that nothing loops.
 */
export function createAccessTokenSource(msal: IPublicClientApplication, scopes: string[]) {
  return async ({ forceRefresh }: TokenRequest): Promise<string> => {
    const account = msal.getActiveAccount();
    if (!account) throw new DefenderRequestError({ kind: 'sign-in-required', message: 'No account is signed in.' });
    try {
      const result = await msal.acquireTokenSilent({ scopes, account, forceRefresh });
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
