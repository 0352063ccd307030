import { createHash, randomBytes } from 'node:crypto';
import { CLIENT_ID, DEFENDER_RESOURCE } from '../constants.ts';
import type { DemoLogin } from '../identity/accounts.ts';

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
}

/** Node may resolve `localhost` to ::1 first; the browser-facing URLs are fetched through 127.0.0.1. */
function forNode(url: string): string {
  const parsed = new URL(url);
  if (parsed.hostname === 'localhost') parsed.hostname = '127.0.0.1';
  return parsed.href;
}

function base64url(buffer: Buffer): string {
  return buffer.toString('base64url');
}

/** A minimal cookie jar: the provider's cookies are host-only and path-scoped; sending all is harmless here. */
class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair = ''] = header.split(';');
      const separator = pair.indexOf('=');
      this.cookies.set(pair.slice(0, separator), pair.slice(separator + 1));
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/**
 * The authorization code + PKCE flow an SPA runs, done with fetch: /auth, the sign-in form, the
 * redirect with the code, then /token. For tests and manual checks against the simulator.
 */
export async function signInWithPkce(options: SignInOptions): Promise<TokenResponse> {
  const appOrigin = options.appOrigin ?? 'http://localhost:5173';
  const redirectUri = `${appOrigin}/redirect.html`;
  const verifier = base64url(randomBytes(32));
  const challenge = base64url(createHash('sha256').update(verifier).digest());
  const scopes = options.scopes ?? [`${DEFENDER_RESOURCE}/Machine.Read`];
  const authorize = new URL('/auth', options.identityUrl);
  authorize.search = new URLSearchParams({
    client_id: CLIENT_ID,
    response_type: 'code',
    redirect_uri: redirectUri,
    scope: ['openid', 'profile', 'offline_access', ...scopes].join(' '),
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state: base64url(randomBytes(8)),
    nonce: base64url(randomBytes(8)),
  }).toString();

  const jar = new CookieJar();
  const step = async (url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) => {
    const response = await fetch(forNode(url), {
      ...init,
      redirect: 'manual',
      headers: { ...init.headers, cookie: jar.header() },
    });
    jar.store(response);
    const location = response.headers.get('location');
    if (location === null) {
      throw new Error(`Expected a redirect from ${url}, got ${response.status}: ${await response.text()}`);
    }
    return new URL(location, url).href;
  };

  const interaction = await step(authorize.href);
  const page = await fetch(forNode(interaction), { headers: { cookie: jar.header() } });
  const form = await page.text();
  const action = /<form method="post" action="([^"]+)"/.exec(form)?.[1];
  if (action === undefined) throw new Error(`No sign-in form at ${interaction}: ${form.slice(0, 200)}`);
  let next = await step(new URL(action, interaction).href, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ login: options.login }).toString(),
  });
  while (!next.startsWith(redirectUri)) next = await step(next);

  const code = new URL(next).searchParams.get('code');
  if (code === null) throw new Error(`No code in ${next}`);
  const token = await fetch(forNode(new URL('/token', options.identityUrl).href), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: appOrigin },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: CLIENT_ID,
      code,
      redirect_uri: redirectUri,
      code_verifier: verifier,
    }).toString(),
  });
  if (!token.ok) throw new Error(`Token request failed with ${token.status}: ${await token.text()}`);
  return (await token.json()) as TokenResponse;
}
