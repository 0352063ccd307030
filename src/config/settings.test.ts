import { describe, expect, it } from 'vitest';
import { resolveSettings, type RawSettings, type SettingsResult } from './settings';
import type { SimulatorOffer } from './simulator-choice';

const simulator = { identityUrl: 'http://localhost:4010' };
const tenant = { tenantId: 'c2f1e0d3-4b5a-4c6d-8e7f-9a0b1c2d3e4f', clientId: '0f1e2d3c-4b5a-4968-8776-5a4b3c2d1e0f' };
/** What `npm start` offers: its server says where its simulator is. */
const served: SimulatorOffer = { served: simulator, builtIn: { identityUrl: 'http://localhost:4999' } };
/** What a plain web host offers: nothing, only the build's own default. */
const notServed: SimulatorOffer = { served: undefined, builtIn: { identityUrl: 'http://localhost:4999' } };

function resolve(raw: RawSettings, offer: SimulatorOffer = served) {
  return resolveSettings(raw, offer);
}

/** The settings a result names as bad: none when it resolved or is unconfigured. */
function namedSettings(result: SettingsResult): string[] {
  return !result.ok && 'problems' in result ? result.problems.map((problem) => problem.setting) : [];
}

describe('resolveSettings', () => {
  it('runs against the simulator its server runs when no tenant is configured', () => {
    const result = resolve({});
    expect(result.ok && result.settings).toMatchObject({
      mode: 'simulator',
      authority: 'https://localhost:4010/6d2f1a3b-8c4e-4f5a-9b7d-2e1c0a9f8b37',
      knownAuthorities: ['localhost:4010'],
      authorityMetadataUrl: 'http://localhost:4010/common/v2.0/.well-known/openid-configuration',
      apiBaseUrl: '/defender-api',
      scopes: ['https://api.securitycenter.microsoft.com/Machine.Read'],
    });
  });

  it.each([
    ['commercial', 'https://login.microsoftonline.com', 'https://api.securitycenter.microsoft.com', 'https://security.microsoft.com'],
    ['gcc', 'https://login.microsoftonline.com', 'https://api-gcc.securitycenter.microsoft.us', 'https://security.microsoft.com'],
    ['gcc-high', 'https://login.microsoftonline.us', 'https://api-gov.securitycenter.microsoft.us', 'https://security.microsoft.us'],
    ['dod', 'https://login.microsoftonline.us', 'https://api-gov.securitycenter.microsoft.us', 'https://security.apps.mil'],
  ])('takes the %s cloud from the table', (cloud, login, api, portal) => {
    const result = resolve({ ...tenant, cloud });
    expect(result.ok && result.settings).toMatchObject({
      mode: 'tenant',
      authority: `${login}/${tenant.tenantId}`,
      apiBaseUrl: api,
      portalUrl: portal,
      scopes: [`${api}/Machine.Read`],
    });
  });

  it('asks for Machine.Read only, on the configured resource', () => {
    const result = resolve({ ...tenant, cloud: 'gcc-high', tokenResource: 'https://securitycenter.onmicrosoft.us/' });
    expect(result.ok && result.settings.scopes).toEqual(['https://securitycenter.onmicrosoft.us/Machine.Read']);
  });

  it('accepts a geo host or a same-origin proxy path as the API base', () => {
    const geo = resolve({ ...tenant, apiBaseUrl: 'https://eu.api.security.microsoft.com/' });
    expect(geo.ok && geo.settings.apiBaseUrl).toBe('https://eu.api.security.microsoft.com');
    const proxy = resolve({ ...tenant, apiBaseUrl: '/defender-api/' });
    expect(proxy.ok && proxy.settings.apiBaseUrl).toBe('/defender-api');
  });

  it('keeps 80 % of the quota for one analyst by default, and takes the deployment\'s numbers', () => {
    const defaults = resolve({});
    expect(defaults.ok && defaults.settings.quota).toEqual({ share: 0.8, analystsAtOnce: 1 });
    const shared = resolve({ quotaShare: '0.5', analystsAtOnce: '6' });
    expect(shared.ok && shared.settings.quota).toEqual({ share: 0.5, analystsAtOnce: 6 });
  });

  it('keeps one sign-in for the whole browser by default, and one per tab when asked', () => {
    const defaults = resolve({});
    expect(defaults.ok && defaults.settings.signInCache).toBe('browser');
    const perTab = resolve({ ...tenant, signInCache: 'tab' });
    expect(perTab.ok && perTab.settings.signInCache).toBe('tab');
  });

  it('accepts a tenant domain name', () => {
    expect(resolve({ ...tenant, tenantId: 'contoso.onmicrosoft.com' }).ok).toBe(true);
  });

  it.each<[RawSettings, string]>([
    [{ ...tenant, cloud: 'azure-china' }, 'cloud'],
    [{ ...tenant, tenantId: 'not a tenant' }, 'tenantId'],
    [{ clientId: tenant.clientId }, 'tenantId'],
    [{ tenantId: tenant.tenantId }, 'clientId'],
    [{ ...tenant, clientId: 'my-app' }, 'clientId'],
    [{ ...tenant, apiBaseUrl: 'http://api.securitycenter.microsoft.com' }, 'apiBaseUrl'],
    [{ ...tenant, apiBaseUrl: 'javascript:alert(1)' }, 'apiBaseUrl'],
    [{ ...tenant, apiBaseUrl: '//evil.example' }, 'apiBaseUrl'],
    [{ ...tenant, apiBaseUrl: 'https://api.securitycenter.microsoft.com?x=1' }, 'apiBaseUrl'],
    [{ ...tenant, tokenResource: 'api.securitycenter.microsoft.com' }, 'tokenResource'],
    [{ quotaShare: '80%' }, 'quotaShare'],
    [{ quotaShare: '1.5' }, 'quotaShare'],
    [{ analystsAtOnce: '2.5' }, 'analystsAtOnce'],
    [{ analystsAtOnce: '0' }, 'analystsAtOnce'],
    [{ signInCache: 'localStorage' }, 'signInCache'],
  ])('names the bad setting in %j', (raw, setting) => {
    const result = resolve(raw);
    expect(result.ok).toBe(false);
    expect(namedSettings(result)).toContain(setting);
  });
});

