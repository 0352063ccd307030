import { decodeJwt } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CLIENT_ID, nodeUrl, SIM_TENANTS, tenantIssuer, type CustomerTenantKey } from './constants.ts';
import { demoAccounts } from './identity/accounts.ts';
import { startSimulator, type RunningSimulator } from './server.ts';
import { requestRelayAppToken } from './testing/relay-app-token.ts';
import { formAction, SignInBrowser } from './testing/sign-in-browser.ts';
import { authorizationRequest, redeemRefreshToken, signInWithPkce, type TokenResponse } from './testing/sign-in-with-pkce.ts';
import { simulatorClient } from './testing/simulator-client.ts';

// The identity provider's tenants, end to end: one provider, each tenant under its own path, as
// login.microsoftonline.com/<tenant>/ is; the MSSP's analyst (Dana) a guest in three customers, not in Adatum.

let simulator: RunningSimulator;
let identity: string;
let apiPort: number;
let dana: TokenResponse;
/** Dana's browser session, signed in at the home tenant: a silent sign-in elsewhere finds it. */
let danaBrowser: SignInBrowser;

const { fabrikam, northwind, tailspin, adatum, home } = SIM_TENANTS;
const issuerOf = (tenantId: string) => tenantIssuer(simulator.identityUrl, tenantId);

