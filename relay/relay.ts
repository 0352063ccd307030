import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { createRemoteJWKSet } from 'jose';
import { createDefenderClient } from '../core/defender/defender-client';
import type { Timers } from '../core/polling/scheduler/action-poller';
import { budgetLimits } from '../core/polling/scheduler/rate-budget';
import { accessChecker } from './access/access-check';
import { accessRetries } from './access/access-retries';
import { createAnalystVerifier } from './auth/analyst-token';
import { relayTenants, type ServedTenant } from './auth/served-tenants';
import type { RelaySettings } from './config/settings';
import { authenticator } from './http/authenticate';
import { registerRoutes, type TenantRoutes } from './http/routes';
import { StreamHub } from './http/stream-hub';
import { repeatEvery } from './poller/repeat';
import { TeamPoller } from './poller/team-poller';
import { accessBudget } from './state/access-budget';
import { accessCache } from './state/access-cache';
import { actionStates } from './state/action-states';
import { leaderLease } from './state/leader-lease';
import { leases } from './state/leases';
import { connectRedis } from './state/redis-connection';
import { customerKeys, keys as homeKeys } from './state/keys';
import { publishEvent, subscribeEvents, type RelayEvent } from './state/relay-events';
import { requestLimiter } from './state/request-limiter';
import { sharedBudget } from './state/shared-budget';
import { watchSets } from './state/watch-sets';

/** What tests (and only tests) change: where Defender calls go, the clock tokens are judged by, the poller's time. */
export interface RelayOverrides {
  fetch?: typeof fetch;
  tokenClock?: () => number;
  /**
   * The clock and timers of the poller (its lease contest, scans and checks), the leases and their renewal:
   * a benchmark's simulated time. Tokens are still judged by `tokenClock`, and the streams' heartbeats, Redis
   * TTLs and the limiters' windows run on real time. By default the real timers.
   */
  timers?: Timers;
}

/** One replica's relay, inside the server (server/http/build-server.ts), which gives it its routes' prefix. */
export interface Relay {
  replicaId: string;
  /** PUT /v1/watch and GET /v1/stream, and each served tenant's under /v1/t/<tenant>/, in the (prefixed) scope the server gives it. */
  routes(scope: FastifyInstance): void;
  /** Whether this replica polls the home tenant (TENANT_ID) for the team. */
  isLeading(): boolean;
  /** The tenants this relay serves (the home tenant first), and the ones it does not, with why. */
  tenants: { served: string[]; unserved: string[] };
  /** The streams open on this replica. */
  streamCount(): number;
  /** Whether Redis answers now: the server's readiness. */
  redisAnswers(): Promise<boolean>;
  /** Every open stream gets `bye` and is ended: the browser reconnects, to another replica by then. */
  closeStreams(): void;
  /** The poller stops; `release` hands its lease over at once rather than let it lapse. */
  close(options?: { release?: boolean }): Promise<void>;
}

/** How often a leader re-reads the leases: a lapsed one stops costing calls soon, a missed event is caught up. */
function scanMs(settings: RelaySettings): number {
  return Math.max(200, Math.min(5_000, Math.floor(settings.timings.leaseTtlMs / 4)));
}

interface RelayLog {
  info(message: string): void;
  warn(message: string): void;
}

/** What one tenant's part of a replica needs from the replica: its settings, Redis, identity and clocks. */
interface ReplicaContext {
  settings: RelaySettings;
  replicaId: string;
  redis: Redis;
  log: RelayLog;
  overrides: RelayOverrides;
  now: () => number;
}

/** One served tenant's part: everything it keeps is its own (keys, budget, pause, poller, watches, verdicts). */
interface TenantRelay {
  routes: TenantRoutes;
  events: string;
  onEvent(event: RelayEvent): void;
  poller: TeamPoller;
  hub: StreamHub;
  retries: ReturnType<typeof accessRetries>;
}

/** The home tenant's log lines are a single-tenant relay's; a customer's name their tenant. */
function tenantLog(log: RelayLog, tenant: ServedTenant): RelayLog {
  if (tenant.home) return log;
  const named = (message: string) => `${tenant.name} (${tenant.id}): ${message}`;
  return { info: (message) => log.info(named(message)), warn: (message) => log.warn(named(message)) };
}

