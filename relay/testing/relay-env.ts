import { CLIENT_ID, DEFENDER_RESOURCE, nodeUrl, RELAY_CLIENT_ID, RELAY_CLIENT_SECRET, TENANT_ID } from '../../sim/constants';

export const testAppOrigin = 'http://localhost:5173';

export interface TestRelayPlaces {
  redisUrl: string;
  identityPort: number;
  apiPort: number;
}

/**
 * A relay's environment against the simulator and a test Redis, as an operator would write it, with
 * timings short enough for tests: leases of 1.5 s, a leader lease of 1 s, a heartbeat of 300 ms.
 */
export function relayEnv(places: TestRelayPlaces, extra: Record<string, string> = {}): Record<string, string> {
  return {
    RELAY_PORT: '0',
    RELAY_REDIS_URL: places.redisUrl,
    RELAY_APP_ORIGIN: testAppOrigin,
    RELAY_TENANT_ID: TENANT_ID,
    // Discovery through 127.0.0.1; the issuer it names (http://localhost:PORT) is the one tokens carry.
    RELAY_AUTHORITY: nodeUrl(places.identityPort),
    RELAY_APP_CLIENT_ID: CLIENT_ID,
    RELAY_DEFENDER_API: nodeUrl(places.apiPort),
    RELAY_DEFENDER_RESOURCE: DEFENDER_RESOURCE,
    RELAY_CLIENT_ID,
    RELAY_CLIENT_SECRET,
    RELAY_LEASE_TTL_MS: '1500',
    RELAY_LEADER_TTL_MS: '1000',
    RELAY_HEARTBEAT_MS: '300',
    RELAY_DENIED_TTL_MS: '1000',
    ...extra,
  };
}
