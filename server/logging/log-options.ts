import type { FastifyRequest, FastifyServerOptions } from 'fastify';
import type { Writable } from 'node:stream';
import { redactUrl } from './redact-url';

/**
 * The headers a log line could carry a token or a cookie in, wherever a line puts them. The request
 * serializer below logs no header at all; these paths catch a header object logged some other way.
 */
export const redactedPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  'res.headers["set-cookie"]',
  'authorization',
  'token',
  'accessToken',
  // A refused request's raw bytes (Fastify logs them at trace): the client error handler never logs them.
  'err.rawPacket',
];

/**
 * Structured JSON lines (pino, Fastify's logger). A request is logged as method, URL (with its secret
 * query values redacted: server/logging/redact-url.ts) and the client's address, which `trustProxy`
 * decides. Fastify's own serializer logs the raw URL: a token sent in the query would be written whole.
 */
export function logOptions(level: string, stream: Writable | undefined): FastifyServerOptions['logger'] {
  return {
    level,
    redact: { paths: redactedPaths, censor: '[redacted]' },
    serializers: {
      req: (request: FastifyRequest) => ({ method: request.method, url: redactUrl(request.url), remoteAddress: request.ip }),
      res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
    },
    ...(stream ? { stream } : {}),
  };
}
