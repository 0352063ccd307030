import { describe, expect, it } from 'vitest';
import { loadSettings, readConfigFile } from './load-settings';

const env = { BASE_URL: '/', MODE: 'test', DEV: false, PROD: true, SSR: false } as ImportMetaEnv;
const tenant = { tenantId: 'c2f1e0d3-4b5a-4c6d-8e7f-9a0b1c2d3e4f', clientId: '0f1e2d3c-4b5a-4968-8776-5a4b3c2d1e0f' };

function serving(body: string, init: ResponseInit = { headers: { 'content-type': 'application/json' } }): typeof fetch {
  return async () => new Response(body, init);
}

describe('readConfigFile', () => {
  it('reads string settings and ignores $schema and _comment keys', () => {
    expect(readConfigFile(JSON.stringify({ ...tenant, $schema: 'x', _comment: 'y' }))).toEqual({ settings: tenant });
  });

  it('names an unknown setting and suggests the right spelling', () => {
    const read = readConfigFile('{"tenantID": "x"}');
    expect('problems' in read && read.problems[0].message).toMatch(/unknown setting "tenantID": did you mean "tenantId"/);
  });

  it('rejects broken JSON, a non-object and a non-string value', () => {
    expect('problems' in readConfigFile('{ tenantId: ')).toBe(true);
    expect('problems' in readConfigFile('[1]')).toBe(true);
    const read = readConfigFile('{"clientId": true}');
    expect('problems' in read && read.problems[0].setting).toBe('clientId');
  });

  it('takes the tenants as a list, read entry by entry with the other settings', () => {
    const tenants = [{ id: 'fabrikam.onmicrosoft.com', name: 'Fabrikam' }];
    expect(readConfigFile(JSON.stringify({ ...tenant, tenants }))).toEqual({ settings: { ...tenant, tenants } });
  });

  it('takes numbers for the quota settings', () => {
    expect(readConfigFile('{"quotaShare": 0.5, "analystsAtOnce": 4}')).toEqual({ settings: { quotaShare: '0.5', analystsAtOnce: '4' } });
  });

  it('takes true or false for the simulator, and for no other setting', () => {
    expect(readConfigFile('{"simulator": true}')).toEqual({ settings: { simulator: 'true' } });
    const read = readConfigFile('{"tenantId": false}');
    expect('problems' in read && read.problems[0].setting).toBe('tenantId');
  });
});

describe('loadSettings', () => {
  it('lets config.json override the build-time defaults', async () => {
    const result = await loadSettings({ ...env, VITE_CLOUD: 'gcc-high' }, serving(JSON.stringify({ ...tenant, cloud: 'dod' })));
    expect(result.ok && result.settings.portalUrl).toBe('https://security.apps.mil');
  });

  it('uses the build-time defaults when there is no config.json', async () => {
    const result = await loadSettings({ ...env, VITE_TENANT_ID: tenant.tenantId, VITE_CLIENT_ID: tenant.clientId }, serving('not found', { status: 404 }));
    expect(result.ok && result.settings.mode).toBe('tenant');
  });

  it("treats an SPA fallback's index.html as no config.json (and no simulator.json): unconfigured, not broken", async () => {
    const result = await loadSettings(env, serving('<!doctype html>', { headers: { 'content-type': 'text/html' } }));
    expect(result).toEqual({ ok: false, unconfigured: true });
  });

  it('reports a config.json that cannot be loaded', async () => {
    const result = await loadSettings(env, serving('oops', { status: 500 }));
    expect(!result.ok && 'problems' in result && result.problems[0]).toMatchObject({ setting: 'config.json' });
  });

  describe('finding the simulator', () => {
    const simulatorAt = { identityUrl: 'http://localhost:4311' };
    /** A server that answers config.json and simulator.json with the given bodies (undefined: 404), logging what it was asked. */
    function server(files: { config?: string; simulator?: string }, asked: string[] = []): typeof fetch {
      return async (input) => {
        const path = String(input);
        asked.push(path);
        const body = path.endsWith('simulator.json') ? files.simulator : files.config;
        return body === undefined ? new Response('not found', { status: 404 }) : new Response(body, { headers: { 'content-type': 'application/json' } });
      };
    }

    it('asks the server where its simulator listens, signs in there, and reads Defender through its own origin', async () => {
      const result = await loadSettings(env, server({ simulator: JSON.stringify(simulatorAt) }));
      expect(result.ok && result.settings.authorityMetadataUrl).toBe('http://localhost:4311/common/v2.0/.well-known/openid-configuration');
      expect(result.ok && result.settings.apiBaseUrl).toBe('/defender-api');
    });

    it('is unconfigured, with an empty config.json, when the server has no simulator or answers something else', async () => {
      for (const simulator of [undefined, '{"identityUrl": "not a url"}', 'not json']) {
        const result = await loadSettings(env, server({ config: '{}', simulator }));
        expect(result).toEqual({ ok: false, unconfigured: true });
      }
    });

    it("signs in at the build's simulator when config.json or the build asks for one and the server says nothing", async () => {
      const build = { ...env, VITE_SIMULATOR_IDENTITY_URL: 'http://localhost:4999' };
      for (const [buildEnv, config] of [[build, '{"simulator": true}'], [{ ...build, VITE_SIMULATOR: 'true' }, '{}']] as const) {
        const result = await loadSettings(buildEnv, server({ config }));
        expect(result.ok && result.settings.authorityMetadataUrl).toBe('http://localhost:4999/common/v2.0/.well-known/openid-configuration');
      }
    });

    it('is never asked by a deployment with a tenant', async () => {
      const asked: string[] = [];
      const result = await loadSettings(env, server({ config: JSON.stringify(tenant), simulator: JSON.stringify(simulatorAt) }, asked));
      expect(result.ok && result.settings.mode).toBe('tenant');
      expect(asked).toEqual(['/config.json']);
    });

    it('is never asked when config.json refuses the simulator', async () => {
      const asked: string[] = [];
      const result = await loadSettings(env, server({ config: '{"simulator": false}', simulator: JSON.stringify(simulatorAt) }, asked));
      expect(result).toEqual({ ok: false, unconfigured: true });
      expect(asked).toEqual(['/config.json']);
    });
  });
});
