import { decodeJwt, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';

/** Who is calling, from their verified Defender access token. The token itself is not kept. */
export interface Analyst {
  /** Entra object id: the key for everything the relay keeps per analyst. */
  oid: string;
  /** When the token expires (ms since epoch): the stream ends then, and the browser reconnects with a new one. */
  expiresAt: number;
}

export interface AnalystVerifierOptions {
  keys: JWTVerifyGetKey;
  issuers: string[];
  /** The Defender resource: the browser's token is for Defender, and the relay passes it through. */
  audience: string;
  tenantId: string;
  /** The app's client id: a token issued to any other app (the relay's own included) is refused. */
  appClientId: string;
  now?: () => number;
}

/** A refused token; the message says why, in words safe to return and log (it never quotes the token). */
export class AuthError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuthError';
  }
}

/** The delegated scopes that read machine actions (`scp` holds them space-separated, without the resource). */
const readingScopes = new Set(['Machine.Read', 'Machine.ReadWrite']);

const bearer = /^Bearer ([A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]*)$/;

function claim(payload: JWTPayload, name: string): string | undefined {
  const value = payload[name];
  return typeof value === 'string' ? value : undefined;
}

function reason(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'The access token has expired.';
  if (error instanceof errors.JWTClaimValidationFailed) return `The access token's '${error.claim}' claim is not accepted.`;
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWSSignatureVerificationFailed) {
    return "The access token is not signed by the identity provider's keys.";
  }
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JOSENotSupported) return 'The access token could not be verified.';
  return 'The access token is not valid.';
}

const otherTenant = 'The access token is for another tenant.';

/** What an unverified token says its tenant is: for the words of a refusal only, never to let one in. */
function isForTenant(token: string, tenantId: string): boolean {
  try {
    return claim(decodeJwt(token), 'tid')?.toLowerCase() === tenantId;
  } catch {
    return false;
  }
}

/** The raw token from an Authorization header, or an AuthError. */
export function bearerToken(authorization: string | undefined): string {
  const token = bearer.exec(authorization ?? '')?.[1];
  if (token === undefined) throw new AuthError('Send "Authorization: Bearer <your Defender access token>".');
  return token;
}

/**
 * Verifies an analyst's Defender access token: signature (the provider's JWKS), issuer, audience, expiry,
 * tenant, the app it was issued to, and that it is delegated with a scope that reads actions (`scp`
 * `Machine.Read` or `Machine.ReadWrite`): an app-only token is nobody's.
 */
export function createAnalystVerifier(options: AnalystVerifierOptions): (token: string) => Promise<Analyst> {
  const now = options.now ?? Date.now;
  return async (token) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, options.keys, {
        issuer: options.issuers,
        audience: options.audience,
        algorithms: ['RS256'],
        requiredClaims: ['exp'],
        currentDate: new Date(now()),
        clockTolerance: 60,
      }));
    } catch (error) {
      // Each tenant has its own issuer: a token of another tenant fails on `iss` first, and is told so plainly.
      if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'iss' && !isForTenant(token, options.tenantId)) throw new AuthError(otherTenant);
      throw new AuthError(reason(error));
    }
    if (claim(payload, 'tid')?.toLowerCase() !== options.tenantId) throw new AuthError(otherTenant);
    const issuedTo = (claim(payload, 'azp') ?? claim(payload, 'appid'))?.toLowerCase();
    if (issuedTo !== options.appClientId) throw new AuthError('The access token was issued to another application.');
    const scopes = claim(payload, 'scp');
    if (scopes === undefined) throw new AuthError('The access token is not delegated (no scp): sign in as an analyst.');
    // Streams and access checks spend the team's quota: a token that cannot read actions gets neither.
    if (!scopes.split(' ').some((scope) => readingScopes.has(scope))) throw new AuthError('The access token does not grant Machine.Read.');
    const oid = claim(payload, 'oid');
    if (oid === undefined || oid === '') throw new AuthError('The access token names no user (no oid).');
    return { oid: oid.toLowerCase(), expiresAt: (payload.exp ?? 0) * 1000 };
  };
}
