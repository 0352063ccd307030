import { discoverSimulator } from './simulator-address';
import { asksServerForSimulator } from './simulator-choice';
import { resolveSettings, settingNames, type RawSettings, type SettingName, type SettingProblem, type SettingsResult } from './settings';

/** Build-time defaults: one build can still be pointed at any tenant by `config.json`. */
export function buildTimeSettings(env: ImportMetaEnv): RawSettings {
  return {
    cloud: env.VITE_CLOUD,
    tenantId: env.VITE_TENANT_ID,
    clientId: env.VITE_CLIENT_ID,
    apiBaseUrl: env.VITE_API_BASE_URL,
    tokenResource: env.VITE_TOKEN_RESOURCE,
    quotaShare: env.VITE_QUOTA_SHARE,
    analystsAtOnce: env.VITE_ANALYSTS_AT_ONCE,
    signInCache: env.VITE_SIGN_IN_CACHE,
    relayUrl: env.VITE_RELAY_URL,
    simulator: env.VITE_SIMULATOR,
    tenants: env.VITE_TENANTS,
  };
}

function closestSettingName(key: string): SettingName | undefined {
  return settingNames.find((name) => name.toLowerCase() === key.toLowerCase());
}

/** Checks the shape of config.json: an object of string settings, with no unknown (often misspelt) keys. */
export function readConfigFile(text: string): { settings: RawSettings } | { problems: SettingProblem[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { problems: [{ setting: 'config.json', message: `is not valid JSON (${(error as Error).message}).` }] };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { problems: [{ setting: 'config.json', message: 'must hold one JSON object, such as { "tenantId": "…", "clientId": "…" }.' }] };
  }
  const problems: SettingProblem[] = [];
  const settings: RawSettings = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (key.startsWith('$') || key.startsWith('_')) continue; // room for "$schema" and comments
    const name = settingNames.find((known) => known === key);
    if (!name) {
      const near = closestSettingName(key);
      problems.push({ setting: 'config.json', message: `has an unknown setting "${key}"${near ? `: did you mean "${near}"?` : '.'}` });
    } else if (typeof value === 'number' && Number.isFinite(value)) {
      settings[name] = String(value); // quotaShare and analystsAtOnce are naturally numbers
    } else if (name === 'tenants') {
      settings.tenants = value; // a list: read, entry by entry, with the other settings (tenant-list.ts)
    } else if (typeof value === 'boolean' && name === 'simulator') {
      settings[name] = String(value); // "simulator": true reads as naturally as "true"
    } else if (value !== null && typeof value !== 'string') {
      problems.push({ setting: name, message: `must be a string or a number in config.json (found ${JSON.stringify(value)}).` });
    } else if (typeof value === 'string') {
      settings[name] = value;
    }
  }
  return problems.length > 0 ? { problems } : { settings };
}

/** Reads `/config.json` (optional) over the build-time defaults and resolves the app's settings. */
export async function loadSettings(env: ImportMetaEnv, fetchImpl: typeof fetch = fetch): Promise<SettingsResult> {
  const defaults = buildTimeSettings(env);
  const builtInSimulator = { identityUrl: env.VITE_SIMULATOR_IDENTITY_URL || 'http://localhost:4010' };
  let fileSettings: RawSettings = {};
  let response: Response;
  try {
    response = await fetchImpl(`${import.meta.env.BASE_URL}config.json`, { cache: 'no-store' });
  } catch (error) {
    return { ok: false, problems: [{ setting: 'config.json', message: `could not be loaded (${(error as Error).message}).` }] };
  }
  // An SPA fallback answers a missing config.json with index.html: that is "no file", not a broken one.
  const isHtml = response.headers.get('content-type')?.includes('text/html') ?? false;
  if (response.ok && !isHtml) {
    const read = readConfigFile(await response.text());
    if ('problems' in read) return { ok: false, problems: read.problems };
    fileSettings = read.settings;
  } else if (!response.ok && response.status !== 404) {
    return { ok: false, problems: [{ setting: 'config.json', message: `could not be loaded (HTTP ${response.status}).` }] };
  }
  const merged: RawSettings = { ...defaults };
  for (const name of settingNames) {
    const value = fileSettings[name];
    if (value !== undefined) Object.assign(merged, { [name]: value });
  }
  const served = asksServerForSimulator(merged) ? await discoverSimulator(fetchImpl, import.meta.env.BASE_URL) : undefined;
  return resolveSettings(merged, { served, builtIn: builtInSimulator });
}
