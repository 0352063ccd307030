import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { clouds } from '../../core/defender/clouds';
import type { AllowedOrigins } from '../../deploy/allowed-origins.ts';
import { cacheHashedAssets, hashedAssetsPath, revalidateEveryLoad } from '../../deploy/cache-control.ts';
import { headersForPath } from '../../deploy/security-headers.ts';
import type { ServerSettings } from '../config/server-settings';
import { appConfig, relayPath } from './app-config';
import { defenderPath } from '../config/server-settings';

/**
 * The origins the page may reach besides its own: only where it signs in. The Defender API and the relay
 * are on this origin, so the Content-Security-Policy names no Defender host at all.
 */
export function pageOrigins(settings: ServerSettings): AllowedOrigins {
  const signIn = settings.signIn.mode === 'tenant' ? clouds[settings.signIn.cloud].loginHost : settings.signIn.identityUrl;
  const api = settings.appApiBaseUrl.startsWith('/') ? [] : [settings.appApiBaseUrl];
  // Every customer signs in where the deployment does (TENANTS refuses a cloud that signs in elsewhere); one
  // with a Defender origin of its own is called there.
  const customerApi = (settings.tenants ?? []).flatMap((tenant) => (tenant.apiBaseUrl?.startsWith('https://') ? [tenant.apiBaseUrl] : []));
  return { signIn: [new URL(signIn).origin], api: [...new Set([...api, ...customerApi])] };
}

function cacheControl(pathname: string): string {
  return pathname.startsWith(hashedAssetsPath) ? cacheHashedAssets : revalidateEveryLoad;
}

/** Paths that are never the app's routes: a miss there is a 404, not index.html. */
function isServicePath(pathname: string): boolean {
  return [defenderPath, relayPath, hashedAssetsPath.replace(/\/$/, '')].some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}

/**
 * The built app with the deployment's headers (deploy/security-headers.ts), `config.json` from the
 * environment, and the SPA fallback: any other GET of a page is index.html, for the app's router.
 */
export async function registerApp(app: FastifyInstance, settings: ServerSettings): Promise<void> {
  const root = path.resolve(settings.appDir);
  if (!existsSync(path.join(root, 'index.html'))) {
    throw new Error(`APP_DIR (${root}) holds no index.html: build the app first (npm run build).`);
  }
  const origins = pageOrigins(settings);
  const withHeaders = (reply: FastifyReply, pathname: string) => reply.headers(headersForPath(pathname, origins)).header('cache-control', cacheControl(pathname));

  await app.register(fastifyStatic, {
    root,
    index: 'index.html',
    // No directory listings, no dotfiles, and config.json only as the route below writes it.
    list: false,
    dotfiles: 'deny',
    // The Cache-Control of setHeaders below stands (the plugin's own would say max-age=0 for hashed assets too).
    cacheControl: false,
    allowedPath: (pathname) => pathname !== '/config.json' && pathname !== '/simulator.json',
    // The build's brotli and gzip copies (vite.config.ts), for a browser that accepts them.
    preCompressed: true,
    setHeaders: (response, filePath) => {
      // A compressed copy carries the headers of the file it is a copy of (index.html.br is the page).
      const pathname = `/${path.relative(root, filePath).split(path.sep).join('/')}`.replace(/\.(br|gz)$/, '');
      for (const [name, value] of Object.entries(headersForPath(pathname === '/index.html' ? '/' : pathname, origins))) response.setHeader(name, value);
      response.setHeader('cache-control', cacheControl(pathname));
      // The same URL is sent compressed or not as the browser asks: a shared cache must keep them apart,
      // or a year-long asset stored as brotli reaches a browser that cannot read it.
      response.setHeader('vary', 'accept-encoding');
    },
  });

  const config = JSON.stringify(appConfig(settings));
  app.get('/config.json', (_request, reply) => withHeaders(reply, '/config.json').type('application/json').send(config));
  if (settings.signIn.mode === 'simulator') {
    // Where the simulator signs in (the app asks only when no tenant is set): see sim/vite-plugin.ts.
    const where = JSON.stringify({ identityUrl: settings.signIn.identityUrl });
    app.get('/simulator.json', (_request, reply) => withHeaders(reply, '/simulator.json').header('cache-control', 'no-store').type('application/json').send(where));
  }

  app.setNotFoundHandler((request, reply) => {
    const pathname = request.url.split('?')[0];
    // The app's routes have no file extension: a missing file (a .js, a .json) is a 404, not the page.
    const isPage = (request.method === 'GET' || request.method === 'HEAD') && !isServicePath(pathname) && !/\.[^/]*$/.test(pathname);
    if (isPage) return withHeaders(reply, '/').sendFile('index.html');
    // Never cached: a hashed asset missing during a rolling deployment must not stay missing for a year.
    return withHeaders(reply, pathname).header('cache-control', 'no-store').code(404).type('application/json').send({ error: { code: 'NotFound', message: 'No such path on this server.' } });
  });
}
