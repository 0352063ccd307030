import type { IncomingMessage, ServerResponse } from 'node:http';

const LOOPBACK_ORIGIN = /^http:\/\/(localhost|127\.0\.0\.1|\[::1\]):\d{1,5}$/;

export function isLocalOrigin(origin: string, appOrigins: readonly string[]): boolean {
  return appOrigins.includes(origin) || LOOPBACK_ORIGIN.test(origin);
}

/**
 * Adds CORS headers for allowed origins and answers preflights. Returns true when the request was a
 * preflight and has been answered.
 */
export function handleCors(req: IncomingMessage, res: ServerResponse, appOrigins: readonly string[]): boolean {
  const origin = req.headers.origin;
  res.setHeader('Vary', 'Origin');
  const allowed = origin !== undefined && isLocalOrigin(origin, appOrigins);
  if (allowed) {
    res.setHeader('Access-Control-Allow-Origin', origin);
    // Retry-After is not CORS-safelisted: without this the app's backoff cannot read it.
    res.setHeader('Access-Control-Expose-Headers', 'Retry-After');
  }
  if (req.method !== 'OPTIONS' || req.headers['access-control-request-method'] === undefined) return false;
  if (allowed) {
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, DELETE, OPTIONS');
    res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type');
    res.setHeader('Access-Control-Max-Age', '600');
  }
  res.writeHead(204);
  res.end();
  return true;
}
