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
/** The answers' shapes: Fastify serialises exactly these fields, so nothing else can slip into an answer. */
const schemas = {
  healthz: { response: { 200: { type: 'object', properties: { ok: { type: 'boolean' } }, required: ['ok'], additionalProperties: false } } },
  readyz: {
    response: {
      200: { type: 'object', properties: { ready: { const: true }, polling: { type: 'boolean' } }, required: ['ready'], additionalProperties: false },
      503: { type: 'object', properties: { ready: { const: false }, reason: { enum: ['draining', 'redis'] } }, required: ['ready', 'reason'], additionalProperties: false },
    },
  },
};

export function registerHealthRoutes(app: FastifyInstance, options: HealthOptions): void {
  const noStore = { 'cache-control': 'no-store' };
  app.get('/healthz', { schema: schemas.healthz }, async (_request, reply) => reply.headers(noStore).send({ ok: true }));
  app.get('/readyz', { schema: schemas.readyz }, async (_request, reply) => {
    if (options.isDraining()) return reply.code(503).headers(noStore).send({ ready: false, reason: 'draining' });
    if (options.redisAnswers && !(await options.redisAnswers())) return reply.code(503).headers(noStore).send({ ready: false, reason: 'redis' });
    return reply.headers(noStore).send({ ready: true, ...(options.isLeading ? { polling: options.isLeading() } : {}) });
  });
}
