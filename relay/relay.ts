import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { createRemoteJWKSet } from 'jose';
import { createDefenderClient } from '../core/defender/defender-client';
import type { Timers } from '../core/polling/scheduler/action-poller';
import { budgetLimits } from '../core/polling/scheduler/rate-budget';
import { accessChecker } from './access/access-check';
import { accessRetries } from './access/access-retries';
import { createAnalystVerifier } from './auth/analyst-token';
import { appTokenSource } from './auth/app-token';
import { discoverEndpoints, type IdentityEndpoints } from './auth/oidc-discovery';
import type { RelaySettings } from './config/settings';
import { authenticator } from './http/authenticate';
import { registerRoutes } from './http/routes';
import { StreamHub } from './http/stream-hub';
import { repeatEvery } from './poller/repeat';
import { TeamPoller } from './poller/team-poller';
import { accessBudget } from './state/access-budget';
import { accessCache } from './state/access-cache';
import { actionStates } from './state/action-states';
import { leaderLease } from './state/leader-lease';
import { leases } from './state/leases';
import { connectRedis } from './state/redis-connection';
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
  /** PUT /v1/watch and GET /v1/stream, registered in the (prefixed) scope the server gives it. */
  routes(scope: FastifyInstance): void;
  isLeading(): boolean;
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

/** The identity provider's endpoints: the settings where given, discovery for the rest. */
async function endpoints(settings: RelaySettings, fetchImpl: typeof fetch): Promise<IdentityEndpoints> {
  const given = { issuer: settings.tokenIssuers?.[0], jwksUrl: settings.jwksUrl, tokenUrl: settings.tokenUrl };
  if (given.issuer && given.jwksUrl && given.tokenUrl) return { issuer: given.issuer, jwksUrl: given.jwksUrl, tokenUrl: given.tokenUrl };
  const found = await discoverEndpoints(settings.authority, fetchImpl);
  return { issuer: given.issuer ?? found.issuer, jwksUrl: given.jwksUrl ?? found.jwksUrl, tokenUrl: given.tokenUrl ?? found.tokenUrl };
}

/** One relay replica: its routes, its share of the fan-out, and a contender for the poller's lease. */
export async function startRelay(settings: RelaySettings, logger: FastifyBaseLogger, overrides: RelayOverrides = {}): Promise<Relay> {
  const replicaId = randomUUID();
  const { timings } = settings;
  const { timers } = overrides;
  const now = timers ? () => timers.now() : Date.now;
  const identity = await endpoints(settings, overrides.fetch ?? fetch);
  const log = { info: (message: string) => logger.info(message), warn: (message: string) => logger.warn(message) };
  const redis = connectRedis(settings.redisUrl, `relay-${replicaId}`, log);
  const subscriber = connectRedis(settings.redisUrl, `relay-${replicaId}-events`, log);
  const access = accessCache(redis, { allowedMs: timings.accessTtlMs, deniedMs: timings.deniedTtlMs });
  const states = actionStates(redis, timings.stateTtlMs);
  const leased = leases(redis, timings.leaseTtlMs);
  const watches = watchSets(redis, timings.stateTtlMs);
  const publish = (event: RelayEvent) => publishEvent(redis, event);
  const limits = budgetLimits(settings.quotaShare, 1); // the relay is the deployment's one poller
  const teamBudget = sharedBudget(redis, limits);
  const checksBudget = accessBudget(redis, limits, settings.accessChecksPerMinute);
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
    keys: createRemoteJWKSet(new URL(identity.jwksUrl)),
    issuers: settings.tokenIssuers ?? [identity.issuer],
    audience: settings.defenderResource,
    tenantId: settings.tenantId,
    appClientId: settings.appClientId,
    now: overrides.tokenClock,
  });
  const authenticate = authenticator(verify, requestLimiter(redis, settings.requestsPerMinute));

  const appToken = appTokenSource({
    tokenUrl: identity.tokenUrl,
    clientId: settings.relayClientId,
    clientSecret: settings.relayClientSecret,
    resource: settings.defenderResource,
    fetch: overrides.fetch,
  });
  const poller = new TeamPoller({
    redis,
    lease: leaderLease(redis, replicaId, timings.leaderTtlMs),
    leases: leased,
    states,
    budget: teamBudget,
    limits,
    defender: createDefenderClient({ apiBaseUrl: settings.defenderApi, getAccessToken: appToken, fetch: overrides.fetch }),
    leaderTtlMs: timings.leaderTtlMs,
    scanMs: scanMs(settings),
    log,
    timers,
  });
  const hub = new StreamHub({ watchSets: watches, access, states, leases: leased, warn: log.warn, now });

  await subscribeEvents(
    subscriber,
    (event) => {
      hub.onEvent(event);
      if (event.type === 'leases') poller.leasesChanged();
      else if (event.type === 'spent') poller.spentElsewhere(event.count);
      else if (event.type === 'paused' && event.until !== null) poller.pauseUntil(event.until);
    },
    () => void hub.resyncAll().catch((error: Error) => log.warn(`Could not catch streams up: ${error.message}`)),
    log.warn,
  );
  poller.start();
  // A third of the TTL: a lease survives two missed renewals.
  const stopRenewal = repeatEvery(timers, Math.max(100, Math.floor(timings.leaseTtlMs / 3)), () => void hub.renewLeases().catch((error: Error) => log.warn(`Could not renew leases: ${error.message}`)));

  return {
    replicaId,
    routes: (scope) =>
      registerRoutes(scope, {
        watch: { authenticate, checkAccess, retries, watchSets: watches, leases: leased, publish, maxIds: settings.maxIdsPerAnalyst, now },
        stream: { authenticate, checkAccess, retries, watchSets: watches, hub, heartbeatMs: timings.heartbeatMs, slowReaderMs: timings.slowReaderMs, maxStreamsPerAnalyst: settings.maxStreamsPerAnalyst },
      }),
    isLeading: () => poller.isLeading,
    streamCount: () => hub.size,
    redisAnswers: async () => {
      try {
        return (await redis.ping()) === 'PONG';
      } catch {
        return false;
      }
    },
    closeStreams: () => hub.closeAll('shutdown'),
    async close({ release = true } = {}) {
      stopRenewal();
      retries.stop();
      await poller.stop(release);
      hub.closeAll('shutdown');
      // disconnect, not quit: a Redis that is away would keep quit waiting.
      redis.disconnect();
      subscriber.disconnect();
    },
  };
}