/** One tenant's relay: its own budget and access checks, verifier, poller (with its app token) and stream hub. */
function startTenantRelay(tenant: ServedTenant, context: ReplicaContext): TenantRelay {
  const { settings, redis, now, overrides } = context;
  const { timings } = settings;
  const log = tenantLog(context.log, tenant);
  const keys = tenant.home ? homeKeys : customerKeys(tenant.id);
  const access = accessCache(redis, keys, { allowedMs: timings.accessTtlMs, deniedMs: timings.deniedTtlMs });
  const states = actionStates(redis, keys, timings.stateTtlMs);
  const leased = leases(redis, keys, timings.leaseTtlMs);
  const watches = watchSets(redis, keys, timings.stateTtlMs);
  const publish = (event: RelayEvent) => publishEvent(redis, keys, event);
  const limits = budgetLimits(settings.quotaShare, 1); // the relay is the deployment's one poller of this tenant
  const teamBudget = sharedBudget(redis, keys, limits);
  const checksBudget = accessBudget(redis, keys, limits, settings.accessChecksPerMinute);
  // Access checks read this tenant's Defender with the analyst's token for this tenant (the route took no other).
  const checkAccess = accessChecker({
    defenderApi: settings.defenderApi,
    cache: access,
    // Every access read is one of the team's calls: counted in Redis, and by the leader's budget through `spent`.
    budget: {
      take: async (oid) => (await checksBudget.take(oid)) && (await teamBudget.take()) && (await publish({ type: 'spent', count: 1 }).then(() => true, () => true)),
      pausedUntil: (at) => teamBudget.pausedUntil(at),
      pause: (until, at) => teamBudget.pause(until, at),
    },
    onPause: (until) => void publish({ type: 'paused', until }).catch(() => undefined),
    now,
    fetch: overrides.fetch,
  });
  const retries = accessRetries({
    checkAccess,
    onChecked: async (oid, allowed) => {
      await leased.renew(allowed, now());
      await Promise.all([publish({ type: 'leases' }), publish({ type: 'watch', oid })]);
    },
    pausedUntil: () => teamBudget.pausedUntil(now()),
    now,
    warn: log.warn,
  });
  const verify = createAnalystVerifier({
    keys: createRemoteJWKSet(new URL(tenant.identity.jwksUrl)),
    issuers: tenant.issuers,
    audience: settings.defenderResource,
    tenantId: tenant.id,
    appClientId: settings.appClientId,
    now: overrides.tokenClock,
  });
  const authenticate = authenticator(verify, requestLimiter(redis, keys, settings.requestsPerMinute));
  const poller = new TeamPoller({
    redis,
    keys,
    lease: leaderLease(redis, keys, context.replicaId, timings.leaderTtlMs),
    leases: leased,
    states,
    budget: teamBudget,
    limits,
    defender: createDefenderClient({ apiBaseUrl: settings.defenderApi, getAccessToken: tenant.appToken, fetch: overrides.fetch }),
    leaderTtlMs: timings.leaderTtlMs,
    scanMs: scanMs(settings),
    log,
    timers: overrides.timers,
  });
  const hub = new StreamHub({ watchSets: watches, access, states, leases: leased, warn: log.warn, now });
  return {
    routes: {
      tenantId: tenant.id,
      home: tenant.home,
      watch: { authenticate, checkAccess, retries, watchSets: watches, leases: leased, publish, maxIds: settings.maxIdsPerAnalyst, now },
      stream: { authenticate, checkAccess, retries, watchSets: watches, hub, heartbeatMs: timings.heartbeatMs, slowReaderMs: timings.slowReaderMs, maxStreamsPerAnalyst: settings.maxStreamsPerAnalyst },
    },
    events: keys.events,
    onEvent(event) {
      hub.onEvent(event);
      if (event.type === 'leases') poller.leasesChanged();
      else if (event.type === 'spent') poller.spentElsewhere(event.count);
      else if (event.type === 'paused' && event.until !== null) poller.pauseUntil(event.until);
    },
    poller,
    hub,
    retries,
  };
}

/**
 * One relay replica: its routes, its share of the fan-out, and a contender for each served tenant's poller
 * lease. The tenants share the replica's two Redis connections and nothing else.
 */
export async function startRelay(settings: RelaySettings, logger: FastifyBaseLogger, overrides: RelayOverrides = {}): Promise<Relay> {
  const replicaId = randomUUID();
  const { timings } = settings;
  const { timers } = overrides;
  const now = timers ? () => timers.now() : Date.now;
  const log = { info: (message: string) => logger.info(message), warn: (message: string) => logger.warn(message) };
  const tenants = await relayTenants(settings, overrides.fetch);
  for (const tenant of tenants.served) if (!tenant.home) log.info(`The team relay serves ${tenant.name} (${tenant.id}) with its own app token and budget.`);
  for (const tenant of tenants.unserved) log.warn(`The team relay does not serve ${tenant.name} (${tenant.tenantId}); its analysts' browsers poll it themselves: ${tenant.reason}`);
  const redis = connectRedis(settings.redisUrl, `relay-${replicaId}`, log);
  const subscriber = connectRedis(settings.redisUrl, `relay-${replicaId}-events`, log);
  const parts = tenants.served.map((tenant) => startTenantRelay(tenant, { settings, replicaId, redis, log, overrides, now }));
  const [home] = parts;
  const hubs = parts.map((part) => part.hub);

  await subscribeEvents(
    subscriber,
    new Map(parts.map((part) => [part.events, (event: RelayEvent) => part.onEvent(event)])),
    () => void Promise.all(hubs.map((hub) => hub.resyncAll())).catch((error: Error) => log.warn(`Could not catch streams up: ${error.message}`)),
    log.warn,
  );
  for (const part of parts) part.poller.start();
  // A third of the TTL: a lease survives two missed renewals.
  const renew = () => void Promise.all(hubs.map((hub) => hub.renewLeases())).catch((error: Error) => log.warn(`Could not renew leases: ${error.message}`));
  const stopRenewal = repeatEvery(timers, Math.max(100, Math.floor(timings.leaseTtlMs / 3)), renew);

  return {
    replicaId,
    routes: (scope) => registerRoutes(scope, parts.map((part) => part.routes), tenants.unserved),
    isLeading: () => home.poller.isLeading,
    tenants: { served: tenants.served.map((tenant) => tenant.id), unserved: tenants.unserved.map((tenant) => tenant.tenantId) },
    streamCount: () => hubs.reduce((count, hub) => count + hub.size, 0),
    redisAnswers: async () => {
      try {
        return (await redis.ping()) === 'PONG';
      } catch {
        return false;
      }
    },
    closeStreams: () => hubs.forEach((hub) => hub.closeAll('shutdown')),
    async close({ release = true } = {}) {
      stopRenewal();
      for (const part of parts) part.retries.stop();
      await Promise.all(parts.map((part) => part.poller.stop(release)));
      for (const hub of hubs) hub.closeAll('shutdown');
      // disconnect, not quit: a Redis that is away would keep quit waiting.
      redis.disconnect();
      subscriber.disconnect();
    },
  };
}
