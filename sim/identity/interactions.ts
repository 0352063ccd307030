import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { errors } from 'oidc-provider';
import { DEFENDER_RESOURCE } from '../constants.ts';
import { readBody } from '../http/json.ts';
import { accountByLogin, listAccounts } from './accounts.ts';
import { errorPage, signInPage } from './pages.ts';
import { CLIENT_NAME } from './provider.ts';
import { splitOidcAndResourceScopes } from './scopes.ts';

type Interaction = Awaited<ReturnType<Provider['interactionDetails']>>;

const INTERACTION_PATH = /^\/interaction\/([\w-]+)(\/login)?$/;

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

async function showInteraction(provider: Provider, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const interaction = await provider.interactionDetails(req, res);
  const accountId = interaction.session?.accountId;
  if (interaction.prompt.name === 'consent' && accountId !== undefined) {
    const grantId = await grantRequestedScopes(provider, interaction, accountId);
    await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
    return;
  }
  const action = `/interaction/${interaction.uid}/login`;
  sendHtml(res, 200, signInPage({ action, accounts: listAccounts(), clientName: CLIENT_NAME }));
}

async function submitSignIn(provider: Provider, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const interaction = await provider.interactionDetails(req, res);
  const login = new URLSearchParams(await readBody(req)).get('login') ?? '';
  const account = accountByLogin(login);
  if (account === undefined) {
    sendHtml(res, 400, errorPage('Unknown demo account', { account: login }));
    return;
  }
  const grantId = await grantRequestedScopes(provider, interaction, account.oid);
  // Login and consent in one result: one click signs in, with no consent page.
  await provider.interactionFinished(
    req,
    res,
    { select_account: {}, login: { accountId: account.oid }, consent: { grantId } },
    { mergeWithLastSubmission: false },
  );
}

export function createInteractionHandler(provider: Provider) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const match = INTERACTION_PATH.exec(new URL(req.url ?? '/', 'http://localhost').pathname);
    try {
      if (match !== null && match[2] === undefined && req.method === 'GET') {
        await showInteraction(provider, req, res);
      } else if (match !== null && match[2] !== undefined && req.method === 'POST') {
        await submitSignIn(provider, req, res);
      } else {
        sendHtml(res, 404, errorPage('Not found', { path: req.url }));
      }
    } catch (error) {
      // Typically an expired or already used interaction: the app has to start the sign-in again.
      const expired = error instanceof errors.SessionNotFound || error instanceof errors.InvalidRequest;
      const message = error instanceof Error ? error.message : String(error);
      if (!res.headersSent) sendHtml(res, expired ? 400 : 500, errorPage('Sign-in failed', { error: message }));
    }
  };
}
