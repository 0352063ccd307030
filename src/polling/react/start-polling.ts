import { onlineManager } from '@tanstack/react-query';
import type { DefenderClient } from '../../../core/defender/defender-client';
import { onSignInElsewhere, onSignOutElsewhere } from '../../auth/session-broadcast';
import type { Guid } from '../../../core/lib/guid';
import { isPageHidden } from '../../lib/use-page-visible';
import { ActionPoller } from '../../../core/polling/scheduler/action-poller';
import { TypeHistories } from '../../../core/polling/history/type-histories';
import { tenantHistories } from '../history/tenant-histories';
import { heartbeatMs, PollerCoordinator } from '../tabs/poller-coordinator';
import { budgetLimits, RateBudget } from '../../../core/polling/scheduler/rate-budget';
import { RelayedPolling } from '../relay-client/relayed-polling';
import { RelayLink, type RelayState } from '../relay-client/relay-link';
import type { ActionWatch } from '../../../core/polling/watch/watch-state';
import { sessionListShapeMemory } from '../list-shapes/session-list-shapes';

export interface PollingOptions {
  defender: DefenderClient;
  quota: { share: number; analystsAtOnce: number };
  /** Whose history paces the checks: the authority's tenant, whose store the pages read. */
  tenant: string;
  /** Every result, whoever polled it: the provider writes it into the query cache. */
  onCheck: (id: Guid, watch: ActionWatch, checkedAt: number) => void;
  onPause: (until: number | undefined) => void;
  /** When each watched action will be checked next, by whichever tab polls. */
  onSchedule: (schedule: ReadonlyMap<Guid, number>) => void;
  /** The actions this tab shows right now. */
  localIds: () => Guid[];
  /** The team relay (config.json's relayUrl): when set, the leading tab watches through it. */
  relayUrl?: string;
  /** How the relay answers, for the notice on the page; never called without a relay. */
  onRelayState?: (state: RelayState, reason?: string) => void;
}

export interface Polling {
  poller: ActionPoller;
  coordinator: PollerCoordinator;
  stop(): void;
}

/**
 * Starts this tab's part in the one poller across tabs: its budget, its poller (which runs while this tab
 * leads) and the coordinator that shares interest and results with the other tabs. In a chunk of its own,
 * loaded once the analyst is signed in: the start page's first load carries none of it.
 */
export function startPolling({ defender, quota, tenant, onCheck, onPause, onSchedule, localIds, relayUrl, onRelayState }: PollingOptions): Polling {
  const channel = new BroadcastChannel('machine-action-watch:poller');
  // The poller and the budget report to the coordinator, which needs both: the link is made just below.
  const link: { coordinator?: PollerCoordinator } = {};
  const budget = new RateBudget(budgetLimits(quota.share, quota.analystsAtOnce), (at, count) => link.coordinator?.publishSpent(at, count));
  // The poller reads each watched type's history itself; the pages show what it kept (use-type-history).
  const histories = new TypeHistories({ store: tenantHistories(tenant).store, readActions: (type, since) => defender.getActionHistory(type, since), now: Date.now });
  const poller = new ActionPoller({
    defender,
    budget,
    isHidden: () => !(link.coordinator?.anyTabVisible() ?? !isPageHidden()),
    isOnline: () => onlineManager.isOnline(),
    onCheck: (id, watch, checkedAt) => link.coordinator?.publishCheck(id, watch, checkedAt),
    onPause: (until) => link.coordinator?.publishPause(until),
    onSchedule: (schedule) => link.coordinator?.publishSchedule(schedule),
    histories,
    listShapes: sessionListShapeMemory(),
  });
  const relayed = relayUrl ? throughRelay(relayUrl, defender, poller, histories, link, onRelayState) : undefined;
  const coordinator = new PollerCoordinator({ poller: relayed ?? poller, budget, channel, isVisible: () => !isPageHidden(), onCheck, onPause, onSchedule });
  link.coordinator = coordinator;
  coordinator.start();
  coordinator.setLocalIds(localIds());

  const onVisibility = () => coordinator.visibilityChanged();
  const stopOnline = onlineManager.subscribe(() => poller.reschedule());
  const heartbeat = window.setInterval(() => coordinator.heartbeat(), heartbeatMs);
  // Leaving says so at once, so the next tab takes over without waiting for this one to fall silent.
  const onPageHide = () => coordinator.stop();
  // A sign-out in another tab stops the polling at once, not at React's next render: a tab must not take
  // over the lock the signing-out tab lets go, nor start one more check, in between.
  const stopSignOutWatch = onSignOutElsewhere(() => coordinator.stop());
  const stopSignInWatch = onSignInElsewhere(() => coordinator.retrySignInFailures());
  document.addEventListener('visibilitychange', onVisibility);
  window.addEventListener('pagehide', onPageHide);
  return {
    poller,
    coordinator,
    stop() {
      stopSignOutWatch();
      stopSignInWatch();
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', onPageHide);
      window.clearInterval(heartbeat);
      stopOnline();
      coordinator.stop();
      channel.close();
    },
  };
}

/** The leading tab's watch through the team relay, this tab's own poller standing by. */
function throughRelay(
  relayUrl: string,
  defender: DefenderClient,
  poller: ActionPoller,
  histories: TypeHistories,
  link: { coordinator?: PollerCoordinator },
  onRelayState: PollingOptions['onRelayState'],
): RelayedPolling {
  const relayed: RelayedPolling = new RelayedPolling({
    direct: poller,
    link: new RelayLink({
      relayUrl,
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
