import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';

export interface SigningKeys {
  /** Private JWK for oidc-provider. */
  readonly privateJwk: JWK;
  /** The public JWKS the provider publishes at /jwks; the API verifies tokens against it. */
  readonly publicJwks: { keys: JWK[] };
}

/** A fresh RS256 key per start: tokens from an earlier run fail verification, as after a key rollover. */
export async function createSigningKeys(): Promise<SigningKeys> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  const metadata = { kid, alg: 'RS256', use: 'sig' };
  return {
    privateJwk: { ...(await exportJWK(privateKey)), ...metadata },
    publicJwks: { keys: [{ ...publicJwk, ...metadata }] },
  };
}
