import type { Guid } from '../../core/lib/guid';

/**
 * Every key one tenant's relay writes, in one place, so that a reader can see that none holds a token:
 * analysts are known by their Entra object id, actions by their ID. Each tenant has keys of its own (the
 * quota, the pause and the list shape are per app and tenant, and two tenants' action IDs must never meet).
 */
export interface RelayKeys {
  /** The replica that polls this tenant (its random id), with a TTL: the leader lease. */
  leader: string;
  /** Sorted set: watched action ID → when its lease expires (ms). */
  leases: string;
  /** The latest check of one action (Defender's JSON and the watch's history), for streams that join later. */
  action: (id: Guid) => string;
  /** The IDs one analyst watches (JSON array). */
  watch: (oid: string) => string;
  /** Whether one analyst's own token could read one action: "1" or "not-found" / "forbidden". */
  access: (oid: string, id: Guid) => string;
  /** The tenant's 429 pause: until when (ms), with a TTL to match. */
  pause: string;
  /** The list shape this tenant accepts, as the app's ListShape JSON. */
  listShape: string;
  /** rate-limiter-flexible's own keys start with these. */
  budgetPrefix: string;
  requestsPrefix: string;
  /** The tenant's pub/sub channel, which every replica listens on. */
  events: string;
}

function keysUnder(prefix: string): RelayKeys {
  return {
    leader: `${prefix}:leader`,
    leases: `${prefix}:leases`,
    action: (id) => `${prefix}:action:${id}`,
    watch: (oid) => `${prefix}:watch:${oid}`,
    access: (oid, id) => `${prefix}:access:${oid}:${id}`,
    pause: `${prefix}:pause`,
    listShape: `${prefix}:list-shape`,
    budgetPrefix: `${prefix}:budget`,
    requestsPrefix: `${prefix}:requests`,
    events: `${prefix}:events`,
  };
}

/**
 * The home tenant's (TENANT_ID's) keys: the ones a single-tenant relay has always written, so that replicas
 * of the last version and of this one contest the same leader lease and count the same budget during a
 * rolling upgrade, rather than poll twice.
 */
export const keys: RelayKeys = keysUnder('relay');

/** A customer's tenant (TENANTS): every key under `relay:t:<tenant>`, which no home key can start with. */
export function customerKeys(tenantId: string): RelayKeys {
  return keysUnder(`relay:t:${tenantId}`);
}
