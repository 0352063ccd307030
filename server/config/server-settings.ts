import * as v from 'valibot';
import { cloudNames, clouds, type Cloud, type CloudName } from '../../core/defender/clouds';
import { guid, httpUrl, integer, need, readVariables, redisUrl, SettingsError, share, text, tokenSafeOrigin, urlList } from '../../relay/config/env-variables';
import { relaySettingsFromEnv, type RelayCustomerTenant, type RelaySettings } from '../../relay/config/settings';
import { parseTrustProxy, type TrustProxy } from './trust-proxy';
import { readCustomerTenants, type CustomerTenant } from './customer-tenants';

export { SettingsError };

/** How the app signs in: a tenant of a Microsoft cloud, or the built-in simulator (tests, demos). */
export type SignInSettings =
  | { mode: 'tenant'; cloud: CloudName; tenantId: string; clientId: string }
  | { mode: 'simulator'; identityUrl: string; tenantId: string | undefined; clientId: string | undefined };

/** The whole server, as its environment configures it (server/README.md, "Settings"). */
export interface ServerSettings {
  host: string;
  port: number;
  /** The built app (index.html, assets, redirect.html). */
  appDir: string;
  logLevel: string;
  trustProxy: TrustProxy;
  signIn: SignInSettings;
  /** Where the same-origin Defender path forwards: an origin taken from here, never from a request. */
  defenderApi: string;
  /**
   * What config.json tells the browser to call: this origin's Defender path by default. A Defender host here
   * means direct calls (which the real API refuses; the app then says so): the page's CSP allows that host.
   */
  appApiBaseUrl: string;
  tokenResource: string;
  api: { requestsPerMinute: number; requestsPerMinutePerAddress: number; maxInFlight: number; timeoutMs: number; maxResponseBytes: number };
  /** Open connections at most; past it, new ones wait in the kernel's queue (a load balancer caps them per client). */
  maxConnections: number;
  /** What the app's config.json says besides the tenant. */
  app: { quotaShare: string | undefined; analystsAtOnce: string | undefined; signInCache: 'browser' | 'tab' | undefined };
  /** From SIGTERM, /readyz says 503 this long before the streams are closed and the server stops. */
  drainMs: number;
  /** The team relay on the same origin (/relay), when Redis is configured. */
  relay: RelaySettings | undefined;
  /** An MSSP's customers' tenants (TENANTS), for config.json and the Defender path; undefined: the one tenant. */
  tenants: CustomerTenant[] | undefined;
}

/** The same-origin path the app's config.json names as `apiBaseUrl` by default. */
export const defenderPath = '/defender-api';

function isTokenSafeOrigin(value: string): boolean {
  return v.safeParse(tokenSafeOrigin, value).success;
}

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const variables = {
  HOST: [text, '0.0.0.0'],
  PORT: [integer(0, 65_535), '8080'],
  APP_DIR: [text, 'dist'],
  LOG_LEVEL: [v.pipe(text, v.picklist(logLevels, `must be one of ${logLevels.join(', ')}`)), 'info'],
  TRUST_PROXY: [text, 'false'],
  CLOUD: [v.pipe(text, v.picklist(cloudNames, `must be one of ${cloudNames.join(', ')}`)), 'commercial'],
  TENANT_ID: [guid, ''],
  CLIENT_ID: [guid, ''],
  SIMULATOR_IDENTITY_URL: [httpUrl, ''],
  DEFENDER_API_URL: [tokenSafeOrigin, ''],
  TOKEN_RESOURCE: [httpUrl, ''],
  AUTHORITY: [httpUrl, ''],
  TOKEN_ISSUERS: [urlList, ''],
  API_REQUESTS_PER_MINUTE: [integer(1, 100_000), '80'],
  API_REQUESTS_PER_MINUTE_PER_ADDRESS: [integer(1, 1_000_000), '1000'],
  API_MAX_IN_FLIGHT: [integer(1, 10_000), '32'],
  API_TIMEOUT_MS: [integer(100, 120_000), '20000'],
  API_MAX_RESPONSE_BYTES: [integer(1_024, 256 * 1024 * 1024), String(8 * 1024 * 1024)],
  MAX_CONNECTIONS: [integer(10, 1_000_000), '5000'],
  QUOTA_SHARE: [share, ''],
  ANALYSTS_AT_ONCE: [integer(1, 1_000), ''],
  SIGN_IN_CACHE: [v.pipe(text, v.picklist(['browser', 'tab'], 'must be browser or tab')), ''],
  DRAIN_MS: [integer(0, 120_000), '5000'],
  REDIS_URL: [redisUrl, ''],
  API_BASE_URL: [v.pipe(text, v.check((value) => value === defenderPath || isTokenSafeOrigin(value), `must be ${defenderPath} (the default) or an https origin`)), defenderPath],
} as const;

