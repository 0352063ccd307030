import type { FastifyInstance } from 'fastify';
import { registerStreamRoute, type StreamRouteOptions } from './stream-route';
import { registerWatchRoute, type WatchRouteOptions } from './watch-route';

export interface Routes {
  watch: WatchRouteOptions;
  stream: StreamRouteOptions;
}

/** The relay's API, in the scope (and under the prefix, /relay) the server gives it: same origin, no CORS. */
export function registerRoutes(scope: FastifyInstance, routes: Routes): void {
  registerWatchRoute(scope, routes.watch);
  registerStreamRoute(scope, routes.stream);
}
