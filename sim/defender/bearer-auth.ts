import { createLocalJWKSet, decodeJwt, errors, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';
import type { DefenderAppRole, DefenderScope } from '../constants.ts';
import { DefenderError } from './errors.ts';

/** Who called, from the verified access token. */
export interface Caller {
  /** `app` when an app called as itself (client credentials): no user, so no user's device groups. */
  readonly kind: 'user' | 'app';
  /** The user's (or the app's service principal's) Entra object id. */
  readonly objectId: string | null;
  readonly upn: string | null;
  readonly appId: string;
  readonly tenantId: string;
  /** Delegated permissions, from `scp`. */
  readonly scopes: ReadonlySet<string>;
  /** Application permissions, from `roles`. */
  readonly roles: ReadonlySet<string>;
}

/** What a route needs: any one delegated permission for a user, any one application permission for an app. */
export interface Permission {
  readonly delegated: readonly DefenderScope[];
  readonly application: readonly DefenderAppRole[];
}

export interface BearerVerifierOptions {
  readonly jwks: JSONWebKeySet;
  /**
   * The issuers a token of this tenant (its `tid`) may name: the tenant's own, and for the home tenant the
   * provider's root issuer too. None for a tenant the host does not serve: its tokens get 401.
   */
  readonly issuersOf: (tenantId: string) => readonly string[];
  readonly audience: string;
}

function bearerTokenOf(authorization: string | undefined): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
}

function unauthorized(message: string): DefenderError {
  return new DefenderError(401, 'Unauthorized', message, { 'WWW-Authenticate': 'Bearer' });
}

function claim(payload: JWTPayload, name: string): string | null {
  const value = payload[name];
  return typeof value === 'string' ? value : null;
}

function rolesOf(payload: JWTPayload): Set<string> {
  const roles = payload.roles;
  return new Set(Array.isArray(roles) ? roles.filter((role): role is string => typeof role === 'string') : []);
}

/** Entra marks app tokens with `idtyp: app` (an optional claim); without it, `roles` and no `scp` say the same. */
function kindOf(payload: JWTPayload): Caller['kind'] {
  if (payload.idtyp === 'app') return 'app';
  return payload.scp === undefined && payload.roles !== undefined ? 'app' : 'user';
}

function reason(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'The access token has expired.';
  if (error instanceof errors.JWTClaimValidationFailed) {
    return `The access token's '${error.claim}' claim is not accepted: ${error.message}.`;
  }
  if (error instanceof errors.JOSEError) return `The access token is not valid: ${error.message}.`;
  return 'The access token is not valid.';
}

/** The token's issuer, when its tenant accepts it: the tenant is read from the verified token's `tid`. */
function requireIssuer(payload: JWTPayload, issuersOf: BearerVerifierOptions['issuersOf']): void {
  const tenantId = claim(payload, 'tid') ?? '';
  const issuers = issuersOf(tenantId);
  if (issuers.length === 0) throw unauthorized(`The access token's tenant '${tenantId}' is not served here.`);
  if (!issuers.includes(payload.iss ?? '')) {
    throw unauthorized(`The access token's 'iss' claim is not accepted for tenant ${tenantId}: expected ${issuers.join(' or ')}.`);
  }
}

/**
 * Verifies a bearer token against the identity provider's keys, and its issuer against its tenant's. Expiry
 * uses the real clock, never the simulated one. `typ` is not pinned: oidc-provider writes `at+jwt`, Entra
 * writes `JWT`.
 */
export function createBearerVerifier(
  options: BearerVerifierOptions,
): (authorization: string | undefined) => Promise<Caller> {
  const keys = createLocalJWKSet(options.jwks);
  return async (authorization) => {
    const token = bearerTokenOf(authorization);
    if (token === undefined) {
      throw unauthorized('Missing or malformed Authorization header: expected "Bearer <access token>".');
    }
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, { audience: options.audience, algorithms: ['RS256'] }));
    } catch (error) {
      throw unauthorized(reason(error));
    }
    requireIssuer(payload, options.issuersOf);
    return {
      kind: kindOf(payload),
      objectId: claim(payload, 'oid'),
      upn: claim(payload, 'upn'),
      appId: claim(payload, 'appid') ?? claim(payload, 'azp') ?? '',
      tenantId: claim(payload, 'tid') ?? '',
      scopes: new Set((claim(payload, 'scp') ?? '').split(' ').filter((scope) => scope !== '')),
      roles: rolesOf(payload),
    };
  };
}

/**
 * The tenant a bearer token says it is for, unverified: what stands in front of Defender (injected faults, a
 * front end's URL limit) answers before any token is checked, per tenant all the same.
 */
export function claimedTenantOf(authorization: string | undefined): string | undefined {
  const token = bearerTokenOf(authorization);
  if (token === undefined) return undefined;
  try {
    return claim(decodeJwt(token), 'tid') ?? undefined;
  } catch {
    return undefined;
  }
}

const held = (claims: ReadonlySet<string>) => (claims.size > 0 ? [...claims].join(' ') : 'none');

/** Defender takes either form: a user's delegated permission in `scp` or an app's permission in `roles`. */
export function requirePermission(caller: Caller, permission: Permission): void {
  if (permission.delegated.some((scope) => caller.scopes.has(scope))) return;
  if (permission.application.some((role) => caller.roles.has(role))) return;
  throw new DefenderError(
    403,
    'Forbidden',
    `Missing permission: this request needs the delegated permission ${permission.delegated.join(' or ')} (scp) ` +
      `or the application permission ${permission.application.join(' or ')} (roles). ` +
      `The token's scp claim has: ${held(caller.scopes)}; its roles claim has: ${held(caller.roles)}.`,
  );
}
