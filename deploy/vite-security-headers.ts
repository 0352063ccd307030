import type { Connect, Plugin } from 'vite';
import { browserUrl, DEFAULT_API_PORT, DEFAULT_IDENTITY_PORT } from '../sim/constants.ts';
import { combineOrigins, deploymentOrigins, simulatorOrigins, type AllowedOrigins } from './allowed-origins.ts';
import { headersForPath, type HeaderMap } from './security-headers.ts';

function simulatorUrl(configured: string | undefined, portSetting: string | undefined, defaultPort: number): string {
  const port = Number(portSetting);
  return configured || browserUrl(Number.isInteger(port) && port > 0 ? port : defaultPort);
}

/** Preview serves whatever config.json says: every shipped host, plus the simulator's while it runs. */
function previewOrigins(env: Readonly<Record<string, string | undefined>>): AllowedOrigins {
  if (process.env.SIMULATOR === 'off') return deploymentOrigins();
  const simulator = simulatorOrigins({
    identityUrl: simulatorUrl(env.VITE_SIMULATOR_IDENTITY_URL, process.env.SIM_IDENTITY_PORT, DEFAULT_IDENTITY_PORT),
    apiUrl: simulatorUrl(env.VITE_SIMULATOR_API_URL, process.env.SIM_API_PORT, DEFAULT_API_PORT),
  });
  return combineOrigins(deploymentOrigins(), simulator, relayOrigins());
}

/**
 * A team relay on an origin of its own (config.json's relayUrl), as RELAY_ORIGINS lists them: a deployment
 * adds its relay the same way to connect-src, or serves it under a same-origin path, which 'self' covers.
 */
function relayOrigins(): AllowedOrigins {
  const listed = (process.env.RELAY_ORIGINS ?? '').split(',').map((origin) => origin.trim()).filter((origin) => origin !== '');
  return { signIn: [], api: listed.map((origin) => new URL(origin).origin) };
}

function withoutPolicy({ 'Content-Security-Policy': _policy, ...rest }: HeaderMap): HeaderMap {
  return rest;
}

function setHeaders(headersFor: (pathname: string) => HeaderMap): Connect.NextHandleFunction {
  return (req, res, next) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    for (const [name, value] of Object.entries(headersFor(pathname))) res.setHeader(name, value);
    next();
  };
}

/**
 * Serves the deployment's security headers from `vite preview` (what the end-to-end tests run against).
 * `vite` (dev) gets them without the Content-Security-Policy: React refresh's preamble is an inline script.
 */
export function securityHeadersPlugin(): Plugin {
  return {
    name: 'security-headers',
    configurePreviewServer(server) {
      const origins = previewOrigins(server.config.env);
      server.middlewares.use(setHeaders((pathname) => headersForPath(pathname, origins)));
    },
    configureServer(server) {
      const origins = previewOrigins(server.config.env);
      server.middlewares.use(setHeaders((pathname) => withoutPolicy(headersForPath(pathname, origins))));
    },
  };
}
