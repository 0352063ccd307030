import type { FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { createServer, type RequestListener } from 'node:http';
import type { Socket } from 'node:net';
import { HttpProblem, sendProblem } from '../../relay/http/http-problem';

/**
 * The HTTP server under Fastify, with limits an exposed process needs: a request's headers within 10 s and
 * the whole request within 30 s (a stream's answer may last hours: only the request is timed), checked every
 * 2 s, and at most `maxConnections` open at once. A load balancer in front should cap connections per client too.
 */
export function serverFactory(maxConnections: number): NonNullable<FastifyServerOptions['serverFactory']> {
  return (handler) => {
    const server = createServer({ headersTimeout: 10_000, requestTimeout: 30_000, keepAliveTimeout: 5_000, connectionsCheckingInterval: 2_000 }, handler as RequestListener);
    server.maxConnections = maxConnections;
    return server;
  };
}

const badRequest = JSON.stringify({ error: { code: 'BadRequest', message: 'The request is not valid HTTP.' } });

/**
 * A request Node's parser refuses (a malformed line, conflicting lengths, headers too large) gets a plain 400
 * in Defender's error shape. Fastify's own handler logs the raw bytes, Authorization included, at trace level;
 * this logs only the parser's code.
 */
export function clientErrorHandler(log: () => FastifyInstance['log']): NonNullable<FastifyServerOptions['clientErrorHandler']> {
  return (error: Error & { code?: string }, socket: Socket) => {
    log().debug({ code: error.code }, 'a request Node could not parse');
    if (socket.writable) {
      const status = error.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
      socket.end(`HTTP/1.1 ${status}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(badRequest)}\r\nConnection: close\r\n\r\n${badRequest}`);
    }
    socket.destroy();
  };
}

/** Fastify's own refusals (a URL it cannot decode) in Defender's error shape, without echoing the URL. */
export const frameworkErrors: NonNullable<FastifyServerOptions['frameworkErrors']> = (_error, _request, reply) => {
  void sendProblem(reply, new HttpProblem(400, 'InvalidPath', 'The request URL is not valid.'));
};

/** Headers every answer carries; pages get their full policy from deploy/security-headers.ts instead. */
const everyAnswer = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' };
/** For what is not a page (JSON, streams, errors): nothing in it may load or run, nor be framed. */
const notAPage = "default-src 'none'; frame-ancestors 'none'";

/**
 * No path of the app, its API or its relay has an encoded dot, slash or backslash, an empty segment, or a
 * `.` or `..` segment: refused before routing, so that no layer below has to agree with another on what they
 * decode to (nor `/./config.json` reach the build's own file). Every answer gets the headers above.
 */
export function guardRequests(app: FastifyInstance): void {
  app.addHook('onRequest', async (request: FastifyRequest) => {
    const path = request.url.split('?')[0];
    if (/%2e|%2f|%5c|\\|\/\/|(^|\/)\.\.?(\/|$)/i.test(path)) {
      throw new HttpProblem(400, 'InvalidPath', 'Encoded dots and slashes, backslashes, empty and dot segments are not accepted in a path.');
    }
  });
  app.addHook('onSend', async (_request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    reply.headers(everyAnswer);
    if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', notAPage);
    return payload;
  });
}
