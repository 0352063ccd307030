import { cloudNames, clouds, type CloudName } from '../../core/defender/clouds';
import { isGuid } from '../../core/lib/guid';
import { isTenantId, readTenantList, type TenantEntry } from '../../core/defender/tenant-list';
import { chooseSimulator, readSimulatorSetting, type SimulatorOffer } from './simulator-choice';

/** The settings a deployment may put in `public/config.json`; each has a build-time `VITE_*` default. */
export interface RawSettings {
  cloud?: string;
  tenantId?: string;
  clientId?: string;
  apiBaseUrl?: string;
  tokenResource?: string;
  /** The share of Defender's quota (100 calls a minute, 1,500 an hour) this app may use: 0 to 1. */
  quotaShare?: string;
  /** How many analysts use the app registration at once: they split the share between them. */
  analystsAtOnce?: string;
  /** Where MSAL keeps the sign-in: `browser` (every tab of this browser session, the default) or `tab`. */
  signInCache?: string;
  /** The team relay's URL (https, or a same-origin path): when set, the app watches through it. */
  relayUrl?: string;
  /** `true`: sign in at the simulator even if the server does not say it runs one; `false`: never. */
  simulator?: string;
  /**
   * The customers' tenants whose actions the analyst watches (an MSSP): a list of `{ id, name }`, each
   * optionally with `cloud` and `apiBaseUrl`; in `config.json` a list, in `VITE_TENANTS` its JSON text.
   * Unset: the one tenant of `tenantId`.
   */
  tenants?: unknown;
}

export const settingNames = ['cloud', 'tenantId', 'clientId', 'apiBaseUrl', 'tokenResource', 'quotaShare', 'analystsAtOnce', 'signInCache', 'relayUrl', 'simulator', 'tenants'] as const;
export type SettingName = (typeof settingNames)[number];

export interface Settings {
  /** `simulator` when asked for (the serving server runs one, or the `simulator` setting): sign-in and actions from `sim/`. */
  mode: 'tenant' | 'simulator';
  cloudLabel: string;
  clientId: string;
  /** What MSAL is told the authority is. For the simulator an https name only; see `authorityMetadataUrl`. */
  authority: string;
  knownAuthorities: string[];
  /** Simulator only: MSAL refuses http authorities, so it gets the provider's discovery document instead. */
  authorityMetadataUrl?: string;
  /** Absolute https URL or a same-origin path (a reverse proxy), without a trailing slash. */
  apiBaseUrl: string;
  scopes: string[];
  portalUrl: string;
  /**
   * Every tenant whose actions are watched, in the order configured: the `tenants` setting, or the one
   * tenant signed in to. The analyst signs in once (`authority`); each tenant's token comes silently.
   */
  tenants: TenantSettings[];
  /** Every analyst on one app registration draws on the same quota: this tab keeps to its part. */
  quota: { share: number; analystsAtOnce: number };
  /**
   * `browser`: MSAL's localStorage cache, encrypted with a key in a session cookie, so one sign-in serves
   * every tab until the browser closes. `tab`: sessionStorage, a sign-in per tab.
   */
  signInCache: SignInCache;
  /**
   * The team relay (relay/): one poller for the whole team. Unset, each browser polls Defender itself, as
   * it also does while the relay does not answer. Absolute https URL or a same-origin path, no trailing slash.
   */
  relayUrl: string | undefined;
}

/** One tenant's Defender, as the app reaches it. */
export interface TenantSettings {
  /** The tenant's ID or domain, lower-cased, as configured: the key of everything kept per tenant. */
  id: string;
  /** The customer's name; empty for the one tenant of a deployment without `tenants`. */
  name: string;
  /** Where its tokens come from: its cloud's sign-in host and the tenant. */
  authority: string;
  /** Absolute https URL or a same-origin path, without a trailing slash. */
  apiBaseUrl: string;
  scopes: string[];
  portalUrl: string;
}

export const signInCaches = ['browser', 'tab'] as const;
export type SignInCache = (typeof signInCaches)[number];

export interface SettingProblem {
  setting: SettingName | 'config.json';
  message: string;
}

/**
 * `unconfigured`: no tenant, and no simulator was asked for. Not a bad setting to name but two missing
 * ones, with where to set them (app/unconfigured-page.tsx).
 */
export type SettingsResult = { ok: true; settings: Settings } | { ok: false; problems: SettingProblem[] } | { ok: false; unconfigured: true };

// The simulator's client registration and home tenant (sim/constants.ts holds the same values).
const simulatorClientId = '3f6b2d8e-5a41-4c7e-9d0b-7e2a1c9f4b10';
const simulatorTenantId = '6d2f1a3b-8c4e-4f5a-9b7d-2e1c0a9f8b37';
/**
 * The real Defender API refuses browsers' cross-origin calls: the app's own origin answers it at this path
 * (sim/constants.ts, SAME_ORIGIN_API_PATH), passed on to the simulator by `npm start` and `npm run preview`.
 */
