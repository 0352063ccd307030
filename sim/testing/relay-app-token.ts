import { DEFENDER_RESOURCE, RELAY_CLIENT_ID, RELAY_CLIENT_SECRET } from '../constants.ts';
import { forNode } from './sign-in-browser.ts';
import { endpointOf } from './sign-in-with-pkce.ts';

/** Entra's token answer to a client-credentials request: no refresh token, no ID token. */
export interface AppTokenResponse {
  access_token: string;
  token_type: string;
  expires_in: number;
  scope?: string;
}

/**
 * The relay signing in as itself, as it would against Entra: client credentials with its secret in the
 * body and the Defender resource's `.default` scope. `identityOrigin` is the issuer (or 127.0.0.1); with a
 * `tenant`, at that tenant's token endpoint (the relay is registered in the home tenant only).
 */
export async function requestRelayAppToken(
  identityOrigin: string,
  scope = `${DEFENDER_RESOURCE}/.default`,
  tenant?: string,
): Promise<AppTokenResponse> {
  const response = await fetch(forNode(endpointOf(identityOrigin, '/token', tenant)), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: RELAY_CLIENT_ID,
      client_secret: RELAY_CLIENT_SECRET,
      scope,
    }).toString(),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`Client-credentials request failed with ${response.status}: ${text}`);
  return JSON.parse(text) as AppTokenResponse;
}

/** The relay's app token for the Defender API (a JWT with `roles`, no `scp`). */
export async function relayAppToken(identityOrigin: string): Promise<string> {
  return (await requestRelayAppToken(identityOrigin)).access_token;
}
