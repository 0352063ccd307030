import { guid, httpUrl, integer, need, readVariables, share, text } from './env-variables';

/**
 * A customer's tenant (the server's TENANTS) the relay serves when its own app gets a token there: where its
 * discovery document is, and the `iss` its analysts' tokens carry.
 */
export interface RelayCustomerTenant {
  id: string;
  name: string;
  authority: string;
  tokenIssuers: string[];
}

/**
 * What the relay needs of the deployment, which the server's settings hold (server/config): the tenants, the
 * identity provider, the app registration and the Defender host the server already serves.
 */
export interface RelayBase {
  redisUrl: string;
  tenantId: string;
  /** Where `/.well-known/openid-configuration` is published (Entra: https://login.microsoftonline.com/{tenant}/v2.0). */
  authority: string;
  /** Accepted `iss` values; from discovery when unset. */
  tokenIssuers: string[] | undefined;
  /** The app's (SPA's) client id: analysts' tokens must be issued to it (`azp` or `appid`). */
  appClientId: string;
  defenderApi: string;
  /** The Defender resource: analysts' tokens' audience, and the relay's own `.default` scope. */
  defenderResource: string;
  /** The customers' tenants in the deployment's cloud, each served with an app token and a budget of its own. */
  customers: RelayCustomerTenant[];
}

/** Everything the relay is told. Secrets live here in memory only, never in Redis or logs. */
export interface RelaySettings extends RelayBase {
  jwksUrl: string | undefined;
  tokenUrl: string | undefined;
  relayClientId: string;
  relayClientSecret: string;
  /** The deployment's share of Defender's quota for this app registration (0–1). */
  quotaShare: number;
  maxIdsPerAnalyst: number;
  /** Streams one analyst may hold open on one replica (each tab that leads polling holds one). */
  maxStreamsPerAnalyst: number;
  /** Access checks (reads with the analyst's own token) one analyst may cause a minute. */
  accessChecksPerMinute: number;
  requestsPerMinute: number;
  timings: RelayTimings;
}

export interface RelayTimings {
  /** An ID no one has renewed for this long is no longer polled. */
  leaseTtlMs: number;
  /** The poller's lease; another replica takes over this long after the holder stopped renewing it. */
  leaderTtlMs: number;
  /** Comment lines on each stream, so that proxies do not close an idle one. */
  heartbeatMs: number;
  /** How long a readable action stays readable for an analyst before their token reads it again. */
  accessTtlMs: number;
  /** A denial is kept shorter: a fresh action 404s for a few seconds before Defender knows it. */
  deniedTtlMs: number;
  /** How long a check's result is kept for streams that connect later. */
  stateTtlMs: number;
  /** A stream whose reader has not taken what was written for this long is dropped (with `bye`). */
  slowReaderMs: number;
}

const minuteMs = 60_000;
const dayMs = 24 * 60 * minuteMs;

/** The relay's own variables (server/README.md, "The team relay"), each with its default when unset (none: required). */
export const relayVariables = {
  RELAY_JWKS_URL: [httpUrl, ''],
  RELAY_TOKEN_URL: [httpUrl, ''],
  RELAY_CLIENT_ID: [guid, undefined],
  RELAY_CLIENT_SECRET: [text, undefined],
  RELAY_QUOTA_SHARE: [share, '0.8'],
  RELAY_MAX_IDS: [integer(1, 5_000), '500'],
  RELAY_MAX_STREAMS: [integer(1, 100), '6'],
  RELAY_REQUESTS_PER_MINUTE: [integer(1, 10_000), '60'],
  RELAY_ACCESS_CHECKS_PER_MINUTE: [integer(1, 1_000), '20'],
  RELAY_LEASE_TTL_MS: [integer(500, dayMs), String(2 * minuteMs)],
  RELAY_LEADER_TTL_MS: [integer(300, 5 * minuteMs), '10000'],
  RELAY_HEARTBEAT_MS: [integer(100, 5 * minuteMs), '15000'],
  RELAY_ACCESS_TTL_MS: [integer(1_000, dayMs), String(60 * minuteMs)],
  RELAY_DENIED_TTL_MS: [integer(1_000, dayMs), '30000'],
  RELAY_STATE_TTL_MS: [integer(1_000, 7 * dayMs), String(dayMs)],
  RELAY_SLOW_READER_MS: [integer(100, 5 * minuteMs), '30000'],
} as const;

/**
 * Reads the relay's variables over the deployment's base; every problem goes to `problems`. Undefined when
 * there were problems (the caller throws them all at once, with its own).
 */
export function relaySettingsFromEnv(env: Readonly<Record<string, string | undefined>>, base: RelayBase, problems: string[]): RelaySettings | undefined {
  const before = problems.length;
  const values = readVariables(env, relayVariables, problems, {
    RELAY_CLIENT_ID: "with REDIS_URL: the application (client) ID of the relay's own app registration, a confidential client with Machine.Read.All",
    RELAY_CLIENT_SECRET: "with REDIS_URL: a client secret of the relay's own app registration",
  });
  if (problems.length > before) return undefined;
  return {
    ...base,
    jwksUrl: values.RELAY_JWKS_URL,
    tokenUrl: values.RELAY_TOKEN_URL,
    relayClientId: need(values.RELAY_CLIENT_ID),
    relayClientSecret: need(values.RELAY_CLIENT_SECRET),
    quotaShare: need(values.RELAY_QUOTA_SHARE),
    maxIdsPerAnalyst: need(values.RELAY_MAX_IDS),
    maxStreamsPerAnalyst: need(values.RELAY_MAX_STREAMS),
    accessChecksPerMinute: need(values.RELAY_ACCESS_CHECKS_PER_MINUTE),
    requestsPerMinute: need(values.RELAY_REQUESTS_PER_MINUTE),
    timings: {
      leaseTtlMs: need(values.RELAY_LEASE_TTL_MS),
      leaderTtlMs: need(values.RELAY_LEADER_TTL_MS),
      heartbeatMs: need(values.RELAY_HEARTBEAT_MS),
      accessTtlMs: need(values.RELAY_ACCESS_TTL_MS),
      deniedTtlMs: need(values.RELAY_DENIED_TTL_MS),
      stateTtlMs: need(values.RELAY_STATE_TTL_MS),
      slowReaderMs: need(values.RELAY_SLOW_READER_MS),
    },
  };
}
