import type { AllowedOrigins } from './allowed-origins.ts';
import { cacheHashedAssets, hashedAssetsPath, revalidateEveryLoad } from './cache-control.ts';
import { openerIsolation, redirectBridgePath, securityHeaders } from './security-headers.ts';

/**
 * Azure Static Web Apps' staticwebapp.config.json: the same headers, SPA fallback and bridge exception as the
 * nginx configs, for the app's static files only.
 *
 * Static Web Apps alone cannot serve the Defender path (`/defender-api/`, which the app must call because
 * Defender answers no browser's cross-origin call): its routes rewrite only to files of the app, a redirect
 * sends the browser to the other host (cross-origin again), and its linked APIs (managed Functions, or a
 * backend of one's own on the Standard plan) are reached under `/api` only. So the policy here still allows
 * every cloud's Defender host, for a config.json that names one, and the API path must come from elsewhere:
 * the app's own server (server/README.md) or nginx (deploy/nginx/<cloud>.conf) serving both on one origin.
 */
export function staticWebAppConfig(origins: AllowedOrigins): string {
  const withoutOpenerIsolation = Object.fromEntries(Object.keys(openerIsolation).map((name) => [name, '']));
  const config = {
    $schema: 'https://json.schemastore.org/staticwebapp.config.json',
    // A missing hashed asset or config.json must be a 404, not index.html.
    navigationFallback: { rewrite: '/index.html', exclude: [`${hashedAssetsPath}*`, '/config.json'] },
    routes: [
      // An empty value removes a global header from this route's responses.
      { route: redirectBridgePath, headers: withoutOpenerIsolation },
      { route: `${hashedAssetsPath}*`, headers: { 'Cache-Control': cacheHashedAssets } },
    ],
    globalHeaders: { 'Cache-Control': revalidateEveryLoad, ...securityHeaders(origins), ...openerIsolation },
    // The web app manifest, for installing the app: not among Static Web Apps' own types.
    mimeTypes: { '.webmanifest': 'application/manifest+json' },
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}
