import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { handleCors } from '../http/cors.ts';
import { BodyTooLargeError, parseJson, readBody, sendEmpty, sendJson, type JsonValue } from '../http/json.ts';
import { matchRoute, type Route } from '../http/router.ts';
import { claimedTenantOf, requirePermission, type Caller } from './bearer-auth.ts';
import { controlRoutes } from './control-routes.ts';
import { requireRole, type UserRoles } from './defender-roles.ts';
import { deviceGroupScopeOf } from './device-groups.ts';
import { DefenderError, sendDefenderError, standardError } from './errors.ts';
import { playFault } from './faults.ts';
import { apiRoutes } from './routes.ts';
import type { Simulation, TenantDefender } from './simulation.ts';
import { requireShortUrl } from './switches.ts';

/** What Defender sends with OData bodies; clients must accept the parameters after the media type. */
const ODATA_JSON =
  'application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8';

export interface DefenderServerOptions {
  readonly simulation: Simulation;
  readonly verifyBearer: (authorization: string | undefined) => Promise<Caller>;
  /** Defender's RBAC: each user's role in each tenant, and the device groups it covers. */
  readonly userRoles: UserRoles;
  readonly appOrigins: readonly string[];
  readonly quiet: boolean;
}

function jsonReader(req: IncomingMessage): () => Promise<JsonValue | undefined> {
  return async () => {
    try {
      return parseJson(await readBody(req));
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        throw new DefenderError(413, 'RequestEntityTooLarge', 'The request body is too large.');
      }
      throw error;
    }
  };
}

function routeOrThrow<Handler>(routes: readonly Route<Handler>[], method: string, path: string) {
  const match = matchRoute(routes, method, path);
  if (match.kind === 'found') return match;
  if (match.kind === 'method-not-allowed') {
    throw new DefenderError(405, 'MethodNotAllowed', `${method} is not supported on ${path}.`, {
      Allow: match.allowed.join(', '),
    });
  }
  throw new DefenderError(404, 'ResourceNotFound', `No resource matches ${path}.`);
}

/** The tenant whose Defender answers the verified caller; a token of a tenant without one gets 401. */
function tenantOfCaller(simulation: Simulation, caller: Caller): TenantDefender {
  const tenant = simulation.tenant(caller.tenantId);
  if (tenant === undefined) {
    throw new DefenderError(401, 'Unauthorized', `The access token's tenant '${caller.tenantId}' is not served here.`, { 'WWW-Authenticate': 'Bearer' });
  }
  return tenant;
}

/**
 * Faults first (they stand in for anything between the app and Defender), then a front end's URL limit,
 * both those of the tenant the token names; then auth, the tenant's Defender and the caller's role in it,
 * permission, the tenant's quota.
 */
async function handleApi(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  options: DefenderServerOptions,
): Promise<void> {
  const { simulation } = options;
  const method = req.method ?? 'GET';
  const entry = simulation.requestLog.record({
    at: new Date(simulation.clock.now()).toISOString(),
    method,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    status: null,
    user: null,
    tenantId: null,
  });
  res.once('finish', () => {
    entry.status = res.statusCode;
  });
  const claimed = simulation.tenant(claimedTenantOf(req.headers.authorization) ?? '') ?? simulation.home;
  const fault = claimed.faults.take(`${url.pathname}${url.search}`);
  if (fault !== undefined && (await playFault(fault, res))) return;
  requireShortUrl(claimed.switches.current(), req.url ?? ''); // as sent, before any re-encoding
  const caller = await options.verifyBearer(req.headers.authorization);
  entry.user = caller.upn ?? (caller.kind === 'app' ? caller.appId : null);
  entry.tenantId = caller.tenantId;
  const tenant = tenantOfCaller(simulation, caller);
  const role = requireRole(caller, options.userRoles, tenant.tenantName);
  const { handler, params } = routeOrThrow(apiRoutes, method, url.pathname);
  requirePermission(caller, handler.permission);
  const decision = tenant.rateLimiter.take(`${caller.appId}|${caller.tenantId}`, simulation.clock.now());
  if (!decision.allowed) {
    const seconds = String(decision.retryAfterSeconds);
    throw new DefenderError(429, 'TooManyRequests', `Rate limit is exceeded. Try again in ${seconds} seconds.`, {
      'Retry-After': seconds,
    });
  }
  const deviceGroups = deviceGroupScopeOf(role);
  const state = { store: tenant.store, clock: simulation.clock, switches: tenant.switches };
  const response = await handler.handle({ url, caller, deviceGroups, params, json: jsonReader(req) }, state);
  sendJson(res, response.status, response.body, ODATA_JSON);
}

/** The tenant a control request sets the scene in: `?tenant=<id>`, or the home tenant. */
function controlledTenant(url: URL, simulation: Simulation): TenantDefender {
  const asked = url.searchParams.get('tenant');
  if (asked === null) return simulation.home;
  const tenant = simulation.tenant(asked);
  if (tenant === undefined) {
    const known = simulation.tenants().map((each) => `${each.tenantId} (${each.tenantName})`);
    throw new DefenderError(400, 'InvalidRequest', `No simulated tenant '${asked}': the simulator has ${known.join(', ')}.`);
  }
  return tenant;
}

async function handleControl(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  simulation: Simulation,
): Promise<void> {
  const { handler } = routeOrThrow(controlRoutes, req.method ?? 'GET', url.pathname);
  const response = await handler({ json: jsonReader(req), tenant: controlledTenant(url, simulation), query: url.searchParams }, simulation);
  if (response.body === undefined) sendEmpty(res, response.status);
  else sendJson(res, response.status, response.body);
}

async function dispatch(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  options: DefenderServerOptions,
): Promise<void> {
  if (url.pathname.startsWith('/_sim/')) return handleControl(req, res, url, options.simulation);
  if (url.pathname.toLowerCase().startsWith('/api/')) return handleApi(req, res, url, options);
  throw new DefenderError(404, 'ResourceNotFound', `No resource matches ${url.pathname}.`);
}

/** The origin the caller used, from its Host header: links in answers (nextLink) point back to it. */
function originOf(req: IncomingMessage): string {
  const host = req.headers.host ?? '';
  return /^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/i.test(host) ? `http://${host}` : 'http://localhost';
}

/**
 * The real API sends no CORS headers and refuses a preflight, as far as anyone has seen: a browser's direct
 * call fails. So does the simulator's, unless the `cors` switch is on (the tests of direct calls).
 */
function refusePreflight(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== 'OPTIONS') return false;
  sendDefenderError(res, new DefenderError(405, 'MethodNotAllowed', 'The requested resource does not support http method \'OPTIONS\'.'));
  return true;
}

export function createDefenderRequestHandler(options: DefenderServerOptions): RequestListener {
  return (req, res) => {
    // CORS is the host's (one host answers every tenant, and a preflight carries no token): set on all alike.
    if (options.simulation.home.switches.current().cors ? handleCors(req, res, options.appOrigins) : refusePreflight(req, res)) return;
    const url = new URL(req.url ?? '/', originOf(req));
    dispatch(req, res, url, options).catch((error: unknown) => {
      if (!(error instanceof DefenderError) && !options.quiet) console.error('[defender-simulator]', error);
      if (res.headersSent || res.destroyed) return;
      sendDefenderError(res, error instanceof DefenderError ? error : standardError(500));
    });
  };
}
