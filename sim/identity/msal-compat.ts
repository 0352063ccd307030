import type { Context, Next } from 'koa';
import type { ParsedUrlQuery } from 'node:querystring';
import { CLIENT_ID } from '../constants.ts';
import { withAllDefenderScopes, withScope } from './scopes.ts';

const AUTHORIZATION_PATH = '/auth';
const END_SESSION_PATH = '/session/end';

function single(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * oidc-provider keeps `offline_access` only with `prompt=consent`; Entra hands SPAs refresh tokens
 * without it. Asking for consent here (granted automatically) keeps the app's MSAL code identical.
 * `prompt=none` must stay alone, so silent requests get no refresh token, and MSAL copes with that.
 */
export function authorizationQuery(query: ParsedUrlQuery): ParsedUrlQuery {
  const prompt = single(query.prompt);
  const prompts = new Set((prompt ?? '').split(' ').filter((value) => value !== ''));
  if (!prompts.has('none')) prompts.add('consent');
  return {
    ...query,
    scope: withScope(withAllDefenderScopes(single(query.scope)), 'offline_access'),
    prompt: [...prompts].join(' '),
  };
}

/** MSAL's logout sends neither `client_id` nor `id_token_hint`; without one oidc-provider drops the return URL. */
export function endSessionQuery(query: ParsedUrlQuery): ParsedUrlQuery {
  if (query.client_id !== undefined || query.id_token_hint !== undefined) return query;
  return { ...query, client_id: CLIENT_ID };
}

export async function msalCompatibility(ctx: Context, next: Next): Promise<void> {
  if (ctx.method === 'GET' && ctx.path === AUTHORIZATION_PATH) ctx.query = authorizationQuery(ctx.query);
  if (ctx.method === 'GET' && ctx.path === END_SESSION_PATH) ctx.query = endSessionQuery(ctx.query);
  await next();
}
