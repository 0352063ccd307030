import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AccessChecker } from '../access/access-check';
import type { AccessRetries } from '../access/access-retries';
import type { Leases } from '../state/leases';
import type { RelayEvent } from '../state/relay-events';
import type { WatchSets } from '../state/watch-sets';
import type { Authenticate } from './authenticate';
import { watchedIds } from './watch-body';

export interface WatchRouteOptions {
  authenticate: Authenticate;
  checkAccess: AccessChecker;
  /** IDs not checked now are checked again later, by the relay itself. */
  retries: AccessRetries;
  watchSets: WatchSets;
  leases: Leases;
  publish: (event: RelayEvent) => Promise<void>;
  maxIds: number;
  now?: () => number;
}

/** Room for `maxIds` quoted GUIDs with commas and spaces, and the braces around them. */
export function watchBodyLimit(maxIds: number): number {
  return maxIds * 42 + 1_024;
}

const guids = { type: 'array', items: { type: 'string' } } as const;

/**
 * The answer's shape, serialised from this schema (fields outside it never leave). The body is checked by
 * watch-body.ts instead, whose refusals name the ID at fault and say 413 for too many.
 */
const watchSchema = {
  response: {
    200: {
      type: 'object',
      properties: {
        watching: guids,
        denied: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, reason: { type: 'string' } }, required: ['id', 'reason'], additionalProperties: false } },
        unchecked: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, problem: { type: 'string' } }, required: ['id', 'problem'], additionalProperties: false } },
      },
      required: ['watching', 'denied', 'unchecked'],
      additionalProperties: false,
    },
  },
} as const;

/**
 * PUT /v1/watch (or /v1/t/<tenant>/watch) `{ ids }`: what this analyst's stream follows from now on (the whole set, not a change).
 * Each new ID is read once with the analyst's own token; only readable ones are leased and streamed.
 */
export function registerWatchRoute(app: FastifyInstance, paths: readonly string[], options: WatchRouteOptions): void {
  const now = options.now ?? Date.now;
  const handler = async (request: FastifyRequest) => {
    const { analyst, token } = await options.authenticate(request);
    const ids = watchedIds(request.body, options.maxIds);
    const report = await options.checkAccess(analyst.oid, token, ids);
    options.retries.later(analyst.oid, token, analyst.expiresAt, report.unchecked.map((item) => item.id));
    // Every ID is kept, the denied too: a fresh action's 404 is cached briefly, and a later stream checks again.
    await options.watchSets.write(analyst.oid, ids);
    await options.leases.renew(report.allowed, now());
    await Promise.all([options.publish({ type: 'leases' }), options.publish({ type: 'watch', oid: analyst.oid })]);
    return { watching: report.allowed, denied: report.denied, unchecked: report.unchecked };
  };
  for (const path of paths) app.put(path, { bodyLimit: watchBodyLimit(options.maxIds), schema: watchSchema }, handler);
}