const sameOriginApiPath = '/defender-api';
const defenderResource = 'https://api.securitycenter.microsoft.com';

function isLoopback(url: URL): boolean {
  return url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
}

/** An https URL (plain http only for localhost) or a same-origin path behind a proxy (`example`), without a trailing slash. */
function checkServiceUrl(setting: 'apiBaseUrl' | 'relayUrl', value: string, example: string): string | SettingProblem {
  const problem = (message: string): SettingProblem => ({ setting, message });
  if (value.startsWith('/')) {
    if (value.startsWith('//') || /[?#\\]/.test(value)) return problem(`"${value}" is not a plain same-origin path such as ${example}.`);
    return value.replace(/\/+$/, '');
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return problem(`"${value}" is neither an https URL nor a same-origin path starting with /.`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url))) {
    return problem(`"${value}" must use https (plain http is allowed only for localhost).`);
  }
  if (url.search || url.hash || url.username || url.password) return problem(`"${value}" must not carry a query, a fragment or credentials.`);
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

function checkResource(value: string): string | SettingProblem {
  try {
    const url = new URL(value);
    if (url.protocol === 'https:' && !url.search && !url.hash) return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
  } catch {
    // reported below
  }
  return { setting: 'tokenResource', message: `"${value}" is not an https URL such as ${defenderResource}.` };
}

function isProblem<T>(value: T | SettingProblem): value is SettingProblem {
  return typeof value === 'object' && value !== null && 'setting' in value;
}

function scopesFor(resource: string): string[] {
  // Read-only on purpose: the app never asks for more than Machine.Read.
  return [`${resource}/Machine.Read`];
}

/**
 * Turns the merged settings (config.json over the build's `VITE_*` defaults) into what the app runs with,
 * or into one problem per bad setting, each naming the setting.
 */
export function resolveSettings(raw: RawSettings, simulators: SimulatorOffer): SettingsResult {
  const problems: SettingProblem[] = [];
  const tenantId = raw.tenantId?.trim() ?? '';
  const clientId = raw.clientId?.trim() ?? '';
  const cloudName = (raw.cloud?.trim() || 'commercial') as CloudName;

  if (!cloudNames.includes(cloudName)) {
    problems.push({ setting: 'cloud', message: `"${raw.cloud}" is not one of ${cloudNames.join(', ')}.` });
  }
  if (tenantId && !isTenantId(tenantId)) {
    problems.push({ setting: 'tenantId', message: `"${tenantId}" is neither a tenant ID (a GUID) nor a domain such as contoso.onmicrosoft.com.` });
  }
  if (!tenantId && clientId) {
    problems.push({ setting: 'tenantId', message: 'A clientId is set but no tenantId: set both, the IDs of your tenant and of the app registration.' });
  }
  const simulatorSetting = readSimulatorSetting(raw.simulator);
  if (simulatorSetting === undefined) {
    problems.push({ setting: 'simulator', message: `"${raw.simulator}" is neither true nor false.` });
  } else if (simulatorSetting === 'asked' && (tenantId || clientId)) {
    problems.push({ setting: 'simulator', message: 'is true while a tenantId or clientId is set: the app signs in at a tenant or at the simulator, so remove one.' });
  }
  if (tenantId && !clientId) {
    problems.push({ setting: 'clientId', message: 'A tenantId is set but no clientId: set the application (client) ID of the app registration.' });
  } else if (clientId && !isGuid(clientId)) {
    problems.push({ setting: 'clientId', message: `"${clientId}" is not an application (client) ID: it must be a GUID.` });
  }
  const apiOverride = raw.apiBaseUrl?.trim() ? checkServiceUrl('apiBaseUrl', raw.apiBaseUrl.trim(), '/defender-api') : undefined;
  if (isProblem(apiOverride)) problems.push(apiOverride);
  const relay = raw.relayUrl?.trim() ? checkServiceUrl('relayUrl', raw.relayUrl.trim(), '/relay') : undefined;
  if (isProblem(relay)) problems.push(relay);
  const relayUrl = relay as string | undefined;
  const resourceOverride = raw.tokenResource?.trim() ? checkResource(raw.tokenResource.trim()) : undefined;
  if (isProblem(resourceOverride)) problems.push(resourceOverride);
  const share = raw.quotaShare?.trim() ? Number(raw.quotaShare) : 0.8;
  if (!(share > 0 && share <= 1)) problems.push({ setting: 'quotaShare', message: `"${raw.quotaShare}" is not a share between 0 and 1, such as 0.8.` });
  const analystsAtOnce = raw.analystsAtOnce?.trim() ? Number(raw.analystsAtOnce) : 1;
  if (!(Number.isInteger(analystsAtOnce) && analystsAtOnce >= 1 && analystsAtOnce <= 1000)) {
    problems.push({ setting: 'analystsAtOnce', message: `"${raw.analystsAtOnce}" is not a whole number of analysts from 1 to 1000.` });
  }
  const signInCache = (raw.signInCache?.trim() || 'browser') as SignInCache;
  if (!signInCaches.includes(signInCache)) {
    problems.push({ setting: 'signInCache', message: `"${raw.signInCache}" is not one of ${signInCaches.join(', ')}.` });
  }
  const listed =
    raw.tenants === undefined || raw.tenants === ''
      ? undefined
      : readTenantList(raw.tenants, {
          checkApiBase: (value) => checkServiceUrl('apiBaseUrl', value, '/defender-api'),
          // The simulator has one identity provider for every tenant: no cloud's sign-in is another's there.
          homeCloud: tenantId && cloudNames.includes(cloudName) ? cloudName : undefined,
        });
  if (listed && 'problems' in listed) for (const message of listed.problems) problems.push({ setting: 'tenants', message });
  if (problems.length > 0) return { ok: false, problems };
  const quota = { share, analystsAtOnce };
  const customers = listed && 'tenants' in listed ? listed.tenants : undefined;

  const apiBaseUrl = apiOverride as string | undefined;
  const tokenResource = resourceOverride as string | undefined;
  if (!tenantId) {
    const simulator = chooseSimulator(simulatorSetting ?? 'unset', simulators);
    if (simulator === undefined) return { ok: false, unconfigured: true };
    const identity = new URL(simulator.identityUrl);
    // Like Entra, the simulator serves each tenant under its own path; MSAL is given the common document,
    // whose endpoints hold `{tenant}`, and fills in each token request's tenant (sim/README.md).
    const simulatorTenant = (entry: Pick<TenantEntry, 'id' | 'name'>): TenantSettings => ({
      id: entry.id,
      name: entry.name,
      authority: `https://${identity.host}/${entry.id}`,
      apiBaseUrl: apiBaseUrl ?? sameOriginApiPath,
      scopes: scopesFor(tokenResource ?? defenderResource),
      portalUrl: clouds.commercial.portalUrl,
    });
    const home = simulatorTenant({ id: simulatorTenantId, name: '' });
    return {
      ok: true,
      settings: {
        mode: 'simulator',
        cloudLabel: 'Simulator',
        clientId: simulatorClientId,
        authority: home.authority,
        knownAuthorities: [identity.host],
        authorityMetadataUrl: `${identity.origin}/common/v2.0/.well-known/openid-configuration`,
        apiBaseUrl: home.apiBaseUrl,
        scopes: home.scopes,
        portalUrl: home.portalUrl,
        tenants: customers ? customers.map(simulatorTenant) : [home],
        quota,
        signInCache,
        relayUrl,
      },
    };
  }
  const cloud = clouds[cloudName];
  const tenantIn = (entry: TenantEntry): TenantSettings => {
    const own = clouds[entry.cloud ?? cloudName];
    // Through the app's own path every tenant is read there (its server picks a customer's cloud by the
    // token's tenant); with direct calls, a tenant in another cloud is read at that cloud's host.
    const sameOrigin = apiBaseUrl?.startsWith('/') ? apiBaseUrl : undefined;
    const api = entry.apiBaseUrl ?? sameOrigin ?? (entry.cloud && entry.cloud !== cloudName ? own.apiBaseUrl : (apiBaseUrl ?? cloud.apiBaseUrl));
    return {
      id: entry.id,
      name: entry.name,
      authority: `${own.loginHost}/${entry.id}`,
      apiBaseUrl: api,
      scopes: scopesFor(entry.cloud && entry.cloud !== cloudName ? own.tokenResource : (tokenResource ?? cloud.tokenResource)),
      portalUrl: own.portalUrl,
    };
  };
  const home = tenantIn({ id: tenantId.toLowerCase(), name: '' });
  return {
    ok: true,
    settings: {
      mode: 'tenant',
      cloudLabel: cloud.label,
      clientId,
      authority: home.authority,
      // Every customer signs in at this cloud's host: the tenant list refuses a cloud that signs in elsewhere.
      knownAuthorities: [new URL(cloud.loginHost).host],
      apiBaseUrl: home.apiBaseUrl,
      scopes: home.scopes,
      portalUrl: home.portalUrl,
      tenants: customers ? customers.map(tenantIn) : [home],
      quota,
      signInCache,
      relayUrl,
    },
  };
}
