import type { Guid } from '../../core/lib/guid';

/**
 * Every key the relay writes, in one place, so that a reader can see that none holds a token: analysts are
 * known by their Entra object id, actions by their ID.
 */
export const keys = {
  /** The replica that polls (its random id), with a TTL: the leader lease. */
  leader: 'relay:leader',
  /** Sorted set: watched action ID → when its lease expires (ms). */
  leases: 'relay:leases',
  /** The latest check of one action (Defender's JSON and the watch's history), for streams that join later. */
  action: (id: Guid) => `relay:action:${id}`,
  /** The IDs one analyst watches (JSON array). */
  watch: (oid: string) => `relay:watch:${oid}`,
  /** Whether one analyst's own token could read one action: "1" or "not-found" / "forbidden". */
  access: (oid: string, id: Guid) => `relay:access:${oid}:${id}`,
  /** The team's 429 pause: until when (ms), with a TTL to match. */
  pause: 'relay:pause',
  /** The list shape this tenant accepts, as the app's ListShape JSON. */
  listShape: 'relay:list-shape',
  /** rate-limiter-flexible's own keys start with these. */
  budgetPrefix: 'relay:budget',
  requestsPrefix: 'relay:requests',
  /** The one pub/sub channel every replica listens on. */
  events: 'relay:events',
} as const;
