import Fastify, { type FastifyInstance } from 'fastify';
import { clouds } from '../../core/defender/clouds';
import type { Writable } from 'node:stream';
import { handleError } from '../../relay/http/http-problem';
import { startRelay, type Relay, type RelayOverrides } from '../../relay/relay';
import { relayPath } from '../app-files/app-config';
import { registerApp } from '../app-files/serve-app';
import type { ServerSettings } from '../config/server-settings';
import { registerDefenderRoute } from '../defender-path/defender-route';
import { registerHealthRoutes } from '../health/health-routes';
import { logOptions } from '../logging/log-options';
import { clientErrorHandler, frameworkErrors, guardRequests, serverFactory } from './request-guards';

/**
 * Each customer in a cloud other than the deployment's, to that cloud's Defender host (from the cloud table,
 * never from a request): the browser reads every tenant through this one path.
 */
function customerCloudHosts(settings: ServerSettings): ((tenantId: string | undefined) => string | undefined) | undefined {
  if (settings.signIn.mode !== 'tenant') return undefined;
  const own = settings.signIn.cloud;
  const hosts = new Map((settings.tenants ?? []).flatMap((tenant) => (tenant.cloud && tenant.cloud !== own ? [[tenant.id, new URL(clouds[tenant.cloud].apiBaseUrl).origin] as const] : [])));
  return hosts.size === 0 ? undefined : (tenantId) => (tenantId === undefined ? undefined : hosts.get(tenantId));
}

/** What tests (and only tests) change: where Defender calls go, where the log goes, the relay's clocks. */
export interface ServerOverrides extends RelayOverrides {
  logStream?: Writable;
}

export interface AppServer {
  app: FastifyInstance;
  relay: Relay | undefined;
  /**
   * SIGTERM: /readyz says 503 at once, so the load balancer sends no new traffic; after `drainMs` the
   * streams get `bye` (the browsers reconnect elsewhere), the poller hands its lease over and the server stops.
   */
  drain(): Promise<void>;
  /** Stops now; `release: false` keeps the poller's lease until it lapses, as a killed process would (tests). */
  close(options?: { release?: boolean }): Promise<void>;
}

/** Fastify's trustProxy for the setting; a number of hops as the function Fastify itself would make of it. */
function trustProxyOption(trust: ServerSettings['trustProxy']): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  return trust;
}

/** A stream's bye and a last answer get this long to leave before their connections are cut. */
const closeGraceMs = 3_000;

/** The whole server, built but not listening: tests drive it with inject(), main.ts listens. */
export async function buildServer(settings: ServerSettings, overrides: ServerOverrides = {}): Promise<AppServer> {
  const appRef: { app?: FastifyInstance } = {};
  const app = Fastify({
    serverFactory: serverFactory(settings.maxConnections),
    clientErrorHandler: clientErrorHandler(() => (appRef.app as FastifyInstance).log),
    frameworkErrors,
    logger: logOptions(settings.logLevel, overrides.logStream),
    // Off unless the settings name the proxies in front: otherwise any client could pick its logged address.
    trustProxy: trustProxyOption(settings.trustProxy),
    bodyLimit: 16 * 1024,
    return503OnClosing: true,
    // Idle keep-alive connections close with the server; streams are ended first (drain), then cut.
    forceCloseConnections: 'idle',
  });
  appRef.app = app;
  // JSON only: a text body would reach the routes as a string and be refused less clearly.
  app.removeContentTypeParser('text/plain');
  app.setErrorHandler(handleError);
  guardRequests(app);

  const relay = settings.relay ? await startRelay(settings.relay, app.log, overrides) : undefined;
  let draining = false;
  registerHealthRoutes(app, { redisAnswers: relay?.redisAnswers, isDraining: () => draining, isLeading: relay?.isLeading });
  // Tokens of the signed-in tenant and of the customers' (TENANTS) pass; a token of any other tenant is refused unsent.
  const tenantIds = settings.signIn.tenantId === undefined ? undefined : [settings.signIn.tenantId, ...(settings.tenants ?? []).map((tenant) => tenant.id)];
  registerDefenderRoute(app, { upstream: settings.defenderApi, upstreamFor: customerCloudHosts(settings), tenantIds, ...settings.api, fetch: overrides.fetch });
  if (relay) await app.register(async (scope) => relay.routes(scope), { prefix: relayPath });
  await registerApp(app, settings);

  let closing: Promise<void> | undefined;
  const close = ({ release = true }: { release?: boolean } = {}) => {
    closing ??= (async () => {
      relay?.closeStreams();
      const cut = setTimeout(() => app.server.closeAllConnections(), closeGraceMs);
      try {
        await relay?.close({ release });
        await app.close();
      } finally {
        clearTimeout(cut);
      }
    })();
    return closing;
  };
  return {
    app,
    relay,
    async drain() {
      draining = true;
      app.log.info(`Draining: /readyz answers 503; stopping in ${settings.drainMs} ms.`);
      await new Promise((resolve) => setTimeout(resolve, settings.drainMs));
      await close();
    },
    close,
  };
}
