import { describe, expect, it } from 'vitest';
import { isDefenderRequestError } from '../../core/defender/defender-problem';
import { appTokenSource } from './app-token';

const options = { tokenUrl: 'https://login.example/token', clientId: '7c1e4b9a-3d62-4f08-a5b7-9e2d0c8f1a44', clientSecret: 'a-secret', resource: 'https://api.securitycenter.microsoft.com' };

describe("the relay's own token", () => {
  it('turns a refused secret into a server problem that names the variables, never a sign-in the analyst could fix', async () => {
    const refused: typeof fetch = async () => new Response(JSON.stringify({ error: 'invalid_client', secret: 'a-secret' }), { status: 401 });
    const problem = await appTokenSource({ ...options, fetch: refused })({ forceRefresh: false }).then(
      () => undefined,
      (error: unknown) => (isDefenderRequestError(error) ? error.problem : undefined),
    );
    expect(problem).toMatchObject({ kind: 'server', status: 503 });
    expect(JSON.stringify(problem)).toContain('RELAY_CLIENT_ID and RELAY_CLIENT_SECRET');
    expect(JSON.stringify(problem)).not.toContain('a-secret'); // the provider's answer is not quoted
  });

  it('is fetched once and kept until near its expiry', async () => {
    let asked = 0;
    const issuing: typeof fetch = async () => {
      asked += 1;
      return new Response(JSON.stringify({ access_token: `token-${asked}`, expires_in: 3600 }), { status: 200 });
    };
    const source = appTokenSource({ ...options, fetch: issuing });
    expect(await source({ forceRefresh: false })).toBe('token-1');
    expect(await source({ forceRefresh: false })).toBe('token-1');
    expect(await source({ forceRefresh: true })).toBe('token-2');
  });
});
