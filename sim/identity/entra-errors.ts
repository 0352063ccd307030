import { randomUUID } from 'node:crypto';
import { errors, type KoaContextWithOIDC } from 'oidc-provider';
import type { EntraRefusal } from './tenant-access.ts';

/** An OAuth error that also carries Entra's own fields (`error_codes`, `suberror`, ...), which MSAL reads. */
export class EntraError extends errors.CustomOIDCProviderError {
  readonly refusal: EntraRefusal;

  constructor(error: 'invalid_grant' | 'unauthorized_client', refusal: EntraRefusal) {
    super(error, refusal.description);
    this.refusal = refusal;
  }
}

/** What Entra's JSON error answers carry besides `error` and `error_description`. */
export function entraErrorFields(refusal: EntraRefusal): Record<string, string | number[]> {
  return {
    error_codes: [refusal.code],
    timestamp: new Date().toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z'),
    trace_id: randomUUID(),
    correlation_id: randomUUID(),
    error_uri: `https://login.microsoftonline.com/error?code=${refusal.code}`,
    ...(refusal.suberror === undefined ? {} : { suberror: refusal.suberror }),
  };
}

/**
 * oidc-provider writes `{ error, error_description }` only; its token endpoint's error event comes right
 * after, with the error itself, so Entra's fields are added there.
 */
export function addEntraFields(ctx: KoaContextWithOIDC, error: Error): void {
  if (!(error instanceof EntraError) || typeof ctx.body !== 'object' || ctx.body === null) return;
  ctx.body = { ...ctx.body, ...entraErrorFields(error.refusal) };
}
