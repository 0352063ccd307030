import { describe, expect, it } from 'vitest';
import { settingsFromEnv, SettingsError } from './server-settings';

const tenant = '6d2f1a3b-8c4e-4f5a-9b7d-2e1c0a9f8b37';
const client = '3f6b2d8e-5a41-4c7e-9d0b-7e2a1c9f4b10';
const valid = { TENANT_ID: tenant.toUpperCase(), CLIENT_ID: client };

function problemsOf(env: Record<string, string>): string[] {
  try {
    settingsFromEnv(env);
  } catch (error) {
    if (error instanceof SettingsError) return error.problems;
    throw error;
  }
  throw new Error('The settings were accepted.');
}

describe("the server's settings", () => {
  it('needs only the tenant and the app registration: the rest fits Entra and the commercial cloud', () => {
    const settings = settingsFromEnv(valid);
    expect(settings).toMatchObject({
      host: '0.0.0.0',
      port: 8080,
      appDir: 'dist',
      trustProxy: false,
      signIn: { mode: 'tenant', cloud: 'commercial', tenantId: tenant, clientId: client },
      defenderApi: 'https://api.securitycenter.microsoft.com',
      tokenResource: 'https://api.securitycenter.microsoft.com',
      relay: undefined,
    });
  });

  it("takes an MSSP's customers as a JSON list (TENANTS), by tenant ID, and names every bad entry with its place", () => {
    const fabrikam = { id: '8A1C4F2E-3B5D-4E6F-9A7B-1C2D3E4F5A61', name: 'Fabrikam' };
    expect(settingsFromEnv({ ...valid, TENANTS: JSON.stringify([fabrikam, { id: '5b2e7d9c-1f3a-4c8e-8d6b-2a4c6e8f0b72', name: 'Northwind', cloud: 'gcc' }]) }).tenants).toEqual([
      { id: fabrikam.id.toLowerCase(), name: 'Fabrikam' },
      { id: '5b2e7d9c-1f3a-4c8e-8d6b-2a4c6e8f0b72', name: 'Northwind', cloud: 'gcc' },
    ]);
    expect(settingsFromEnv(valid).tenants).toBeUndefined();
    for (const [tenants, message] of [
      ['[{"id":', 'TENANTS is not a JSON list'],
      ['{"id":"x"}', 'TENANTS must be a non-empty list'],
      [JSON.stringify([{ id: 'fabrikam.onmicrosoft.com', name: 'Fabrikam' }]), 'TENANTS entry 1 ("Fabrikam"): "fabrikam.onmicrosoft.com" is not a tenant ID (a GUID)'],
      [JSON.stringify([{ ...fabrikam, apiBaseUrl: 'http://defender.example' }]), 'TENANTS entry 1 ("Fabrikam"): apiBaseUrl must be /defender-api or an https origin.'],
      [JSON.stringify([{ ...fabrikam, region: 'eu' }]), 'TENANTS entry 1 ("Fabrikam") has an unknown field "region"'],
      // A wildcard host would widen the page's Content-Security-Policy to every host; a broken URL is named, not a crash.
      [JSON.stringify([{ ...fabrikam, apiBaseUrl: 'https://*' }]), 'apiBaseUrl must be /defender-api or an https origin.'],
      [JSON.stringify([{ ...fabrikam, apiBaseUrl: 'https://evil.example; script-src *' }]), 'apiBaseUrl must be /defender-api or an https origin.'],
      [JSON.stringify([{ ...fabrikam, name: 'Fabri\u200bkam' }]), 'TENANTS entry 1: the name must have no control'],
      [JSON.stringify([{ ...fabrikam, cloud: 'gcc-high' }]), 'cloud "gcc-high" signs in at login.microsoftonline.us'],
    ]) {
      expect(problemsOf({ ...valid, TENANTS: tenants })).toEqual([expect.stringContaining(message)]);
    }
    expect(problemsOf({ ...valid, TENANTS: JSON.stringify([fabrikam, fabrikam]) })).toEqual([
      `TENANTS lists the tenant "${fabrikam.id.toLowerCase()}" twice.`,
      'TENANTS lists the name "Fabrikam" twice: each customer needs a name of its own.',
    ]);
    // Every bad entry at once, each with its place.
    expect(problemsOf({ ...valid, TENANTS: JSON.stringify([{ id: 'x', name: 'A' }, { id: fabrikam.id }]) })).toEqual([
      expect.stringContaining('TENANTS entry 1 ("A")'),
      expect.stringContaining('TENANTS entry 2 has no name'),
    ]);
  });

  it('refuses a wildcard or otherwise unplain host for Defender, naming the variable rather than crashing', () => {
    for (const value of ['https://*', 'https://*.securitycenter.microsoft.com', "https://'unsafe-eval'"]) {
      expect(problemsOf({ ...valid, API_BASE_URL: value })).toEqual([expect.stringContaining('API_BASE_URL')]);
      expect(problemsOf({ ...valid, DEFENDER_API_URL: value })).toEqual([expect.stringContaining('DEFENDER_API_URL')]);
    }
    expect(problemsOf({ ...valid, DEFENDER_API_URL: 'https://evil.example; script-src *' })).toEqual([expect.stringContaining('DEFENDER_API_URL')]);
    expect(settingsFromEnv({ ...valid, DEFENDER_API_URL: 'https://api-gov.securitycenter.microsoft.us/' }).defenderApi).toBe('https://api-gov.securitycenter.microsoft.us');
  });

  it("takes each cloud's Defender host, and with Redis the relay's issuers in Entra's v1 form as well as v2", () => {
    const relayEnv = { ...valid, REDIS_URL: 'redis://127.0.0.1:6379', RELAY_CLIENT_ID: '7c1e4b9a-3d62-4f08-a5b7-9e2d0c8f1a44', RELAY_CLIENT_SECRET: 's3cret-value' };
    const commercial = settingsFromEnv(relayEnv);
    expect(commercial.relay?.tokenIssuers).toEqual([`https://sts.windows.net/${tenant}/`, `https://login.microsoftonline.com/${tenant}/v2.0`]);
    expect(commercial.relay?.authority).toBe(`https://login.microsoftonline.com/${tenant}/v2.0`);
    expect(commercial.relay?.appClientId).toBe(client);
    const gov = settingsFromEnv({ ...relayEnv, CLOUD: 'gcc-high' });
    expect(gov.defenderApi).toBe('https://api-gov.securitycenter.microsoft.us');
    expect(gov.relay?.tokenIssuers).toEqual([`https://login.microsoftonline.us/${tenant}/`, `https://login.microsoftonline.us/${tenant}/v2.0`]);
  });

  it('names every bad variable at once, and never echoes a secret', () => {
    const problems = problemsOf({
      TENANT_ID: 'contoso',
      PORT: 'eighty',
      CLOUD: 'moon',
      DEFENDER_API_URL: 'http://api.example.com/api',
      TRUST_PROXY: 'true',
      REDIS_URL: 'http://user:hunter2@redis',
      LOG_LEVEL: 'loud',
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('TENANT_ID must be a GUID'),
        expect.stringContaining('CLIENT_ID is required'),
        expect.stringContaining('PORT must be a number'),
        expect.stringContaining('CLOUD must be one of commercial'),
        expect.stringContaining('DEFENDER_API_URL must be an origin only'),
        expect.stringContaining('TRUST_PROXY=true would believe any'),
        expect.stringContaining('REDIS_URL must start with redis://'),
        expect.stringContaining('LOG_LEVEL must be one of'),
      ]),
    );
    expect(problems.join('\n')).not.toContain('hunter2');
  });

  it("refuses plain http for Defender but on loopback: the analyst's token would cross the network in the clear", () => {
    expect(problemsOf({ ...valid, DEFENDER_API_URL: 'http://api.securitycenter.microsoft.com' })).toEqual([expect.stringContaining('must use https')]);
    expect(settingsFromEnv({ ...valid, DEFENDER_API_URL: 'http://127.0.0.1:4020' }).defenderApi).toBe('http://127.0.0.1:4020');
  });

  it('with Redis, needs the relay’s own registration, and names what is missing', () => {
    const problems = problemsOf({ ...valid, REDIS_URL: 'redis://127.0.0.1:6379', RELAY_MAX_IDS: '0' });
    expect(problems).toEqual([
      expect.stringMatching(/^RELAY_CLIENT_ID is required \(with REDIS_URL: .*Machine\.Read\.All\)$/),
      expect.stringMatching(/^RELAY_CLIENT_SECRET is required \(with REDIS_URL: /),
      'RELAY_MAX_IDS must be at least 1 (got "0")',
    ]);
  });

  it('runs against the simulator when told where it signs in, and needs its Defender API then', () => {
    expect(problemsOf({ SIMULATOR_IDENTITY_URL: 'http://localhost:4010' })).toEqual([expect.stringContaining('DEFENDER_API_URL is required with SIMULATOR_IDENTITY_URL')]);
    const settings = settingsFromEnv({ SIMULATOR_IDENTITY_URL: 'http://localhost:4010/', DEFENDER_API_URL: 'http://127.0.0.1:4020' });
    expect(settings.signIn).toEqual({ mode: 'simulator', identityUrl: 'http://localhost:4010', tenantId: undefined, clientId: undefined });
  });

  it("with Redis against the simulator, takes analysts' tokens from its root issuer and from the home tenant's, named as the browser names them", () => {
    const env = { ...valid, SIMULATOR_IDENTITY_URL: 'http://127.0.0.1:4010', DEFENDER_API_URL: 'http://127.0.0.1:4020', REDIS_URL: 'redis://127.0.0.1:6379', RELAY_CLIENT_ID: '7c1e4b9a-3d62-4f08-a5b7-9e2d0c8f1a44', RELAY_CLIENT_SECRET: 's3cret-value' };
    const settings = settingsFromEnv(env);
    expect(settings.relay?.tokenIssuers).toEqual(['http://localhost:4010', `http://localhost:4010/${tenant}/v2.0`]);
    expect(settings.relay?.authority).toBe('http://127.0.0.1:4010');
    expect(settingsFromEnv({ ...env, TOKEN_ISSUERS: 'http://localhost:4999' }).relay?.tokenIssuers).toEqual(['http://localhost:4999']);
  });

  it('believes X-Forwarded-For only from the proxies named: a number of hops, or addresses and ranges', () => {
    expect(settingsFromEnv({ ...valid, TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(settingsFromEnv({ ...valid, TRUST_PROXY: '10.0.0.0/8, 192.168.1.4' }).trustProxy).toEqual(['10.0.0.0/8', '192.168.1.4']);
    expect(problemsOf({ ...valid, TRUST_PROXY: '10.0.0.0/99' })).toEqual([expect.stringContaining('TRUST_PROXY must be false, a number')]);
  });

  it('names a bad CLOUD with a valid tenant, and every other problem beside it, each once', () => {
    const problems = problemsOf({ ...valid, CLOUD: 'GCC', PORT: 'eighty', TRUST_PROXY: 'true', REDIS_URL: 'redis://127.0.0.1:6379' });
    expect(problems).toEqual([
      expect.stringContaining('PORT must be a number'),
      expect.stringContaining('CLOUD must be one of'),
      expect.stringContaining('TRUST_PROXY=true would believe any'),
      expect.stringContaining('RELAY_CLIENT_ID is required'),
      expect.stringContaining('RELAY_CLIENT_SECRET is required'),
    ]);
  });

  it('says a given but invalid value is wrong, not also that it is missing; and checks the relay without a tenant', () => {
    const problems = problemsOf({ TENANT_ID: 'x', CLIENT_ID: 'y', REDIS_URL: 'redis://127.0.0.1:6379' });
    expect(problems.filter((problem) => problem.startsWith('TENANT_ID'))).toEqual([expect.stringContaining('TENANT_ID must be a GUID')]);
    expect(problems.filter((problem) => problem.startsWith('CLIENT_ID'))).toEqual([expect.stringContaining('CLIENT_ID must be a GUID')]);
    expect(problems).toEqual(expect.arrayContaining([expect.stringContaining('RELAY_CLIENT_ID is required')]));
  });
});
