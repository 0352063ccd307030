import * as v from 'valibot';
import { DefenderRequestError } from '../../core/defender/defender-problem';

export interface AppTokenOptions {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** The Defender resource; the scope asked for is `{resource}/.default`, i.e. the app's granted roles. */
  resource: string;
  fetch?: typeof fetch;
  now?: () => number;
}

/** Renewed this long before it expires, so a check never goes out with a token about to lapse. */
const renewBeforeMs = 5 * 60_000;

/** Of a refusal, only Entra's codes are read: numbers and a short word, which cannot carry the secret back. */
const refusalSchema = v.object({
  error: v.optional(v.pipe(v.string(), v.regex(/^[a-z_]{1,40}$/))),
  error_codes: v.optional(v.pipe(v.array(v.pipe(v.number(), v.integer())), v.maxLength(5))),
});

/** `unauthorized_client, AADSTS700016`: what the token endpoint's refusal says, in words safe to log. */
async function refusalCodes(response: Response): Promise<string> {
  const parsed = v.safeParse(refusalSchema, await response.json().catch(() => undefined));
  if (!parsed.success) return '';
  const words = [parsed.output.error, ...(parsed.output.error_codes ?? []).map((code) => `AADSTS${code}`)].filter((word) => word !== undefined);
  return words.length > 0 ? `, ${words.join(', ')}` : '';
}

const tokenSchema = v.object({
  access_token: v.pipe(v.string(), v.nonEmpty()),
  expires_in: v.pipe(v.union([v.number(), v.pipe(v.string(), v.toNumber())]), v.minValue(1)),
});

/**
 * The relay's own token (client credentials: `roles: Machine.Read.All`), cached until near its expiry. Shaped
 * as the app's DefenderClient wants its token source: `forceRefresh` after a 401 drops the cached one.
 * Failures become DefenderRequestErrors, so the poller records them as it would a browser's sign-in trouble.
 */
export function appTokenSource(options: AppTokenOptions): (request: { forceRefresh: boolean }) => Promise<string> {
  const now = options.now ?? Date.now;
  const fetchImpl = options.fetch ?? fetch;
  let cached: { token: string; renewAt: number } | undefined;
  let pending: Promise<string> | undefined;

  async function request(): Promise<string> {
    let response: Response;
    try {
      response = await fetchImpl(options.tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: options.clientId,
          client_secret: options.clientSecret,
          scope: `${options.resource}/.default`,
        }).toString(),
        signal: AbortSignal.timeout(15_000),
      });
    } catch (error) {
      throw new DefenderRequestError({ kind: 'network', message: `The token endpoint could not be reached: ${(error as Error).message}` });
    }
    // The answer's body is not quoted (its codes only): a misconfigured provider could echo the secret back. Not
    // the analyst's sign-in either (signing in again would not help them): the relay's own registration, a server trouble.
    if (!response.ok) {
      const codes = await refusalCodes(response);
      throw new DefenderRequestError({
        kind: 'server',
        status: 503,
        message: `The team relay's own sign-in was refused (HTTP ${response.status}${codes}): its administrator must check RELAY_CLIENT_ID and RELAY_CLIENT_SECRET, and that the relay's app is consented in this tenant.`,
      });
    }
    const parsed = v.safeParse(tokenSchema, await response.json().catch(() => undefined));
    if (!parsed.success) throw new DefenderRequestError({ kind: 'server', status: 503, message: "The team relay's own sign-in answer has no access_token." });
    const lifetimeMs = parsed.output.expires_in * 1000;
    cached = { token: parsed.output.access_token, renewAt: now() + Math.max(lifetimeMs - renewBeforeMs, lifetimeMs / 2) };
    return cached.token;
  }

  return async ({ forceRefresh }) => {
    if (forceRefresh) cached = undefined;
    if (cached && now() < cached.renewAt) return cached.token;
    // One request at a time: a check's parallel calls share the token being fetched.
    pending ??= request().finally(() => {
      pending = undefined;
    });
    return pending;
  };
}
