import { createLocalJWKSet, errors, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';
import type { DefenderScope } from '../constants.ts';
import { DefenderError } from './errors.ts';

/** Who called, from the verified access token. */
export interface Caller {
  readonly upn: string | null;
  readonly appId: string;
  readonly tenantId: string;
  readonly scopes: ReadonlySet<string>;
}

export interface BearerVerifierOptions {
  readonly jwks: JSONWebKeySet;
  readonly issuer: string;
  readonly audience: string;
}

function unauthorized(message: string): DefenderError {
  return new DefenderError(401, 'Unauthorized', message, { 'WWW-Authenticate': 'Bearer' });
}

function claim(payload: JWTPayload, name: string): string | null {
  const value = payload[name];
  return typeof value === 'string' ? value : null;
}

function reason(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'The access token has expired.';
  if (error instanceof errors.JWTClaimValidationFailed) {
    return `The access token's '${error.claim}' claim is not accepted: ${error.message}.`;
  }
  if (error instanceof errors.JOSEError) return `The access token is not valid: ${error.message}.`;
  return 'The access token is not valid.';
}

/**
 * Verifies a bearer token against the identity provider's keys. Expiry uses the real clock, never the
 * simulated one. `typ` is not pinned: oidc-provider writes `at+jwt`, Entra writes `JWT`.
 */
export function createBearerVerifier(
  options: BearerVerifierOptions,
): (authorization: string | undefined) => Promise<Caller> {
  const keys = createLocalJWKSet(options.jwks);
  return async (authorization) => {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (match?.[1] === undefined) {
      throw unauthorized('Missing or malformed Authorization header: expected "Bearer <access token>".');
    }
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(match[1], keys, {
        issuer: options.issuer,
        audience: options.audience,
        algorithms: ['RS256'],
      }));
    } catch (error) {
      throw unauthorized(reason(error));
    }
    return {
      upn: claim(payload, 'upn'),
      appId: claim(payload, 'appid') ?? claim(payload, 'azp') ?? '',
      tenantId: claim(payload, 'tid') ?? '',
      scopes: new Set((claim(payload, 'scp') ?? '').split(' ').filter((scope) => scope !== '')),
    };
  };
}

export function requireScope(caller: Caller, anyOf: readonly DefenderScope[]): void {
  if (anyOf.some((scope) => caller.scopes.has(scope))) return;
  const held = caller.scopes.size > 0 ? [...caller.scopes].join(' ') : 'none';
  throw new DefenderError(
    403,
    'Forbidden',
    `Missing permission: this request needs the delegated permission ${anyOf.join(' or ')}. ` +
      `The token's scp claim has: ${held}.`,
  );
}
