import type { AllowedOrigins } from './allowed-origins.ts';
import { cacheHashedAssets, hashedAssetsPath, revalidateEveryLoad } from './cache-control.ts';
import { openerIsolation, redirectBridgePath, securityHeaders } from './security-headers.ts';

/** Azure Static Web Apps' staticwebapp.config.json: the same headers, SPA fallback and bridge exception as nginx.conf. */
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
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}
