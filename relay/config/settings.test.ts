import { describe, expect, it } from 'vitest';
import { settingsFromEnv, SettingsError } from './settings';

const valid = {
  RELAY_REDIS_URL: 'redis://127.0.0.1:6379',
  RELAY_APP_ORIGIN: 'https://watch.contoso.example',
  RELAY_TENANT_ID: '6D2F1A3B-8C4E-4F5A-9B7D-2E1C0A9F8B37',
  RELAY_AUTHORITY: 'https://login.microsoftonline.com/6d2f1a3b-8c4e-4f5a-9b7d-2e1c0a9f8b37/v2.0',
  RELAY_APP_CLIENT_ID: '3f6b2d8e-5a41-4c7e-9d0b-7e2a1c9f4b10',
  RELAY_CLIENT_ID: '7c1e4b9a-3d62-4f08-a5b7-9e2d0c8f1a44',
  RELAY_CLIENT_SECRET: 'a-very-secret-value',
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    settingsFromEnv(env);
  } catch (error) {
    if (error instanceof SettingsError) return error.problems;
    throw error;
  }
  throw new Error('The settings were accepted.');
}

describe('settingsFromEnv', () => {
  it('reads a valid environment, with defaults for the rest', () => {
    const settings = settingsFromEnv({ ...valid, RELAY_TOKEN_ISSUERS: 'https://sts.windows.net/6d2f1a3b-8c4e-4f5a-9b7d-2e1c0a9f8b37/, https://login.microsoftonline.com/x/v2.0' });
    expect(settings).toMatchObject({
      port: 4030,
      tenantId: '6d2f1a3b-8c4e-4f5a-9b7d-2e1c0a9f8b37',
      defenderApi: 'https://api.securitycenter.microsoft.com',
      quotaShare: 0.8,
      maxIdsPerAnalyst: 500,
      jwksUrl: undefined,
      timings: { leaseTtlMs: 120_000, leaderTtlMs: 10_000 },
    });
    expect(settings.tokenIssuers).toHaveLength(2);
  });

  it('names every missing variable at once', () => {
    expect(problemsOf({})).toEqual(
      ['RELAY_REDIS_URL', 'RELAY_APP_ORIGIN', 'RELAY_TENANT_ID', 'RELAY_AUTHORITY', 'RELAY_APP_CLIENT_ID', 'RELAY_CLIENT_ID', 'RELAY_CLIENT_SECRET'].map((name) => `${name} is required`),
    );
  });

  it('says what is wrong with each bad value', () => {
    const problems = problemsOf({
      ...valid,
      RELAY_PORT: 'eighty',
      RELAY_REDIS_URL: 'http://redis:6379',
      RELAY_APP_ORIGIN: 'https://watch.contoso.example/board',
      RELAY_TENANT_ID: 'contoso',
      RELAY_QUOTA_SHARE: '1.5',
      RELAY_LEASE_TTL_MS: '10',
    });
    expect(problems).toEqual([
      'RELAY_PORT must be a number (got "eighty")',
      'RELAY_REDIS_URL must start with redis:// or rediss:// (got "http://redis:6379")',
      'RELAY_APP_ORIGIN must be an origin only (scheme://host[:port]), no path (got "https://watch.contoso.example/board")',
      'RELAY_TENANT_ID must be a GUID (8-4-4-4-12 hex digits) (got "contoso")',
      'RELAY_QUOTA_SHARE must be at most 1 (the whole quota) (got "1.5")',
      'RELAY_LEASE_TTL_MS must be at least 500 (got "10")',
    ]);
  });

  it('never repeats the secret in an error', () => {
    const problems = problemsOf({ ...valid, RELAY_CLIENT_SECRET: '   ', RELAY_PORT: 'x' });
    expect(problems).toContain('RELAY_CLIENT_SECRET is required');
    expect(problemsOf({ ...valid, RELAY_PORT: 'x' }).join('\n')).not.toContain(valid.RELAY_CLIENT_SECRET);
  });
});
