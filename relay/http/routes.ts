import type { FastifyInstance } from 'fastify';
import { relayPath, tenantNotServedCode, type RelayRoute } from '../../core/relay-stream/relay-paths';
import type { UnservedTenant } from '../auth/served-tenants';
import { HttpProblem } from './http-problem';
import { registerStreamRoute, type StreamRouteOptions } from './stream-route';
import { registerWatchRoute, type WatchRouteOptions } from './watch-route';

/** One served tenant's API: its watch and its stream, on its own state and budget. */
export interface TenantRoutes {
  tenantId: string;
  /** The home tenant (TENANT_ID) answers at /v1/watch and /v1/stream too, as a single-tenant relay always has. */
  home: boolean;
  watch: WatchRouteOptions;
  stream: StreamRouteOptions;
}

function pathsOf(route: RelayRoute, tenant: TenantRoutes): string[] {
  return tenant.home ? [relayPath(route), relayPath(route, tenant.tenantId)] : [relayPath(route, tenant.tenantId)];
}

/**
 * The relay's API, in the scope (and under the prefix, /relay) the server gives it: same origin, no CORS.
 * Any other tenant's watch answers 404 TenantNotServed, and its stream the same refusal (as 200 JSON), naming the
 * tenant and why: its browsers poll it themselves.
 */
export function registerRoutes(scope: FastifyInstance, served: readonly TenantRoutes[], unserved: readonly UnservedTenant[]): void {
  for (const tenant of served) {
    registerWatchRoute(scope, pathsOf('watch', tenant), tenant.watch);
    registerStreamRoute(scope, pathsOf('stream', tenant), tenant.stream);
  }
  const notServed = (tenantId: string) => {
    const known = unserved.find((tenant) => tenant.tenantId === tenantId.toLowerCase());
    const why = known ? `${known.name} (${known.tenantId}): ${known.reason}` : `the tenant ${JSON.stringify(tenantId.slice(0, 64))}: it is not one of this deployment's tenants`;
    return new HttpProblem(404, tenantNotServedCode, `The team relay does not serve ${why}. Browsers read that tenant's Defender themselves.`);
  };
  // Fastify prefers the static paths above: these answer only for a tenant that has none.
  scope.put<{ Params: { tenant: string } }>(relayPath('watch', ':tenant'), async (request) => {
    throw notServed(request.params.tenant);
  });
  // The stream answers the same refusal as 200 JSON, not an event stream: a browser logs any 4xx as an error
  // of the page, and this is a state the app expects (the browser reads it with relay-paths.ts's readRelayError).
  scope.get<{ Params: { tenant: string } }>(relayPath('stream', ':tenant'), async (request, reply) => {
    const problem = notServed(request.params.tenant);
    return reply.code(200).header('cache-control', 'no-store').type('application/json').send({ error: { code: problem.code, message: problem.message } });
  });
}
