import type { RequestListener } from 'node:http';
import type Provider from 'oidc-provider';
import { createInteractionHandler } from './interactions.ts';
import type { MfaDemands } from './mfa-demands.ts';
import { routeByTenant, serveForTenant } from './tenant-request.ts';

/**
 * Routes our own sign-in pages and hands everything else to oidc-provider, each request for the tenant its
 * path names (`/<tenant>/...`, or the root). The Host header is pinned to the issuer's host: discovery and
 * redirects are built from it, and a client that reached us through 127.0.0.1 must still be sent to
 * `localhost`, where the browser keeps the session cookie.
 */
export function createIdentityRequestHandler(provider: Provider, issuer: string, mfa: MfaDemands): RequestListener {
  const issuerHost = new URL(issuer).host;
  const providerCallback = provider.callback();
  const interactions = createInteractionHandler(provider, mfa);
  return (req, res) => {
    req.headers.host = issuerHost;
    serveForTenant(req, routeByTenant(req.url ?? '/', issuer));
    if (req.url?.startsWith('/interaction/')) {
      void interactions(req, res);
      return;
    }
    void providerCallback(req, res);
  };
}
