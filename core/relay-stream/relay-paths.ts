import * as v from 'valibot';

/**
 * Where the team relay's API is, under its base URL (config.json's relayUrl, `/relay` on the app's origin),
 * and how it says no (relay/README.md, "The HTTP API"). The relay registers these paths and the browser
 * calls them: written once, here.
 */
export type RelayRoute = 'watch' | 'stream';

/**
 * `/v1/watch`: the home tenant's (TENANT_ID's), as a single-tenant relay has always served it; with a
 * tenant, `/v1/t/<tenant>/watch`: that tenant's own relay, with its own app token, budget and watches,
 * which takes that tenant's tokens only.
 */
export function relayPath(route: RelayRoute, tenant?: string): string {
  return tenant === undefined ? `/v1/${route}` : `/v1/t/${tenant}/${route}`;
}

/** The code of a tenant's path the relay does not serve (its app has no token there): the browser polls it itself. */
export const tenantNotServedCode = 'TenantNotServed';

/** Every refusal's shape, Defender's own: `{ "error": { "code", "message" } }`. */
const relayErrorSchema = v.object({
  error: v.object({ code: v.pipe(v.string(), v.maxLength(64)), message: v.pipe(v.string(), v.maxLength(1_000)) }),
});

export interface RelayError {
  code: string;
  message: string;
}

/** A refusal's code and words as read off the wire, or undefined for a body that is not one (a proxy's page). */
export function readRelayError(json: unknown): RelayError | undefined {
  const parsed = v.safeParse(relayErrorSchema, json);
  return parsed.success ? parsed.output.error : undefined;
}
