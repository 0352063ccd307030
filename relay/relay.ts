import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Writable } from 'node:stream';
import { createRemoteJWKSet } from 'jose';
import { createDefenderClient } from '../src/api/defender-client';
import type { Timers } from '../src/polling/action-poller';
import { budgetLimits } from '../src/polling/rate-budget';
import { accessChecker } from './access/access-check';
import { createAnalystVerifier } from './auth/analyst-token';
import { appTokenSource } from './auth/app-token';
import { discoverEndpoints, type IdentityEndpoints } from './auth/oidc-discovery';
import type { RelaySettings } from './config/settings';
import { authenticator } from './http/authenticate';
import { createServer, registerRoutes } from './http/server';
import { StreamHub } from './http/stream-hub';
import { repeatEvery } from './poller/repeat';
import { TeamPoller } from './poller/team-poller';
import { accessCache } from './state/access-cache';
import { actionStates } from './state/action-states';
import { leaderLease } from './state/leader-lease';
import { leases } from './state/leases';
import { connectRedis } from './state/redis-connection';
import { publishEvent, subscribeEvents, type RelayEvent } from './state/relay-events';
import { requestLimiter } from './state/request-limiter';
import { sharedBudget } from './state/shared-budget';
import { watchSets } from './state/watch-sets';

/** What tests (and only tests) change: where Defender calls go, where the log goes, the clock tokens are judged by. */
export interface RelayOverrides {
  fetch?: typeof fetch;
  logStream?: Writable;
  logLevel?: string;
  tokenClock?: () => number;
  /**
   * The clock and timers of the poller (its lease contest, scans and checks), the leases and their renewal:
   * a benchmark's simulated time. Tokens are still judged by `tokenClock`, and the streams' heartbeats, Redis
   * TTLs and the limiters' windows run on real time. By default the real timers.
   */
  timers?: Timers;
}

export interface RunningRelay {
  /** http://host:port, the port as bound (0 picks a free one). */
  url: string;
  replicaId: string;
  isLeading(): boolean;
  /** Streams are told and closed; `release` hands the poller's lease over at once rather than let it lapse. */
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

/** One relay replica: the HTTP API, its share of the fan-out, and a contender for the poller's lease. */
export async function startRelay(settings: RelaySettings, overrides: RelayOverrides = {}): Promise<RunningRelay> {
  const replicaId = randomUUID();
  const { timings } = settings;
  const { timers } = overrides;
  const now = timers ? () => timers.now() : Date.now;
  const identity = await endpoints(settings, overrides.fetch ?? fetch);
  const app = await createServer({ appOrigin: settings.appOrigin, logStream: overrides.logStream, logLevel: overrides.logLevel });
  const log = { info: (message: string) => app.log.info(message), warn: (message: string) => app.log.warn(message) };
  const redis = connectRedis(settings.redisUrl, `relay-${replicaId}`, log);
  const subscriber = connectRedis(settings.redisUrl, `relay-${replicaId}-events`, log);

  const access = accessCache(redis, { allowedMs: timings.accessTtlMs, deniedMs: timings.deniedTtlMs });
  const states = actionStates(redis, timings.stateTtlMs);
  const leased = leases(redis, timings.leaseTtlMs);
  const watches = watchSets(redis, timings.stateTtlMs);
  const publish = (event: RelayEvent) => publishEvent(redis, event);
  const checkAccess = accessChecker({ defenderApi: settings.defenderApi, cache: access, fetch: overrides.fetch });
  const verify = createAnalystVerifier({
    keys: createRemoteJWKSet(new URL(identity.jwksUrl)),
    issuers: settings.tokenIssuers ?? [identity.issuer],
    audience: settings.defenderResource,
    tenantId: settings.tenantId,
    appClientId: settings.appClientId,
    now: overrides.tokenClock,
  });
  const authenticate = authenticator(verify, requestLimiter(redis, settings.requestsPerMinute));

  const limits = budgetLimits(settings.quotaShare, 1); // the relay is the deployment's one poller
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
    budget: sharedBudget(redis, limits),
    limits,
    defender: createDefenderClient({ apiBaseUrl: settings.defenderApi, getAccessToken: appToken, fetch: overrides.fetch }),
    leaderTtlMs: timings.leaderTtlMs,
    scanMs: scanMs(settings),
    log,
    timers,
  });
  const hub = new StreamHub({ watchSets: watches, access, states, leases: leased, warn: log.warn, now });

  registerRoutes(app, {
    watch: { authenticate, checkAccess, watchSets: watches, leases: leased, publish, maxIds: settings.maxIdsPerAnalyst, now },
    stream: { authenticate, checkAccess, watchSets: watches, hub, heartbeatMs: timings.heartbeatMs },
    isLeading: () => poller.isLeading,
  });

  await subscribeEvents(
    subscriber,
    (event) => {
      hub.onEvent(event);
      if (event.type === 'leases') poller.leasesChanged();
    },
    () => void hub.resyncAll().catch((error: Error) => log.warn(`Could not catch streams up: ${error.message}`)),
  );
  poller.start();
  // A third of the TTL: a lease survives two missed renewals.
  const stopRenewal = repeatEvery(timers, Math.max(100, Math.floor(timings.leaseTtlMs / 3)), () => void hub.renewLeases().catch((error: Error) => log.warn(`Could not renew leases: ${error.message}`)));

  await app.listen({ host: settings.host, port: settings.port });
  const address = app.server.address() as AddressInfo;
  return {
    url: `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`,
    replicaId,
    isLeading: () => poller.isLeading,
    async close({ release = true } = {}) {
      stopRenewal();
      await poller.stop(release);
      hub.closeAll('shutdown');
      await app.close();
      // disconnect, not quit: a Redis that is away would keep quit waiting.
      redis.disconnect();
      subscriber.disconnect();
    },
  };
}
