import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { HttpProblem, sendProblem } from '../../relay/http/http-problem';
import { defenderPath } from '../config/server-settings';
import { checkDefenderQuery } from './defender-query';
import { headersFromDefender, headersToDefender } from './passed-headers';
import { readCapped, TooLargeError } from './read-capped';
import { checkTokenShape } from './token-shape';

export interface DefenderRouteOptions {
  /** Defender's origin, from the settings: the only host this route ever calls. */
  upstream: string;
  /** A customer's tenant in another cloud is read at that cloud's Defender host; every other at `upstream`. */
  upstreamFor?: (tenantId: string | undefined) => string | undefined;
  /** The tenants whose tokens are passed on: the signed-in one and the customers' (unset against the simulator without a tenant). */
  tenantIds: readonly string[] | undefined;
  requestsPerMinute: number;
  requestsPerMinutePerAddress: number;
  /** Reads waiting for Defender at once, across analysts: each may hold up to maxResponseBytes. */
  maxInFlight: number;
  timeoutMs: number;
  maxResponseBytes: number;
  fetch?: typeof fetch;
}

const guidPattern = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
const bearer = /^Bearer (\S+)$/;
/** What an answer's body may be served as on the app's origin: JSON, or else plain text (never markup). */
const jsonType = /^application\/(?:[\w.+-]+\+)?json\b/i;

async function within(limiter: RateLimiterMemory, key: string): Promise<number | undefined> {
  try {
    await limiter.consume(key);
    return undefined;
  } catch (error) {
    if (error instanceof RateLimiterRes) return error.msBeforeNext;
    throw error;
  }
}

/**
 * The analyst's token, unverified: Defender verifies it. It keys the rate limit by a hash, so one analyst's
 * burst does not starve the others', and is never logged or kept.
 */
function analystKey(authorization: string): string {
  return createHash('sha256').update(authorization).digest('base64url').slice(0, 22);
}

/**
 * `GET /defender-api/api/machineactions[/<id>]`: the analyst's read passed to Defender on the server's side,
 * because Defender answers no browser's cross-origin call. Not an open proxy: two fixed paths, GET only, the
 * app's OData options only, the host from the settings; the answer is capped in time and size.
 */
export function registerDefenderRoute(app: FastifyInstance, options: DefenderRouteOptions): void {
  const fetchImpl = options.fetch ?? fetch;
  const perAnalyst = new RateLimiterMemory({ points: options.requestsPerMinute, duration: 60 });
  // Every request counts here first, whatever its token: rotating tokens does not buy a fresh bucket.
  const perAddress = new RateLimiterMemory({ points: options.requestsPerMinutePerAddress, duration: 60 });
  let inFlight = 0;
  const tooMany = (message: string, waitMs: number) => new HttpProblem(429, 'TooManyRequests', message, { 'Retry-After': String(Math.max(1, Math.ceil(waitMs / 1000))) });

  async function pass(request: FastifyRequest, reply: FastifyReply, path: string): Promise<FastifyReply> {
    const addressWait = await within(perAddress, request.ip);
    if (addressWait !== undefined) throw tooMany('Too many Defender reads from this address through the server; wait and try again.', addressWait);
    const authorization = request.headers.authorization ?? '';
    const token = authorization.length <= 16_384 ? bearer.exec(authorization)?.[1] : undefined;
    const shape = token === undefined ? undefined : checkTokenShape(token, { tenantIds: options.tenantIds, now: Date.now() });
    if (!shape?.ok) {
      throw new HttpProblem(401, 'Unauthorized', shape?.reason ?? 'Send the Defender access token as Authorization: Bearer <token>.', { 'WWW-Authenticate': 'Bearer' });
    }
    const queryAt = request.url.indexOf('?');
    const verdict = checkDefenderQuery(queryAt < 0 ? '' : request.url.slice(queryAt + 1));
    if (!verdict.ok) throw new HttpProblem(verdict.status, verdict.status === 414 ? 'RequestUriTooLong' : 'InvalidRequest', verdict.message);
    const analystWait = await within(perAnalyst, analystKey(authorization));
    if (analystWait !== undefined) throw tooMany('Too many Defender reads from this analyst through the server; wait and try again.', analystWait);
    if (inFlight >= options.maxInFlight) {
      throw new HttpProblem(503, 'ServerBusy', 'The server is waiting on Defender for many reads already; try again in a moment.', { 'Retry-After': '1' });
    }
    inFlight += 1;
    try {
      return await forward(request, reply, path, authorization, verdict.query, options.upstreamFor?.(shape.tenantId) ?? options.upstream);
    } finally {
      inFlight -= 1;
    }
  }

  /** The one call to Defender, and its answer passed back: bounded in time and size, redirects not followed. */
  async function forward(request: FastifyRequest, reply: FastifyReply, path: string, authorization: string, query: string, upstream: string): Promise<FastifyReply> {
    const url = `${upstream}${path}${query ? `?${query}` : ''}`;
    const timeout = AbortSignal.timeout(options.timeoutMs);
    let status: number;
    let headers: Record<string, string>;
    let body: Buffer;
    try {
      // A redirect is not followed: it would carry the analyst's token to wherever Defender's answer pointed.
      const answer = await fetchImpl(url, { headers: headersToDefender(authorization), signal: timeout, redirect: 'manual' });
      status = answer.status;
      headers = headersFromDefender(answer.headers);
      body = await readCapped(answer.body, options.maxResponseBytes);
    } catch (error) {
      if (error instanceof TooLargeError) throw new HttpProblem(502, 'UpstreamAnswerTooLarge', `Defender's answer was larger than ${options.maxResponseBytes} bytes; ask for fewer actions at once.`);
      if (timeout.aborted) throw new HttpProblem(504, 'UpstreamTimeout', `Defender did not answer within ${Math.round(options.timeoutMs / 1000)} s.`);
      request.log.warn({ upstreamError: (error as Error).message }, 'Defender could not be reached');
      throw new HttpProblem(502, 'UpstreamUnreachable', 'Defender could not be reached from the server.');
    }
    if (status >= 300 && status < 400) throw new HttpProblem(502, 'UpstreamRedirect', 'Defender answered with a redirect, which the server does not follow.');
    // Served on the app's origin: anything but JSON goes as plain text, never as a page.
    if (!jsonType.test(headers['content-type'] ?? '')) headers['content-type'] = 'text/plain; charset=utf-8';
    return reply.code(status).headers(headers).header('cache-control', 'no-store').send(body);
  }

  // No HEAD twin: the path answers GET only, every other method a 405.
  app.get(`${defenderPath}/api/machineactions`, { exposeHeadRoute: false }, (request, reply) => pass(request, reply, '/api/machineactions'));
  app.get<{ Params: { id: string } }>(
    `${defenderPath}/api/machineactions/:id`,
    { exposeHeadRoute: false, schema: { params: { type: 'object', properties: { id: { type: 'string', pattern: guidPattern } }, required: ['id'] } } },
    (request, reply) => pass(request, reply, `/api/machineactions/${request.params.id.toLowerCase()}`),
  );
  const refuse = (_request: FastifyRequest, reply: FastifyReply) =>
    sendProblem(reply.header('allow', 'GET'), new HttpProblem(405, 'MethodNotAllowed', 'The Defender path is read-only: GET only.'));
  for (const url of [`${defenderPath}/api/machineactions`, `${defenderPath}/api/machineactions/:id`]) {
    app.route({ method: ['HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'], url, handler: refuse });
  }
}
