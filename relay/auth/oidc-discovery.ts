import * as v from 'valibot';

/** What the relay needs of the identity provider's OpenID Connect discovery document. */
export interface IdentityEndpoints {
  issuer: string;
  jwksUrl: string;
  tokenUrl: string;
}

const discoverySchema = v.looseObject({
  issuer: v.pipe(v.string(), v.url()),
  jwks_uri: v.pipe(v.string(), v.url()),
  token_endpoint: v.pipe(v.string(), v.url()),
});

/**
 * Reads `{authority}/.well-known/openid-configuration`. Entra publishes one per tenant, so the keys and the
 * token endpoint follow a rollover or a sovereign cloud without a setting per URL.
 */
export async function discoverEndpoints(authority: string, fetchImpl: typeof fetch = fetch): Promise<IdentityEndpoints> {
  const url = `${authority.replace(/\/$/, '')}/.well-known/openid-configuration`;
  let body: unknown;
  try {
    const response = await fetchImpl(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(10_000) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    body = await response.json();
  } catch (error) {
    throw new Error(`Could not read the identity provider's discovery document at ${url}: ${(error as Error).message}`);
  }
  const parsed = v.safeParse(discoverySchema, body);
  if (!parsed.success) throw new Error(`The discovery document at ${url} lacks issuer, jwks_uri or token_endpoint.`);
  return { issuer: parsed.output.issuer, jwksUrl: parsed.output.jwks_uri, tokenUrl: parsed.output.token_endpoint };
}