/**
 * Entra issues Defender tokens in its v1 format (`iss` https://sts.windows.net/{tenant}/, `appid`), whatever
 * the app asked for: both forms are accepted unless TOKEN_ISSUERS says otherwise.
 */
export function defaultTokenIssuers(cloud: Cloud, tenantId: string): string[] {
  const v1Host = cloud.loginHost === 'https://login.microsoftonline.us' ? 'https://login.microsoftonline.us' : 'https://sts.windows.net';
  return [`${v1Host}/${tenantId}/`, `${cloud.loginHost}/${tenantId}/v2.0`];
}

/**
 * The simulator names itself http://localhost:PORT however it is reached (SIMULATOR_IDENTITY_URL may say
 * 127.0.0.1), and each of its tenants http://localhost:PORT/<tenant>/v2.0. Analysts' tokens carry the root
 * issuer when the app signs in at the root, the home tenant's when it signs in at the tenant's path: both are taken.
 */
export function simulatorTokenIssuers(identityUrl: string, tenantId: string): string[] {
  const issuer = new URL(identityUrl);
  if (issuer.hostname === '127.0.0.1') issuer.hostname = 'localhost';
  return [issuer.origin, `${issuer.origin}/${tenantId}/v2.0`];
}

/**
 * The customers the relay may serve: those in the server's cloud (its one Defender host and resource), each
 * at its own authority and issuers, as the home tenant's are found. AUTHORITY and TOKEN_ISSUERS are the home
 * tenant's alone.
 */
function relayCustomers(tenants: readonly CustomerTenant[], signIn: SignInSettings | undefined, cloudName: CloudName): RelayCustomerTenant[] {
  const cloud = clouds[cloudName];
  return tenants
    .filter((tenant) => (tenant.cloud ?? cloudName) === cloudName)
    .map(({ id, name }) =>
      signIn?.mode === 'simulator'
        ? { id, name, authority: `${signIn.identityUrl}/${id}/v2.0`, tokenIssuers: simulatorTokenIssuers(signIn.identityUrl, id).slice(1) }
        : { id, name, authority: `${cloud.loginHost}/${id}/v2.0`, tokenIssuers: defaultTokenIssuers(cloud, id) },
    );
}

/** Whether a variable was given at all: one given but invalid has its problem already, not "is required" too. */
function given(env: Readonly<Record<string, string | undefined>>, name: string): boolean {
  return (env[name] ?? '').trim() !== '';
}

function signInFrom(
  values: { TENANT_ID?: string; CLIENT_ID?: string; SIMULATOR_IDENTITY_URL?: string; CLOUD?: CloudName },
  env: Readonly<Record<string, string | undefined>>,
  problems: string[],
): SignInSettings | undefined {
  if (given(env, 'SIMULATOR_IDENTITY_URL')) {
    if (!values.SIMULATOR_IDENTITY_URL) return undefined; // invalid: named already
    // TENANT_ID and CLIENT_ID name the simulator's, for the relay's checks of analysts' tokens.
    return { mode: 'simulator', identityUrl: new URL(values.SIMULATOR_IDENTITY_URL).origin, tenantId: values.TENANT_ID, clientId: values.CLIENT_ID };
  }
  if (!given(env, 'TENANT_ID')) problems.push('TENANT_ID is required (the directory (tenant) ID of your Entra tenant; or SIMULATOR_IDENTITY_URL to run against the simulator)');
  if (!given(env, 'CLIENT_ID')) problems.push("CLIENT_ID is required (the application (client) ID of the app's registration)");
  if (!values.TENANT_ID || !values.CLIENT_ID) return undefined;
  // A CLOUD that is not valid is named already; commercial stands in so that every other problem is found too.
  return { mode: 'tenant', cloud: values.CLOUD ?? 'commercial', tenantId: values.TENANT_ID, clientId: values.CLIENT_ID };
}

