import cors from '@fastify/cors';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Writable } from 'node:stream';
import { handleError } from './http-problem';
import { registerStreamRoute, type StreamRouteOptions } from './stream-route';
import { registerWatchRoute, type WatchRouteOptions } from './watch-route';

export interface ServerOptions {
  appOrigin: string;
  /** Where the log goes (standard output by default); tests capture it to prove no token is in it. */
  logStream?: Writable;
  logLevel?: string;
}

export interface Routes {
  watch: WatchRouteOptions;
  stream: StreamRouteOptions;
  isLeading: () => boolean;
}

/** The headers a log line could carry a token or a cookie in; pino writes "[redacted]" instead. */
const redacted = ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization'];

/** The server with its log, error answers and CORS, before its routes: the log is needed to build them. */
export async function createServer(options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: options.logLevel ?? 'info', redact: { paths: redacted, censor: '[redacted]' }, ...(options.logStream ? { stream: options.logStream } : {}) },
    // The relay sits behind a load balancer: the forwarded address is the browser's.
    trustProxy: true,
    bodyLimit: 16 * 1024,
    return503OnClosing: true,
  });
  // JSON only: a text body would reach the routes as a string and be refused less clearly.
  app.removeContentTypeParser('text/plain');
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ error: { code: 'NotFound', message: 'No such relay endpoint.' } }));
  // The app's origin only: a page anywhere else cannot read the answers, even with a token in hand.
  await app.register(cors, { origin: options.appOrigin, methods: ['GET', 'PUT'], allowedHeaders: ['Authorization', 'Content-Type'], maxAge: 600 });
  return app;
}

export function registerRoutes(app: FastifyInstance, routes: Routes): void {
  // For the load balancer: no token needed, nothing said but whether this replica polls.
  app.get('/healthz', async () => ({ ok: true, polling: routes.isLeading() }));
  registerWatchRoute(app, routes.watch);
  registerStreamRoute(app, routes.stream);
}