async function discovery(path: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${identity}${path}`);
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

interface EntraErrorBody {
  error: string;
  error_description: string;
  error_codes: number[];
  suberror?: string;
}

async function refreshAt(tenantId: string, refreshToken = dana.refresh_token ?? ''): Promise<{ status: number; body: TokenResponse & EntraErrorBody }> {
  const response = await redeemRefreshToken({ identityUrl: simulator.identityUrl, refreshToken, tenant: tenantId });
  return { status: response.status, body: (await response.json()) as TokenResponse & EntraErrorBody };
}

/** Where a silent sign-in (`prompt=none`) at the tenant sends Dana's browser back to the app. */
async function silentSignIn(tenantId: string): Promise<URLSearchParams> {
  const request = authorizationRequest({ identityUrl: simulator.identityUrl, tenant: tenantId, prompt: 'none' });
  const visit = await danaBrowser.visit(request.url);
  if (!('location' in visit) || !visit.location.startsWith(request.redirectUri)) throw new Error(`No answer to the app: ${JSON.stringify(visit)}`);
  return new URL(visit.location).searchParams;
}

beforeAll(async () => {
  simulator = await startSimulator({ identityPort: 0, apiPort: 0, quiet: true });
  identity = nodeUrl(Number(new URL(simulator.identityUrl).port));
  apiPort = Number(new URL(simulator.apiUrl).port);
  danaBrowser = new SignInBrowser();
  dana = await signInWithPkce({ identityUrl: simulator.identityUrl, login: 'analyst', tenant: home.id, browser: danaBrowser });
});

afterAll(async () => {
  await simulator?.close();
});

beforeEach(async () => {
  await simulatorClient(apiPort).reset();
});

describe("each tenant's discovery", () => {
  it.each(Object.values(SIM_TENANTS))("$name's: its own issuer, its endpoints under its path, the provider's one key set", async (tenant) => {
    const document = await discovery(`/${tenant.id}/v2.0/.well-known/openid-configuration`);
    const under = `${simulator.identityUrl}/${tenant.id}`;
    expect(document).toMatchObject({
      issuer: `${under}/v2.0`,
      authorization_endpoint: `${under}/auth`,
      token_endpoint: `${under}/token`,
      end_session_endpoint: `${under}/session/end`,
      userinfo_endpoint: `${under}/me`,
      jwks_uri: `${simulator.identityUrl}/jwks`,
    });
  });

  it("/common/'s is the template MSAL fills per authority: {tenant} in every endpoint, {tenantid} in the issuer", async () => {
    const template = await discovery('/common/v2.0/.well-known/openid-configuration');
    const home = await discovery(`/${SIM_TENANTS.home.id}/v2.0/.well-known/openid-configuration`);
    expect(template).toMatchObject({
      issuer: `${simulator.identityUrl}/{tenantid}/v2.0`,
      authorization_endpoint: `${simulator.identityUrl}/{tenant}/auth`,
      token_endpoint: `${simulator.identityUrl}/{tenant}/token`,
      end_session_endpoint: `${simulator.identityUrl}/{tenant}/session/end`,
      userinfo_endpoint: `${simulator.identityUrl}/{tenant}/me`,
      jwks_uri: `${simulator.identityUrl}/jwks`,
    });
    // msal-common's Authority.replaceTenant puts the authority's first path segment where {tenant} is.
    const filled = JSON.parse(JSON.stringify(template).replaceAll('{tenant}', SIM_TENANTS.home.id).replaceAll('{tenantid}', SIM_TENANTS.home.id)) as unknown;
    expect(filled).toEqual(home);
  });

  it("leaves the root's as it was: the provider's own issuer, its endpoints at the root", async () => {
    const root = await discovery('/.well-known/openid-configuration');
    expect(root).toMatchObject({
      issuer: simulator.identityUrl,
      authorization_endpoint: `${simulator.identityUrl}/auth`,
      token_endpoint: `${simulator.identityUrl}/token`,
      jwks_uri: `${simulator.identityUrl}/jwks`,
    });
  });
});

describe("a customer's tokens from the home sign-in", () => {
  it.each<CustomerTenantKey>(['fabrikam', 'northwind', 'tailspin'])(
    "%s's token endpoint redeems the home refresh token for its own tokens: its tid and issuer, Dana's one sub",
    async (key) => {
      const tenant = SIM_TENANTS[key];
      const { status, body } = await refreshAt(tenant.id);
      expect(status).toBe(200);
      expect(decodeJwt(body.access_token)).toMatchObject({ tid: tenant.id, iss: issuerOf(tenant.id), sub: demoAccounts.analyst.oid, oid: demoAccounts.analyst.oid, scp: 'Machine.Read' });
      expect(decodeJwt(body.id_token)).toMatchObject({ tid: tenant.id, sub: demoAccounts.analyst.oid });
    },
  );

  it("gives the home tenant's path the home tenant's issuer, and the root the root's, as before", async () => {
    expect(decodeJwt(dana.access_token)).toMatchObject({ tid: home.id, iss: issuerOf(home.id) });
    expect(decodeJwt(dana.id_token)).toMatchObject({ tid: home.id, sub: demoAccounts.analyst.oid });
    const atRoot = await signInWithPkce({ identityUrl: simulator.identityUrl, login: 'analyst' });
    expect(decodeJwt(atRoot.access_token)).toMatchObject({ tid: home.id, iss: simulator.identityUrl });
  });

  it('signs in at a customer directly too, with its tokens; a silent sign-in there finds the home session', async () => {
    const direct = await signInWithPkce({ identityUrl: simulator.identityUrl, login: 'analyst', tenant: northwind.id });
    expect(decodeJwt(direct.access_token)).toMatchObject({ tid: northwind.id, iss: issuerOf(northwind.id) });
    const silent = await silentSignIn(fabrikam.id);
    expect(silent.get('code')).toEqual(expect.any(String));
    expect(silent.get('iss')).toBe(issuerOf(fabrikam.id));
  });
});

describe('a tenant the account is not in', () => {
  const refusedAtAdatum = expect.stringMatching(
    new RegExp(`^AADSTS50020: User account 'dana\\.analyst@contoso\\.example' from identity provider '.+' does not exist in tenant 'Adatum' and cannot access the application '${CLIENT_ID}'`),
  );

  it("refuses the refresh token with Entra's invalid_grant and AADSTS50020", async () => {
    const { status, body } = await refreshAt(adatum.id);
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: 'invalid_grant', error_description: refusedAtAdatum, error_codes: [50020] });
    expect(body).not.toHaveProperty('suberror');
  });

  it("refuses an account of the home tenant only at a customer's", async () => {
    const riley = await signInWithPkce({ identityUrl: simulator.identityUrl, login: 'no-access' });
    const { status, body } = await refreshAt(fabrikam.id, riley.refresh_token);
    expect(status).toBe(400);
    expect(body.error_description).toMatch(/^AADSTS50020: User account 'riley\.reader@contoso\.example' .* does not exist in tenant 'Fabrikam'/);
  });

  it('answers a silent sign-in with an error for the app: interaction_required, with AADSTS50020', async () => {
    const answer = await silentSignIn(adatum.id);
    expect(answer.get('error')).toBe('interaction_required');
    expect(answer.get('error_description')).toEqual(refusedAtAdatum);
    expect(answer.get('code')).toBeNull();
  });

  it('says so plainly on the sign-in page, and takes the analyst back to the app with access_denied', async () => {
    const browser = new SignInBrowser();
    const request = authorizationRequest({ identityUrl: simulator.identityUrl, tenant: adatum.id });
    const interaction = await browser.visit(request.url);
    if (!('location' in interaction)) throw new Error('no sign-in page');
    const signInPage = await browser.visit(interaction.location);
    const login = 'page' in signInPage ? formAction(signInPage.page.html, 'login') : undefined;
    expect('page' in signInPage && signInPage.page.html).toContain('in Adatum');
    const refusal = await browser.submit(interaction.location, login ?? '', { login: 'analyst' });
    if (!('page' in refusal)) throw new Error('no refusal page');
    expect(refusal.page.status).toBe(403);
    expect(refusal.page.html).toContain('Dana Analyst cannot sign in to Adatum');
    expect(refusal.page.html).toContain('AADSTS50020');
    let back = await browser.submit(interaction.location, formAction(refusal.page.html, 'abort') ?? '', { login: 'analyst' });
    while ('location' in back && !back.location.startsWith(request.redirectUri)) back = await browser.visit(back.location);
    if (!('location' in back)) throw new Error('not back at the app');
    const answer = new URL(back.location).searchParams;
    expect(answer.get('error')).toBe('access_denied');
    expect(answer.get('error_description')).toEqual(refusedAtAdatum);
  });

  it("gives the relay's app a token where it is consented (Fabrikam, Northwind), refuses it elsewhere (Tailspin), and follows the switch", async () => {
    await expect(requestRelayAppToken(simulator.identityUrl, undefined, tailspin.id)).rejects.toThrow(/400: .*"unauthorized_client".*AADSTS700016/);
    const atHome = await requestRelayAppToken(simulator.identityUrl, undefined, home.id);
    expect(decodeJwt(atHome.access_token)).toMatchObject({ tid: home.id, iss: issuerOf(home.id), idtyp: 'app' });
    const atFabrikam = await requestRelayAppToken(simulator.identityUrl, undefined, fabrikam.id);
    expect(decodeJwt(atFabrikam.access_token)).toMatchObject({ tid: fabrikam.id, iss: issuerOf(fabrikam.id), idtyp: 'app', roles: ['Machine.Read.All'] });
    const northwindControl = simulatorClient(apiPort, { tenant: northwind.id });
    expect(await northwindControl.withdrawRelayConsent()).toEqual({ requireMfa: false, relayConsented: false });
    await expect(requestRelayAppToken(simulator.identityUrl, undefined, northwind.id)).rejects.toThrow(/AADSTS700016/);
    await northwindControl.consentToRelay();
    expect(decodeJwt((await requestRelayAppToken(simulator.identityUrl, undefined, northwind.id)).access_token)).toMatchObject({ tid: northwind.id });
  });
});

describe('a tenant that demands MFA (the control switch)', () => {
  const fabrikamControl = () => simulatorClient(apiPort, { tenant: fabrikam.id });

  it("refuses the refresh token with AADSTS50076 and suberror basic_action there, and there only", async () => {
    expect(await fabrikamControl().requireMfa()).toEqual({ requireMfa: true, relayConsented: true });
    const { status, body } = await refreshAt(fabrikam.id);
    expect(status).toBe(400);
    expect(body).toMatchObject({
      error: 'invalid_grant',
      suberror: 'basic_action',
      error_codes: [50076],
      error_description: expect.stringMatching(/^AADSTS50076: .*you must use multi-factor authentication to access/),
    });
    expect((await refreshAt(northwind.id)).status).toBe(200);
    expect((await refreshAt(home.id)).status).toBe(200);
  });

  it('answers a silent sign-in there with interaction_required', async () => {
    await fabrikamControl().requireMfa();
    const answer = await silentSignIn(fabrikam.id);
    expect(answer.get('error')).toBe('interaction_required');
    expect(answer.get('error_description')).toMatch(/^AADSTS50076: /);
  });

  it('asks to "Approve sign-in" when signing in there, after which the tenant gives tokens again', async () => {
    await fabrikamControl().requireMfa();
    await expect(signInWithPkce({ identityUrl: simulator.identityUrl, login: 'analyst', tenant: fabrikam.id })).rejects.toThrow(/Approve sign-in/);
    const approved = await signInWithPkce({ identityUrl: simulator.identityUrl, login: 'analyst', tenant: fabrikam.id, approveSignIn: true });
    expect(decodeJwt(approved.access_token)).toMatchObject({ tid: fabrikam.id });
    expect((await refreshAt(fabrikam.id)).status).toBe(200);
    // Asked for again, it is demanded anew, of Dana too.
    await fabrikamControl().requireMfa();
    expect((await refreshAt(fabrikam.id)).status).toBe(400);
  });

  it('is cleared by a reset, and by waiving it', async () => {
    await fabrikamControl().requireMfa();
    await simulatorClient(apiPort).reset();
    expect(await fabrikamControl().signInSwitches()).toEqual({ requireMfa: false, relayConsented: true });
    expect((await refreshAt(fabrikam.id)).status).toBe(200);
    await fabrikamControl().requireMfa();
    expect(await fabrikamControl().waiveMfa()).toEqual({ requireMfa: false, relayConsented: true });
    expect((await refreshAt(fabrikam.id)).status).toBe(200);
  });

  it('applies to the home tenant too, and is refused for a tenant the simulator does not have', async () => {
    await simulatorClient(apiPort).requireMfa();
    expect((await refreshAt(home.id)).body.suberror).toBe('basic_action');
    await expect(simulatorClient(apiPort, { tenant: '00000000-0000-4000-8000-000000000000' }).requireMfa()).rejects.toThrow(/400.*No simulated tenant/);
  });
});
