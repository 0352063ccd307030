import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

/** A refusal the server (or its relay) means to give, with the status, a code the browser can branch on, and plain words. */
export class HttpProblem extends Error {
  readonly status: number;
  readonly code: string;
  readonly headers: Record<string, string>;

  constructor(status: number, code: string, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = 'HttpProblem';
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

/** Every error answer has Defender's shape, `{ "error": { "code", "message" } }`, which the app already reads. */
export function sendProblem(reply: FastifyReply, problem: HttpProblem): FastifyReply {
  return reply.code(problem.status).headers(problem.headers).type('application/json').send({ error: { code: problem.code, message: problem.message } });
}

/** Fastify's own refusals of a body, named for the analyst's side rather than Fastify's insides. */
const fastifyProblems: Record<string, [number, string, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'BodyTooLarge', 'The request body is too large.'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'UnsupportedMediaType', 'Send the body as application/json.'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'InvalidRequestBody', 'The request body is empty; send { "ids": [...] }.'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'InvalidRequestBody', 'The request body is not valid JSON.'],
};

/** ioredis's ways of saying Redis is away: the relay cannot serve now, which is not the request's fault. */
function isRedisAway(error: Error): boolean {
  return error.name === 'MaxRetriesPerRequestError' || /Connection is closed|Command timed out|Stream isn't writeable|ECONNREFUSED/.test(error.message);
}

/**
 * The one error handler: known refusals keep their status and words; anything else is a 500 whose details go
 * to the log only (they never carry a token: the relay never puts one in an error).
 */
export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof HttpProblem) return sendProblem(reply, error);
  const known = fastifyProblems[error.code];
  if (known) return sendProblem(reply, new HttpProblem(...known));
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    return sendProblem(reply, new HttpProblem(error.statusCode, 'BadRequest', 'The request is not one this server accepts.'));
  }
  if (isRedisAway(error)) {
    request.log.warn(`Redis is away: ${error.message}`);
    return sendProblem(reply, new HttpProblem(503, 'ServiceUnavailable', 'The team relay cannot reach its store just now; try again shortly.', { 'Retry-After': '5' }));
  }
  request.log.error({ err: error }, 'request failed');
  return sendProblem(reply, new HttpProblem(500, 'InternalServerError', 'The server failed to answer; try again.'));
}
