import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { errors } from 'oidc-provider';
import { DEFENDER_RESOURCE } from '../constants.ts';
import { readBody } from '../http/json.ts';
import { accountById, accountByLogin, listAccounts, type DemoAccount } from './accounts.ts';
import { CLIENT_NAME, spaApp } from './app-registrations.ts';
import type { MfaDemands } from './mfa-demands.ts';
import { approveSignInPage, errorPage, notInTenantPage, signInPage } from './pages.ts';
import { splitOidcAndResourceScopes } from './scopes.ts';
import { MFA_PROMPT } from './sign-in-policy.ts';
import { tenantRefusal } from './tenant-access.ts';
import { tenantOf } from './tenant-request.ts';

type Interaction = Awaited<ReturnType<Provider['interactionDetails']>>;

/** What a sign-in step needs: the provider, the tenants' MFA demands, the request and its answer. */
interface Step {
  readonly provider: Provider;
  readonly mfa: MfaDemands;
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  /** This interaction's own path, under the tenant's: its forms post below it. */
  readonly base: string;
}

const INTERACTION_PATH = /^\/interaction\/([\w-]+)(?:\/([a-z]+))?$/;

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
  });
  res.end(html);
}

/** Consent is automatic: every requested scope is granted, as an admin-consented Entra app would be. */
async function grantRequestedScopes(provider: Provider, interaction: Interaction, accountId: string): Promise<string> {
  const clientId = String(interaction.params.client_id);
  const sameAccount = interaction.session?.accountId === accountId;
  const existing =
    sameAccount && interaction.grantId !== undefined ? await provider.Grant.find(interaction.grantId) : undefined;
  const grant = existing ?? new provider.Grant({ accountId, clientId });
  const scope = typeof interaction.params.scope === 'string' ? interaction.params.scope : undefined;
  const { oidc, resource } = splitOidcAndResourceScopes(scope);
  grant.addOIDCScope(oidc);
  if (resource.length > 0) grant.addResourceScope(DEFENDER_RESOURCE, resource);
  return grant.save();
}

/** The tenant's name on its pages; the root's pages name none, as they always did. */
function tenantNameOf(req: IncomingMessage): string | undefined {
  const request = tenantOf(req);
  return request.pathPrefix === '' ? undefined : request.tenant.name;
}

async function showInteraction({ provider, req, res, base }: Step): Promise<void> {
  const interaction = await provider.interactionDetails(req, res);
  const accountId = interaction.session?.accountId;
  const account = accountId === undefined ? undefined : accountById(accountId);
  if (interaction.prompt.name === MFA_PROMPT && account !== undefined) {
    sendHtml(res, 200, approveSignInPage({ action: `${base}/approve`, account, tenantName: tenantOf(req).tenant.name }));
    return;
  }
  if (interaction.prompt.name === 'consent' && accountId !== undefined) {
    const grantId = await grantRequestedScopes(provider, interaction, accountId);
    await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
    return;
  }
  sendHtml(res, 200, signInPage({ action: `${base}/login`, accounts: listAccounts(), clientName: CLIENT_NAME, tenantName: tenantNameOf(req) }));
}

async function chosenAccount({ req, res }: Step): Promise<DemoAccount | undefined> {
  const login = new URLSearchParams(await readBody(req)).get('login') ?? '';
  const account = accountByLogin(login);
  if (account === undefined) sendHtml(res, 400, errorPage('Unknown demo account', { account: login }));
  return account;
}

/** The account chosen: signed in, unless the tenant does not have it (then its page says so, with the way back). */
async function submitSignIn(step: Step): Promise<void> {
  const { provider, mfa, req, res, base } = step;
  const interaction = await provider.interactionDetails(req, res);
  const account = await chosenAccount(step);
  if (account === undefined) return;
  const refusal = tenantRefusal(account, tenantOf(req), mfa, spaApp);
  if (refusal?.code === 50020) {
    const page = notInTenantPage({ account, tenantName: tenantOf(req).tenant.name, description: refusal.description, abortAction: `${base}/abort`, retryUrl: base });
    sendHtml(res, 403, page);
    return;
  }
  const grantId = await grantRequestedScopes(provider, interaction, account.oid);
  // Login and consent in one result: one click signs in, with no consent page. MFA, when owed, comes next.
  await provider.interactionFinished(
    req,
    res,
    { select_account: {}, login: { accountId: account.oid }, consent: { grantId } },
    { mergeWithLastSubmission: false },
  );
}

/** The second factor done: the tenant gives this account tokens again, until it demands MFA anew. */
async function approveSignIn({ provider, mfa, req, res }: Step): Promise<void> {
  const interaction = await provider.interactionDetails(req, res);
  const accountId = interaction.session?.accountId;
  if (interaction.prompt.name !== MFA_PROMPT || accountId === undefined) {
    sendHtml(res, 400, errorPage('Nothing to approve', { prompt: interaction.prompt.name }));
    return;
  }
  mfa.approve(tenantOf(req).tenant.id, accountId);
  await provider.interactionFinished(req, res, {}, { mergeWithLastSubmission: true });
}

/** Back to the app from a refusal: `access_denied` with Entra's description, as the app gets it from Entra. */
async function abortSignIn(step: Step): Promise<void> {
  const { provider, mfa, req, res } = step;
  await provider.interactionDetails(req, res);
  const account = await chosenAccount(step);
  if (account === undefined) return;
  const refusal = tenantRefusal(account, tenantOf(req), mfa, spaApp);
  const description = refusal?.description ?? 'The user cancelled the sign-in.';
  await provider.interactionFinished(req, res, { error: 'access_denied', error_description: description }, { mergeWithLastSubmission: false });
}

/** The forms the pages post, by the last segment of their path. */
function submissionOf(name: string | undefined): ((step: Step) => Promise<void>) | undefined {
  if (name === 'login') return submitSignIn;
  if (name === 'approve') return approveSignIn;
  if (name === 'abort') return abortSignIn;
  return undefined;
}

export function createInteractionHandler(provider: Provider, mfa: MfaDemands) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const match = INTERACTION_PATH.exec(new URL(req.url ?? '/', 'http://localhost').pathname);
    try {
      if (match === null) {
        sendHtml(res, 404, errorPage('Not found', { path: req.url }));
        return;
      }
      const [, uid = '', submitted] = match;
      const step: Step = { provider, mfa, req, res, base: `${tenantOf(req).pathPrefix}/interaction/${uid}` };
      const submission = submissionOf(submitted);
      if (submitted === undefined && req.method === 'GET') await showInteraction(step);
      else if (submission !== undefined && req.method === 'POST') await submission(step);
      else sendHtml(res, 404, errorPage('Not found', { path: req.url }));
    } catch (error) {
      // Typically an expired or already used interaction: the app has to start the sign-in again.
      const expired = error instanceof errors.SessionNotFound || error instanceof errors.InvalidRequest;
      const message = error instanceof Error ? error.message : String(error);
      if (!res.headersSent) sendHtml(res, expired ? 400 : 500, errorPage('Sign-in failed', { error: message }));
    }
  };
}
