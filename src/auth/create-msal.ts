import { PublicClientApplication, type AuthenticationResult } from '@azure/msal-browser';
import type { Settings } from '../config/settings';

export interface SignInStart {
  msal: PublicClientApplication;
  /** An error from the redirect that just returned (the provider refused, the user cancelled…), if any. */
  redirectError: Error | undefined;
  /** This page load is the return from a sign-in. */
  signedInNow: boolean;
}

/** The redirect bridge page (see redirect.html): msal-browser v5 receives every response there. */
export function redirectUri(): string {
  return new URL(`${import.meta.env.BASE_URL}redirect.html`, window.location.origin).href;
}

async function fetchAuthorityMetadata(url: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch {
    throw new Error(`The simulator's identity provider at ${new URL(url).origin} does not answer. Start the app with "npm start", which starts the simulator too.`);
  }
  if (!response.ok) throw new Error(`The identity provider's discovery document at ${url} answered HTTP ${response.status}.`);
  return response.text();
}

/**
 * Creates MSAL in the order it needs: initialize, then handle a returning redirect, then pick the active
 * account; the app renders only after this.
 */
export async function createMsal(settings: Settings): Promise<SignInStart> {
  // MSAL refuses http authorities; against the simulator it gets an https name plus the real (http) endpoints.
  const authorityMetadata = settings.authorityMetadataUrl ? await fetchAuthorityMetadata(settings.authorityMetadataUrl) : undefined;
  const msal = new PublicClientApplication({
    auth: {
      clientId: settings.clientId,
      authority: settings.authority,
      knownAuthorities: settings.knownAuthorities,
      authorityMetadata,
      redirectUri: redirectUri(),
      postLogoutRedirectUri: new URL(import.meta.env.BASE_URL, window.location.origin).href,
    },
    // localStorage: one sign-in for every tab of this browser session. MSAL encrypts it with a key held in
    // a session cookie, so nothing usable is left once the browser closes; 'tab' keeps a sign-in per tab.
    cache: { cacheLocation: settings.signInCache === 'tab' ? 'sessionStorage' : 'localStorage' },
    system: { protocolMode: settings.mode === 'simulator' ? 'OIDC' : 'AAD' },
  });
  await msal.initialize();
  let result: AuthenticationResult | null = null;
  let redirectError: Error | undefined;
  try {
    result = await msal.handleRedirectPromise();
  } catch (error) {
    redirectError = error as Error;
  }
  const account = result?.account ?? msal.getActiveAccount() ?? msal.getAllAccounts()[0] ?? null;
  msal.setActiveAccount(account);
  return { msal, redirectError, signedInNow: result?.account != null };
}
