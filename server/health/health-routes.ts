import type { FastifyInstance } from 'fastify';

export interface HealthOptions {
  /** Whether Redis answers (when the relay is on); undefined without a relay. */
  redisAnswers: (() => Promise<boolean>) | undefined;
  isDraining: () => boolean;
  isLeading: (() => boolean) | undefined;
}

/**
 * `/healthz`: the process is alive (a restart would not help otherwise). `/readyz`: send it traffic, which
 * is false while Redis does not answer (the relay cannot serve) and from SIGTERM on (it is draining).
 * Neither needs a token, and neither says more than that.
 */
export function registerHealthRoutes(app: FastifyInstance, options: HealthOptions): void {
  const noStore = { 'cache-control': 'no-store' };
  app.get('/healthz', async (_request, reply) => reply.headers(noStore).send({ ok: true }));
  app.get('/readyz', async (_request, reply) => {
    if (options.isDraining()) return reply.code(503).headers(noStore).send({ ready: false, reason: 'draining' });
    if (options.redisAnswers && !(await options.redisAnswers())) return reply.code(503).headers(noStore).send({ ready: false, reason: 'redis' });
    return reply.headers(noStore).send({ ready: true, ...(options.isLeading ? { polling: options.isLeading() } : {}) });
  });
}