describe('simulator or tenant', () => {
  const identityOf = (result: ReturnType<typeof resolve>) => (result.ok && result.settings.mode === 'simulator' ? result.settings.authorityMetadataUrl : result);

  it('is unconfigured with no tenant when the server runs no simulator: never the simulator by default', () => {
    expect(resolve({}, notServed)).toEqual({ ok: false, unconfigured: true });
    expect(resolve({ quotaShare: '0.5', simulator: '' }, notServed)).toEqual({ ok: false, unconfigured: true });
  });

  it("signs in at the server's simulator, or at the build's when the setting asks and the server says nothing", () => {
    expect(identityOf(resolve({}, served))).toBe('http://localhost:4010/common/v2.0/.well-known/openid-configuration');
    expect(identityOf(resolve({ simulator: 'true' }, served))).toBe('http://localhost:4010/common/v2.0/.well-known/openid-configuration');
    expect(identityOf(resolve({ simulator: 'TRUE' }, notServed))).toBe('http://localhost:4999/common/v2.0/.well-known/openid-configuration');
  });

  it("refuses the server's simulator when the setting says false", () => {
    expect(resolve({ simulator: 'false' }, served)).toEqual({ ok: false, unconfigured: true });
  });

  it('signs in at the tenant whatever simulator the server runs', () => {
    const result = resolve(tenant, served);
    expect(result.ok && result.settings.mode).toBe('tenant');
    const refused = resolve({ ...tenant, simulator: 'false' }, served);
    expect(refused.ok && refused.settings.mode).toBe('tenant');
  });

  it.each<[RawSettings, string]>([
    [{ simulator: 'yes' }, 'simulator'],
    [{ ...tenant, simulator: 'true' }, 'simulator'],
    [{ clientId: tenant.clientId, simulator: 'true' }, 'simulator'],
  ])('names the bad setting in %j, with or without a simulator served', (raw, setting) => {
    for (const offer of [served, notServed]) {
      expect(namedSettings(resolve(raw, offer))).toContain(setting);
    }
  });
});

