/**
 * What the server can tell of an analyst's token without Defender: that it is a JWT at all, not expired,
 * and (with tenants set) for one of them. Defender verifies it; this only keeps garbage, and tokens of
 * another tenant, from costing a call and a rate-limit bucket each. Unverified: nothing is trusted from it.
 */
/** `tenantId`: the token's `tid`, lower-cased, which picks the tenant's cloud; unverified, like the rest. */
export type TokenShapeVerdict = { ok: true; tenantId: string | undefined } | { ok: false; reason: string };

const jwt = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]*)$/;

export function checkTokenShape(token: string, options: { tenantIds: readonly string[] | undefined; now: number }): TokenShapeVerdict {
  const parts = jwt.exec(token);
  if (!parts) return { ok: false, reason: 'The bearer token is not a JWT.' };
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(parts[2], 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'The bearer token is not a JWT.' };
  }
  if (typeof claims !== 'object' || claims === null) return { ok: false, reason: 'The bearer token is not a JWT.' };
  const { exp, tid } = claims as { exp?: unknown; tid?: unknown };
  // A minute of leeway for the clocks; Defender decides the rest.
  if (typeof exp !== 'number' || exp * 1000 < options.now - 60_000) return { ok: false, reason: 'The access token has expired: sign in again.' };
  if (options.tenantIds !== undefined && (typeof tid !== 'string' || !options.tenantIds.includes(tid.toLowerCase()))) {
    return { ok: false, reason: 'The access token is for another tenant.' };
  }
  return { ok: true, tenantId: typeof tid === 'string' ? tid.toLowerCase() : undefined };
}
