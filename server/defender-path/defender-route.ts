import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { HttpProblem, sendProblem } from '../../relay/http/http-problem';
import { defenderPath } from '../config/server-settings';
import { checkDefenderQuery } from './defender-query';
import { headersFromDefender, headersToDefender } from './passed-headers';
import { readCapped, TooLargeError } from './read-capped';

export interface DefenderRouteOptions {
  /** Defender's origin, from the settings: the only host this route ever calls. */
  upstream: string;
  requestsPerMinute: number;
  timeoutMs: number;
  maxResponseBytes: number;
  fetch?: typeof fetch;
}

const guidPattern = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
const bearer = /^Bearer [A-Za-z0-9\-_.~+/]+=*$/;

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
  const limiter = new RateLimiterMemory({ points: options.requestsPerMinute, duration: 60 });

  async function pass(request: FastifyRequest, reply: FastifyReply, path: string): Promise<FastifyReply> {
    const authorization = request.headers.authorization;
    if (authorization === undefined || !bearer.test(authorization) || authorization.length > 16_384) {
      throw new HttpProblem(401, 'Unauthorized', 'Send the Defender access token as Authorization: Bearer <token>.', { 'WWW-Authenticate': 'Bearer' });
    }
    const queryAt = request.url.indexOf('?');
    const verdict = checkDefenderQuery(queryAt < 0 ? '' : request.url.slice(queryAt + 1));
    if (!verdict.ok) throw new HttpProblem(verdict.status, verdict.status === 414 ? 'RequestUriTooLong' : 'InvalidRequest', verdict.message);
    try {
      await limiter.consume(analystKey(authorization));
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      throw new HttpProblem(429, 'TooManyRequests', 'Too many Defender reads from this analyst through the server; wait and try again.', { 'Retry-After': String(Math.ceil(error.msBeforeNext / 1000)) });
    }

    const url = `${options.upstream}${path}${verdict.query ? `?${verdict.query}` : ''}`;
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