describe('relayUrl', () => {
  it('is unset by default: every browser polls Defender itself', () => {
    const result = resolve(tenant);
    expect(result.ok && result.settings.relayUrl).toBeUndefined();
  });

  it('takes an https URL, a same-origin path, or http on localhost, without a trailing slash', () => {
    const https = resolve({ ...tenant, relayUrl: 'https://relay.contoso.example/' });
    expect(https.ok && https.settings.relayUrl).toBe('https://relay.contoso.example');
    const path = resolve({ ...tenant, relayUrl: '/relay/' });
    expect(path.ok && path.settings.relayUrl).toBe('/relay');
    const local = resolve({ relayUrl: 'http://localhost:4030' });
    expect(local.ok && local.settings.relayUrl).toBe('http://localhost:4030');
  });

  it.each(['http://relay.contoso.example', 'javascript:alert(1)', '//relay.contoso.example', 'https://user:pw@relay.contoso.example', 'relay'])(
    'refuses %s, naming the setting',
    (relayUrl) => {
      const result = resolve({ ...tenant, relayUrl });
      expect(namedSettings(result)).toEqual(['relayUrl']);
    },
  );
});

describe('tenants (an MSSP watching its customers)', () => {
  const fabrikam = { id: 'FABRIKAM.onmicrosoft.com', name: 'Fabrikam' };
  const northwind = { id: '5b2e7d9c-1f3a-4c8e-8d6b-2a4c6e8f0b72', name: 'Northwind Traders' };
  const problemsOf = (result: SettingsResult) => (!result.ok && 'problems' in result ? result.problems.map((problem) => `${problem.setting} ${problem.message}`) : []);

  it("keeps today's single tenantId working as a list of one, with no customer name", () => {
    const result = resolve(tenant);
    expect(result.ok && result.settings.tenants).toEqual([
      {
        id: tenant.tenantId,
        name: '',
        authority: `https://login.microsoftonline.com/${tenant.tenantId}`,
        apiBaseUrl: 'https://api.securitycenter.microsoft.com',
        scopes: ['https://api.securitycenter.microsoft.com/Machine.Read'],
        portalUrl: 'https://security.microsoft.com',
      },
    ]);
  });

  it('signs in at the home tenant and reaches each customer at its own authority', () => {
    const result = resolve({ ...tenant, apiBaseUrl: '/defender-api', tenants: [fabrikam, northwind] });
    expect(result.ok && result.settings.authority).toBe(`https://login.microsoftonline.com/${tenant.tenantId}`);
    expect(result.ok && result.settings.tenants.map(({ id, name, authority, apiBaseUrl }) => ({ id, name, authority, apiBaseUrl }))).toEqual([
      { id: 'fabrikam.onmicrosoft.com', name: 'Fabrikam', authority: 'https://login.microsoftonline.com/fabrikam.onmicrosoft.com', apiBaseUrl: '/defender-api' },
      { id: northwind.id, name: 'Northwind Traders', authority: `https://login.microsoftonline.com/${northwind.id}`, apiBaseUrl: '/defender-api' },
    ]);
  });

  it("reads a customer in another cloud through the app's own path when there is one: its server picks the cloud", () => {
    const result = resolve({ ...tenant, apiBaseUrl: '/defender-api', tenants: [{ ...northwind, cloud: 'gcc' }] });
    expect(result.ok && result.settings.tenants[0]).toMatchObject({ apiBaseUrl: '/defender-api', authority: `https://login.microsoftonline.com/${northwind.id}` });
  });

  it("reaches a customer in another cloud at that cloud's hosts when calls are direct, with its own token resource", () => {
    const result = resolve({ ...tenant, tenants: [fabrikam, { ...northwind, cloud: 'gcc' }] });
    expect(result.ok ? result.settings.tenants[1] : undefined).toMatchObject({
      authority: `https://login.microsoftonline.com/${northwind.id}`,
      apiBaseUrl: 'https://api-gcc.securitycenter.microsoft.us',
      scopes: ['https://api-gcc.securitycenter.microsoft.us/Machine.Read'],
      portalUrl: 'https://security.microsoft.com',
    });
  });

  it('refuses a customer in a cloud that signs in elsewhere: the one sign-in gets no token there', () => {
    expect(problemsOf(resolve({ ...tenant, tenants: [{ ...northwind, cloud: 'gcc-high' }] }))).toEqual([
      'tenants entry 1 ("Northwind Traders"): cloud "gcc-high" signs in at login.microsoftonline.us, and a sign-in at login.microsoftonline.com gets no token there: watch it from a deployment in that cloud.',
    ]);
  });

  it('takes the list as JSON text from the build (VITE_TENANTS)', () => {
    const result = resolve({ ...tenant, tenants: JSON.stringify([fabrikam]) });
    expect(result.ok && result.settings.tenants.map((each) => each.name)).toEqual(['Fabrikam']);
  });

  it('names every bad entry, by its place and name', () => {
    const result = resolve({
      ...tenant,
      tenants: [{ id: 'not a tenant', name: 'Contoso' }, { name: 'Fabrikam' }, { id: northwind.id }, { ...fabrikam, cloud: 'mars', region: 'eu' }, 'Tailspin'],
    });
    expect(problemsOf(result)).toEqual([
      'tenants entry 1 ("Contoso"): "not a tenant" is neither a tenant ID (a GUID) nor a domain such as fabrikam.onmicrosoft.com.',
      'tenants entry 2 ("Fabrikam") has no id: the customer\'s tenant ID (a GUID) or its domain, such as fabrikam.onmicrosoft.com.',
      'tenants entry 3 has no name: the customer\'s name as your analysts know it, such as "Fabrikam".',
      'tenants entry 4 ("Fabrikam") has an unknown field "region": an entry takes id, name, cloud and apiBaseUrl.',
      'tenants entry 4 ("Fabrikam"): cloud "mars" is not one of commercial, gcc, gcc-high, dod.',
      'tenants entry 5 must be an object such as { "id": "<the customer\'s tenant ID>", "name": "Contoso" }.',
    ]);
  });

  it('refuses a tenant or a name listed twice, an empty list, text that is not JSON, and a name with control characters', () => {
    expect(problemsOf(resolve({ ...tenant, tenants: [fabrikam, { id: 'fabrikam.onmicrosoft.com', name: 'fabrikam' }] }))).toEqual([
      'tenants lists the tenant "fabrikam.onmicrosoft.com" twice.',
      'tenants lists the name "fabrikam" twice: each customer needs a name of its own.',
    ]);
    expect(problemsOf(resolve({ ...tenant, tenants: [] }))).toEqual([expect.stringContaining('must be a non-empty list')]);
    expect(problemsOf(resolve({ ...tenant, tenants: '[{' }))).toEqual([expect.stringContaining('is not a JSON list')]);
    for (const name of ['North\u202ewind', 'Fabri\u200bkam', 'Fabrikam\u2028Ltd', '\u3164', '\u2800']) {
      expect(problemsOf(resolve({ ...tenant, tenants: [{ id: northwind.id, name }] }))).toEqual([expect.stringMatching(/no control, format or line-break characters|a letter or a digit/)]);
    }
    // A full-width look-alike is the same name to a reader.
    expect(problemsOf(resolve({ ...tenant, tenants: [fabrikam, { id: northwind.id, name: '\uff26abrikam' }] }))).toEqual([expect.stringContaining('twice')]);
  });

  it("checks a tenant's own apiBaseUrl as the deployment's is checked", () => {
    expect(problemsOf(resolve({ ...tenant, tenants: [{ ...fabrikam, apiBaseUrl: 'http://defender.example' }] }))).toEqual([
      'tenants entry 1 ("Fabrikam"): apiBaseUrl "http://defender.example" must use https (plain http is allowed only for localhost).',
    ]);
  });

  it("lists the simulator's tenants at the simulator's own paths", () => {
    const result = resolve({ tenants: [{ id: northwind.id, name: 'Northwind Traders' }] }, served);
    expect(result.ok && result.settings.tenants).toEqual([
      expect.objectContaining({ id: northwind.id, authority: `https://localhost:4010/${northwind.id}`, apiBaseUrl: '/defender-api' }),
    ]);
  });
});
