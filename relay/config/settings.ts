import * as v from 'valibot';

/** Everything the relay is told by its environment. Secrets live here in memory only, never in Redis or logs. */
export interface RelaySettings {
  host: string;
  port: number;
  redisUrl: string;
  /** The one browser origin allowed to call (CORS). */
  appOrigin: string;
  tenantId: string;
  /** Where `/.well-known/openid-configuration` is published (Entra: https://login.microsoftonline.com/{tenant}/v2.0). */
  authority: string;
  /** Accepted `iss` values; from discovery when unset. Entra's v1 Defender tokens say https://sts.windows.net/{tenant}/. */
  tokenIssuers: string[] | undefined;
  jwksUrl: string | undefined;
  tokenUrl: string | undefined;
  /** The app's (SPA's) client id: analysts' tokens must be issued to it (`azp` or `appid`). */
  appClientId: string;
  defenderApi: string;
  /** The Defender resource: analysts' tokens' audience, and the relay's own `.default` scope. */
  defenderResource: string;
  relayClientId: string;
  relayClientSecret: string;
  /** The deployment's share of Defender's quota for this app registration (0–1). */
  quotaShare: number;
  maxIdsPerAnalyst: number;
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
}

/** Thrown at start-up with every bad setting named, so an operator fixes them in one go. */
export class SettingsError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`The relay's settings are not valid:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'SettingsError';
    this.problems = problems;
  }
}

const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const text = v.pipe(v.string(), v.trim(), v.nonEmpty('must not be empty'));
const guid = v.pipe(text, v.regex(guidPattern, 'must be a GUID (8-4-4-4-12 hex digits)'), v.toLowerCase());
const httpUrl = v.pipe(
  text,
  v.url('must be an absolute URL'),
  v.check((value) => /^https?:$/.test(new URL(value).protocol), 'must be an http or https URL'),
);
/** An origin as browsers send it: scheme, host and port, no path, no trailing slash. */
const origin = v.pipe(
  httpUrl,
  v.check((value) => new URL(value).origin === value.replace(/\/$/, ''), 'must be an origin only (scheme://host[:port]), no path'),
  v.transform((value) => new URL(value).origin),
);
const redisUrl = v.pipe(
  text,
  v.url('must be a URL like redis://host:6379 or rediss://host:6380'),
  v.check((value) => /^rediss?:$/.test(new URL(value).protocol), 'must start with redis:// or rediss://'),
);
const integer = (min: number, max: number) =>
  v.pipe(text, v.toNumber('must be a number'), v.integer('must be a whole number'), v.minValue(min, `must be at least ${min}`), v.maxValue(max, `must be at most ${max}`));
const urlList = v.pipe(
  text,
  v.transform((value) => value.split(',').map((item) => item.trim()).filter((item) => item !== '')),
  v.array(v.pipe(v.string(), v.url('each issuer must be an absolute URL'))),
);

const minuteMs = 60_000;
const dayMs = 24 * 60 * minuteMs;

/** Each variable: its schema, and its default when unset (none: required). */
const variables = {
  RELAY_HOST: [text, '127.0.0.1'],
  RELAY_PORT: [integer(0, 65_535), '4030'],
  RELAY_REDIS_URL: [redisUrl, undefined],
  RELAY_APP_ORIGIN: [origin, undefined],
  RELAY_TENANT_ID: [guid, undefined],
  RELAY_AUTHORITY: [httpUrl, undefined],
  RELAY_TOKEN_ISSUERS: [urlList, ''],
  RELAY_JWKS_URL: [httpUrl, ''],
  RELAY_TOKEN_URL: [httpUrl, ''],
  RELAY_APP_CLIENT_ID: [guid, undefined],
  RELAY_DEFENDER_API: [origin, 'https://api.securitycenter.microsoft.com'],
  RELAY_DEFENDER_RESOURCE: [httpUrl, 'https://api.securitycenter.microsoft.com'],
  RELAY_CLIENT_ID: [guid, undefined],
  RELAY_CLIENT_SECRET: [text, undefined],
  RELAY_QUOTA_SHARE: [
    v.pipe(text, v.toNumber('must be a number'), v.gtValue(0, 'must be above 0'), v.maxValue(1, 'must be at most 1 (the whole quota)')),
    '0.8',
  ],
  RELAY_MAX_IDS: [integer(1, 5_000), '500'],
  RELAY_REQUESTS_PER_MINUTE: [integer(1, 10_000), '60'],
  RELAY_LEASE_TTL_MS: [integer(500, dayMs), String(2 * minuteMs)],
  RELAY_LEADER_TTL_MS: [integer(300, 5 * minuteMs), '10000'],
  RELAY_HEARTBEAT_MS: [integer(100, 5 * minuteMs), '15000'],
  RELAY_ACCESS_TTL_MS: [integer(1_000, dayMs), String(60 * minuteMs)],
  RELAY_DENIED_TTL_MS: [integer(1_000, dayMs), '30000'],
  RELAY_STATE_TTL_MS: [integer(1_000, 7 * dayMs), String(dayMs)],
} as const satisfies Record<string, readonly [v.GenericSchema<string, unknown>, string | undefined]>;

type Variables = typeof variables;
type Parsed = { [Name in keyof Variables]: v.InferOutput<Variables[Name][0]> | undefined };

/** A value is echoed back in the error, except the secret's: an error message may end up in a log. */
function describe(name: string, raw: string): string {
  return name === 'RELAY_CLIENT_SECRET' ? '' : ` (got ${JSON.stringify(raw.length > 80 ? `${raw.slice(0, 80)}…` : raw)})`;
}

/** Reads and validates the relay's environment; throws a SettingsError naming every bad variable. */
export function settingsFromEnv(env: Record<string, string | undefined>): RelaySettings {
  const problems: string[] = [];
  const parsed: Partial<Record<string, unknown>> = {};
  for (const [name, [schema, fallback]] of Object.entries(variables)) {
    const raw = env[name] === undefined || env[name].trim() === '' ? fallback : env[name];
    if (raw === undefined) {
      problems.push(`${name} is required`);
      continue;
    }
    if (raw === '') continue; // optional, unset
    const result = v.safeParse(schema, raw);
    if (result.success) parsed[name] = result.output;
    else problems.push(`${name} ${result.issues[0].message}${describe(name, raw)}`);
  }
  if (problems.length > 0) throw new SettingsError(problems);
  return toSettings(parsed as Parsed);
}

function toSettings(values: Parsed): RelaySettings {
  const need = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('A required setting was not parsed.'); // unreachable: required ones are checked
    return value;
  };
  const timings: RelayTimings = {
    leaseTtlMs: need(values.RELAY_LEASE_TTL_MS),
    leaderTtlMs: need(values.RELAY_LEADER_TTL_MS),
    heartbeatMs: need(values.RELAY_HEARTBEAT_MS),
    accessTtlMs: need(values.RELAY_ACCESS_TTL_MS),
    deniedTtlMs: need(values.RELAY_DENIED_TTL_MS),
    stateTtlMs: need(values.RELAY_STATE_TTL_MS),
  };
  return {
    host: need(values.RELAY_HOST),
    port: need(values.RELAY_PORT),
    redisUrl: need(values.RELAY_REDIS_URL),
    appOrigin: need(values.RELAY_APP_ORIGIN),
    tenantId: need(values.RELAY_TENANT_ID),
    authority: need(values.RELAY_AUTHORITY),
    tokenIssuers: values.RELAY_TOKEN_ISSUERS,
    jwksUrl: values.RELAY_JWKS_URL,
    tokenUrl: values.RELAY_TOKEN_URL,
    appClientId: need(values.RELAY_APP_CLIENT_ID),
    defenderApi: need(values.RELAY_DEFENDER_API),
    defenderResource: need(values.RELAY_DEFENDER_RESOURCE).replace(/\/$/, ''),
    relayClientId: need(values.RELAY_CLIENT_ID),
    relayClientSecret: need(values.RELAY_CLIENT_SECRET),
    quotaShare: need(values.RELAY_QUOTA_SHARE),
    maxIdsPerAnalyst: need(values.RELAY_MAX_IDS),
    requestsPerMinute: need(values.RELAY_REQUESTS_PER_MINUTE),
    timings,
  };
}
