import { createHash, randomBytes } from 'node:crypto';
import { CLIENT_ID, DEFENDER_RESOURCE } from '../constants.ts';
import type { DemoLogin } from '../identity/accounts.ts';
import { formAction, forNode, SignInBrowser, type Visit } from './sign-in-browser.ts';

export interface TokenResponse {
  access_token: string;
  id_token: string;
  refresh_token?: string;
  scope: string;
  expires_in: number;
  token_type: string;
}

export interface SignInOptions {
  /** The issuer, http://localhost:PORT. */
  readonly identityUrl: string;
  readonly login: DemoLogin;
  readonly appOrigin?: string;
  readonly scopes?: readonly string[];
  /**
   * Sign in at this tenant's endpoints (`/<tenant id>/auth` and `/token`), as MSAL does with the authority
   * `…/<tenant id>`; the root (the home tenant under the root issuer) without one.
   */
  readonly tenant?: string;
  /** Click "Approve sign-in" when the tenant demands MFA; without it, that page fails the sign-in. */
  readonly approveSignIn?: boolean;
  /** The browser session to sign in with: one that signed in before has the provider's session cookie. */
  readonly browser?: SignInBrowser;
}

/** Where a tenant's endpoints are: `/<tenant>/…`, or the root's. */
export function endpointOf(identityUrl: string, path: string, tenant?: string): string {
  return new URL(`${tenant === undefined ? '' : `/${tenant}`}${path}`, identityUrl).href;
}

/** An authorization request as an SPA sends it, with its PKCE verifier and where it comes back to. */
export function authorizationRequest(options: Omit<SignInOptions, 'login'> & { readonly prompt?: string }) {
  const appOrigin = options.appOrigin ?? 'http://localhost:5173';
  const redirectUri = `${appOrigin}/redirect.html`;
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const scopes = options.scopes ?? [`${DEFENDER_RESOURCE}/Machine.Read`];
  const url = new URL(endpointOf(options.identityUrl, '/auth', options.tenant));
  url.search = new URLSearchParams({
    client_id: CLIENT_ID,
    response_type: 'code',
    redirect_uri: redirectUri,
    scope: ['openid', 'profile', 'offline_access', ...scopes].join(' '),
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state: randomBytes(8).toString('base64url'),
    nonce: randomBytes(8).toString('base64url'),
    ...(options.prompt === undefined ? {} : { prompt: options.prompt }),
  }).toString();
  return { url: url.href, verifier, redirectUri, appOrigin };
}

function pageText(visit: Visit): string {
  return 'page' in visit ? `${visit.page.status}: ${visit.page.html.slice(0, 2_000)}` : `a redirect to ${visit.location}`;
}

/** Follows redirects until the app's redirect URI, approving MFA on the way when told to. */
async function backToTheApp(browser: SignInBrowser, from: Visit, fromUrl: string, options: SignInOptions, redirectUri: string): Promise<URL> {
  let visit = from;
  let at = fromUrl;
  for (;;) {
    if ('location' in visit) {
      if (visit.location.startsWith(redirectUri)) return new URL(visit.location);
      at = visit.location;
      visit = await browser.visit(at);
      continue;
    }
    const approve = options.approveSignIn === true ? formAction(visit.page.html, 'approve') : undefined;
    if (approve === undefined) throw new Error(`The sign-in stopped at ${at}, ${pageText(visit)}`);
    visit = await browser.submit(at, approve);
  }
}

/**
 * The authorization code + PKCE flow an SPA runs, done with fetch: /auth, the sign-in form, the
 * redirect with the code, then /token. For tests and manual checks against the simulator.
 */
export async function signInWithPkce(options: SignInOptions): Promise<TokenResponse> {
  const browser = options.browser ?? new SignInBrowser();
  const request = authorizationRequest(options);
  const interaction = await browser.visit(request.url);
  if (!('location' in interaction)) throw new Error(`Expected the sign-in page from ${request.url}, got ${pageText(interaction)}`);
  const page = await browser.visit(interaction.location);
  const login = 'page' in page ? formAction(page.page.html, 'login') : undefined;
  if (login === undefined) throw new Error(`No sign-in form at ${interaction.location}: ${pageText(page)}`);
  const signedIn = await browser.submit(interaction.location, login, { login: options.login });
  const back = await backToTheApp(browser, signedIn, interaction.location, options, request.redirectUri);
  const code = back.searchParams.get('code');
  if (code === null) throw new Error(`The sign-in came back without a code: ${back.searchParams.get('error')}: ${back.searchParams.get('error_description')}`);
  const token = await fetch(forNode(endpointOf(options.identityUrl, '/token', options.tenant)), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: request.appOrigin },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: CLIENT_ID,
      code,
      redirect_uri: request.redirectUri,
      code_verifier: request.verifier,
    }).toString(),
  });
  if (!token.ok) throw new Error(`Token request failed with ${token.status}: ${await token.text()}`);
  return (await token.json()) as TokenResponse;
}

/**
 * A refresh token redeemed at a tenant's token endpoint, as MSAL gets a customer's token silently: the home
 * sign-in's refresh token, the customer's `/token`. The answer as it comes: tokens, or Entra's error.
 */
export function redeemRefreshToken(options: {
  readonly identityUrl: string;
  readonly refreshToken: string;
  readonly tenant?: string;
  readonly scopes?: readonly string[];
  readonly appOrigin?: string;
}): Promise<Response> {
  const scopes = options.scopes ?? [`${DEFENDER_RESOURCE}/Machine.Read`];
  return fetch(forNode(endpointOf(options.identityUrl, '/token', options.tenant)), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: options.appOrigin ?? 'http://localhost:5173' },
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      client_id: CLIENT_ID,
      refresh_token: options.refreshToken,
      scope: ['openid', 'profile', 'offline_access', ...scopes].join(' '),
    }).toString(),
  });
}