/** `TENANTS`, read entry by entry with the app's own reader: every bad entry named, each with its place. */
function tenantsFrom(env: Readonly<Record<string, string | undefined>>, homeCloud: CloudName | undefined, problems: string[]): CustomerTenant[] | undefined {
  const text = env.TENANTS?.trim();
  if (!text) return undefined;
  const read = readCustomerTenants(text, homeCloud);
  if ('problems' in read) {
    problems.push(...read.problems.map((problem) => `TENANTS ${problem}`));
    return undefined;
  }
  return read.tenants;
}

/** Reads and validates the server's environment; throws a SettingsError naming every bad variable at once. */
export function settingsFromEnv(env: Readonly<Record<string, string | undefined>>): ServerSettings {
  const problems: string[] = [];
  const values = readVariables(env, variables, problems);
  const trustProxy = values.TRUST_PROXY === undefined ? false : parseTrustProxy(values.TRUST_PROXY, problems);
  const signIn = signInFrom(values, env, problems);
  const cloud = clouds[values.CLOUD ?? 'commercial'];
  const tenants = tenantsFrom(env, signIn?.mode === 'tenant' ? signIn.cloud : undefined, problems);
  if (signIn?.mode === 'simulator' && !given(env, 'DEFENDER_API_URL')) problems.push("DEFENDER_API_URL is required with SIMULATOR_IDENTITY_URL (the simulator's Defender API)");
  const defenderApi = values.DEFENDER_API_URL ?? new URL(cloud.apiBaseUrl).origin;
  const tokenResource = (values.TOKEN_RESOURCE ?? cloud.tokenResource).replace(/\/+$/, '');

  let relay: RelaySettings | undefined;
  // The relay's own variables are checked whenever Redis is asked for, whatever else is wrong: all at once.
  if (given(env, 'REDIS_URL')) {
    if (signIn?.mode === 'simulator' && !signIn.clientId && !given(env, 'CLIENT_ID')) problems.push("CLIENT_ID is required with REDIS_URL (the app's client id: analysts' tokens must be issued to it)");
    if (signIn?.mode === 'simulator' && !signIn.tenantId && !given(env, 'TENANT_ID')) problems.push("TENANT_ID is required with REDIS_URL (analysts' tokens must carry it as tid)");
    const relayTenant = signIn?.tenantId ?? '';
    const authority = values.AUTHORITY ?? (signIn?.mode === 'simulator' ? signIn.identityUrl : `${cloud.loginHost}/${relayTenant}/v2.0`);
    const issuers = values.TOKEN_ISSUERS ?? (signIn?.mode === 'simulator' ? simulatorTokenIssuers(signIn.identityUrl, relayTenant) : defaultTokenIssuers(cloud, relayTenant));
    relay = relaySettingsFromEnv(
      env,
      {
        redisUrl: values.REDIS_URL ?? '',
        tenantId: relayTenant,
        authority,
        tokenIssuers: issuers,
        appClientId: signIn?.clientId ?? '',
        defenderApi,
        defenderResource: tokenResource,
        customers: relayCustomers(tenants ?? [], signIn, values.CLOUD ?? 'commercial'),
      },
      problems,
    );
  }
  if (problems.length > 0) throw new SettingsError(problems);
  return {
    host: need(values.HOST),
    port: need(values.PORT),
    appDir: need(values.APP_DIR),
    logLevel: need(values.LOG_LEVEL),
    trustProxy,
    signIn: need(signIn),
    defenderApi,
    appApiBaseUrl: need(values.API_BASE_URL) === defenderPath ? defenderPath : new URL(need(values.API_BASE_URL)).origin,
    tokenResource,
    api: {
      requestsPerMinute: need(values.API_REQUESTS_PER_MINUTE),
      requestsPerMinutePerAddress: need(values.API_REQUESTS_PER_MINUTE_PER_ADDRESS),
      maxInFlight: need(values.API_MAX_IN_FLIGHT),
      timeoutMs: need(values.API_TIMEOUT_MS),
      maxResponseBytes: need(values.API_MAX_RESPONSE_BYTES),
    },
    maxConnections: need(values.MAX_CONNECTIONS),
    app: {
      quotaShare: values.QUOTA_SHARE === undefined ? undefined : String(values.QUOTA_SHARE),
      analystsAtOnce: values.ANALYSTS_AT_ONCE === undefined ? undefined : String(values.ANALYSTS_AT_ONCE),
      signInCache: values.SIGN_IN_CACHE,
    },
    drainMs: need(values.DRAIN_MS),
    relay,
    tenants,
  };
}
