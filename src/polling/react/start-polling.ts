import { onlineManager } from '@tanstack/react-query';
import type { DefenderSetup } from '../../api/defender-context';
import { defendersOf } from '../../api/defenders';
import type { DefenderProblem } from '../../../core/defender/defender-problem';
import type { Guid } from '../../../core/lib/guid';
import { splitByTenant } from '../../../core/polling/tenants/tenant-search';
import type { ActionWatch } from '../../../core/polling/watch/watch-state';
import { onSignInElsewhere, onSignOutElsewhere } from '../../auth/session-broadcast';
import type { TenantSettings } from '../../config/settings';
import { heartbeatMs } from '../tabs/poller-coordinator';
import type { RelayState } from '../relay-client/relay-link';
import { forgetHint, isHinted, readActionTenants, rememberTenants, subscribeActionTenants } from '../tenants/action-tenants';
import { TenantAnswers } from '../tenants/tenant-answers';
import { startTenantPolling, type TenantPolling } from '../tenants/tenant-polling';

export interface PollingOptions {
  /** The analyst's tenants. */
  tenants: readonly TenantSettings[];
  /** What each tenant's Defender client is made from. */
  defenders: DefenderSetup;
  /** The tenant signed in to: the team relay's (config.json's relayUrl) own paths; a customer's are under its ID. */
  homeAuthority: string;
  quota: { share: number; analystsAtOnce: number };
  /** Every result, whoever polled it, as the pages show it: the provider writes it into the query cache. */
  onCheck: (id: Guid, watch: ActionWatch, checkedAt: number) => void;
  /** A 429 in a tenant paused its calls until then (undefined: the pause is over). */
  onPause: (tenant: string, until: number | undefined) => void;
  /** When each watched action will be checked next, by whichever tab polls its tenant. */
  onSchedule: (schedule: ReadonlyMap<Guid, number>) => void;
  /** A problem a whole tenant has (no Defender role, a sign-in it demands), undefined once it answers again. */
  onTenantProblem: (tenant: string, problem: DefenderProblem | undefined) => void;
  /** The actions this tab shows right now. */
  localIds: () => Guid[];
  relayUrl?: string;
  /** How the relay answers, for the notice on the page; never called without a relay. */
  onRelayState?: (state: RelayState, reason?: string) => void;
}

export interface Polling {
  /** The actions this tab shows: each is asked in its tenant, or in every tenant while its tenant is not known. */
  setLocalIds(ids: Guid[]): void;
  recheck(id: Guid): void;
  /** A one-off call in one tenant, within that tenant's budget and pause. */
  budgeted<T>(tenant: string, call: () => Promise<T>): Promise<T>;
  stop(): void;
}

/**
 * Starts this tab's part in the one poller across tabs, one part per tenant (tenant-polling.ts), and sends
 * each watched action to its tenant's part. In a chunk of its own, loaded once the analyst is signed in:
 * the start page's first load carries none of it.
 */
export function startPolling(options: PollingOptions): Polling {
  const tenantIds = options.tenants.map((tenant) => tenant.id);
  const defenders = defendersOf(options.defenders);
  const schedules = new Map<string, ReadonlyMap<Guid, number>>();
  const answers = new TenantAnswers({
    tenants: options.tenants,
    tenantOf: (id) => readActionTenants().get(id),
    remember: (id, tenant) => rememberTenants([[id, tenant]]),
    isHinted,
    forgetHint,
    show: options.onCheck,
    onTenantProblem: options.onTenantProblem,
  });
  const parts: TenantPolling[] = options.tenants.map((tenant) =>
    startTenantPolling({
      tenant: tenant.id,
      historyKey: tenant.authority,
      defender: defenders.of(tenant.id),
      quota: options.quota,
      onCheck: (id, watch, checkedAt) => answers.receive(tenant.id, id, watch, checkedAt),
      onPause: (until) => options.onPause(tenant.id, until),
      onSchedule: (schedule) => {
        schedules.set(tenant.id, schedule);
        options.onSchedule(new Map([...schedules.values()].flatMap((each) => [...each])));
      },
      // Every tenant through the relay while it serves that tenant; the page's relay notice is the home tenant's.
      ...(tenant.authority === options.homeAuthority ? { relayUrl: options.relayUrl, onRelayState: options.onRelayState } : { relayUrl: options.relayUrl, relayTenant: tenant.id }),
    }),
  );
  const partOf = (tenant: string) => parts.find((part) => part.tenant === tenant);
  let localIds = options.localIds();
  const share = () => {
    // One read of the stored map for the whole list, not one per ID.
    const known = readActionTenants();
    const split = splitByTenant(localIds, tenantIds, (id) => known.get(id));
    for (const part of parts) part.coordinator.setLocalIds(split.get(part.tenant) ?? []);
  };
  share();
  // An action found (here or in another tab), or named by a link, is from then on asked in its tenant only.
  const stopTenantWatch = subscribeActionTenants(share);

  const each = (act: (part: TenantPolling) => void) => () => parts.forEach(act);
  const onVisibility = each((part) => part.coordinator.visibilityChanged());
  const stopOnline = onlineManager.subscribe(each((part) => part.poller.reschedule()));
  const heartbeat = window.setInterval(each((part) => part.coordinator.heartbeat()), heartbeatMs);
  // Leaving says so at once, so the next tab takes over without waiting for this one to fall silent.
  const onPageHide = each((part) => part.coordinator.stop());
  // A sign-out in another tab stops the polling at once, not at React's next render: a tab must not take
  // over the lock the signing-out tab lets go, nor start one more check, in between.
  const stopSignOutWatch = onSignOutElsewhere(each((part) => part.coordinator.stop()));
  const stopSignInWatch = onSignInElsewhere(each((part) => part.coordinator.retrySignInFailures()));
  document.addEventListener('visibilitychange', onVisibility);
  window.addEventListener('pagehide', onPageHide);
  return {
    setLocalIds(ids) {
      localIds = ids;
      share();
    },
    recheck(id) {
      const known = readActionTenants().get(id);
      const part = tenantIds.length === 1 ? parts[0] : known === undefined ? undefined : partOf(known);
      if (part) part.coordinator.recheck(id);
      else for (const each of parts) each.coordinator.recheck(id);
    },
    budgeted(tenant, call) {
      const part = partOf(tenant);
      if (!part) return Promise.reject(new Error(`No tenant "${tenant}" is configured.`));
      return part.poller.budgeted(call);
    },
    stop() {
      stopTenantWatch();
      stopSignOutWatch();
      stopSignInWatch();
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', onPageHide);
      window.clearInterval(heartbeat);
      stopOnline();
      for (const part of parts) part.stop();
    },
  };
}
