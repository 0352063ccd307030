import { onlineManager } from '@tanstack/react-query';
import type { DefenderClient } from '../../../core/defender/defender-client';
import type { Guid } from '../../../core/lib/guid';
import { TypeHistories } from '../../../core/polling/history/type-histories';
import { ActionPoller } from '../../../core/polling/scheduler/action-poller';
import { budgetLimits, RateBudget } from '../../../core/polling/scheduler/rate-budget';
import type { ActionWatch } from '../../../core/polling/watch/watch-state';
import { isPageHidden } from '../../lib/use-page-visible';
import { tenantHistories } from '../history/tenant-histories';
import { sessionListShapeMemory } from '../list-shapes/session-list-shapes';
import { RelayedPolling } from '../relay-client/relayed-polling';
import { RelayLink, type RelayState } from '../relay-client/relay-link';
import { PollerCoordinator } from '../tabs/poller-coordinator';

export interface TenantPollingOptions {
  /** The tenant's key (its ID or domain, as configured): its budget, lock, channel and stores are its own. */
  tenant: string;
  /** Whose histories these are: the tenant's authority, the key the pages read them by. */
  historyKey: string;
  defender: DefenderClient;
  quota: { share: number; analystsAtOnce: number };
  onCheck: (id: Guid, watch: ActionWatch, checkedAt: number) => void;
  onPause: (until: number | undefined) => void;
  onSchedule: (schedule: ReadonlyMap<Guid, number>) => void;
  /**
   * The team relay: the leading tab watches this tenant's actions through it while it serves the tenant, and
   * polls Defender itself while it does not (not consented there) or does not answer.
   */
  relayUrl?: string;
  /** A customer's tenant ID, for the relay's path of that tenant (`/v1/t/<tenant>/…`); unset for the home tenant. */
  relayTenant?: string;
  onRelayState?: (state: RelayState, reason?: string) => void;
}

export interface TenantPolling {
  tenant: string;
  poller: ActionPoller;
  coordinator: PollerCoordinator;
  stop(): void;
}

/**
 * One tenant's part in the one poller across tabs: its own budget (the quota is per app and tenant), 429
 * pause, list shape, histories, and leader among the tabs. A tenant's trouble stays in its part.
 */
export function startTenantPolling(options: TenantPollingOptions): TenantPolling {
  const { tenant, defender, quota } = options;
  const name = `machine-action-watch:poller:${tenant}`;
  const channel = new BroadcastChannel(name);
  // The poller and the budget report to the coordinator, which needs both: the link is made just below.
  const link: { coordinator?: PollerCoordinator } = {};
  const budget = new RateBudget(budgetLimits(quota.share, quota.analystsAtOnce), (at, count) => link.coordinator?.publishSpent(at, count));
  // The poller reads each watched type's history itself; the pages show what it kept (use-type-history).
  const histories = new TypeHistories({ store: tenantHistories(options.historyKey).store, readActions: (type, since) => defender.getActionHistory(type, since), now: Date.now });
  const poller = new ActionPoller({
    defender,
    budget,
    isHidden: () => !(link.coordinator?.anyTabVisible() ?? !isPageHidden()),
    isOnline: () => onlineManager.isOnline(),
    onCheck: (id, watch, checkedAt) => link.coordinator?.publishCheck(id, watch, checkedAt),
    onPause: (until) => link.coordinator?.publishPause(until),
    onSchedule: (schedule) => link.coordinator?.publishSchedule(schedule),
    histories,
    listShapes: sessionListShapeMemory(tenant),
  });
  const relayed = options.relayUrl ? throughRelay({ relayUrl: options.relayUrl, tenant: options.relayTenant }, defender, poller, histories, link, options.onRelayState) : undefined;
  const coordinator = new PollerCoordinator({
    poller: relayed ?? poller,
    budget,
    channel,
    lockName: name,
    isVisible: () => !isPageHidden(),
    onCheck: options.onCheck,
    onPause: options.onPause,
    onSchedule: options.onSchedule,
  });
  link.coordinator = coordinator;
  coordinator.start();
  return {
    tenant,
    poller,
    coordinator,
    stop() {
      coordinator.stop();
      channel.close();
    },
  };
}

/** The leading tab's watch through the team relay, this tab's own poller standing by. */
function throughRelay(
  relay: { relayUrl: string; tenant: string | undefined },
  defender: DefenderClient,
  poller: ActionPoller,
  histories: TypeHistories,
  link: { coordinator?: PollerCoordinator },
  onRelayState: TenantPollingOptions['onRelayState'],
): RelayedPolling {
  const relayed: RelayedPolling = new RelayedPolling({
    direct: poller,
    link: new RelayLink({
      ...relay,
      // This tenant's token: the relay takes a tenant's watch with that tenant's token only.
      getAccessToken: (request) => defender.accessToken(request),
      onEvent: (event) => relayed.relayEvent(event),
      onState: (state, reason) => relayed.relayState(state, reason),
    }),
    onCheck: (id, watch, checkedAt) => {
      link.coordinator?.publishCheck(id, watch, checkedAt);
      // The relay keeps its histories to itself: this tab reads what its pages show, through its own budget,
      // once a day per type, as its poller would.
      if (watch.action) for (const type of histories.due([watch.action])) void histories.read(type, (call) => poller.budgeted(call));
    },
    onRelayState: (state, reason) => onRelayState?.(state, reason),
  });
  return relayed;
}
