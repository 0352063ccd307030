import type { FastifyRequest } from 'fastify';
import { AuthError, bearerToken, type Analyst } from '../auth/analyst-token';
import type { RequestLimiter } from '../state/request-limiter';
import { HttpProblem } from './http-problem';

/** The analyst behind a request, and their token for this request's own Defender reads (never stored). */
export interface Caller {
  analyst: Analyst;
  token: string;
}

export type Authenticate = (request: FastifyRequest) => Promise<Caller>;

/** Verifies the bearer token, then counts the request against the analyst's rate limit. */
export function authenticator(verify: (token: string) => Promise<Analyst>, limit: RequestLimiter): Authenticate {
  return async (request) => {
    let caller: Caller;
    try {
      const token = bearerToken(request.headers.authorization);
      caller = { analyst: await verify(token), token };
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
      throw new HttpProblem(401, 'Unauthorized', error.message, { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
    }
    const waitMs = await limit(caller.analyst.oid);
    if (waitMs !== undefined) {
      throw new HttpProblem(429, 'TooManyRequests', 'Too many requests to the relay; wait and try again.', { 'Retry-After': String(Math.ceil(waitMs / 1000)) });
    }
    return caller;
  };
}
