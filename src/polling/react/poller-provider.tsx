import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useDefenderSetup } from '../../api/defender-context';
import type { DefenderProblem } from '../../../core/defender/defender-problem';
import { useSettings } from '../../config/settings-context';
import { useAuth } from '../../auth/auth-state';
import type { Guid } from '../../../core/lib/guid';
import { actionQueries } from './action-queries';
import type { RelayState } from '../relay-client/relay-link';
import type { Polling } from './start-polling';
import { useSameIds } from './use-same-ids';

export interface PollerControls {
  /** Declares the actions one part of the page shows; an empty list withdraws them. */
  setInterest(owner: string, ids: Guid[]): void;
  recheck(id: Guid): void;
  /** A one-off call in one tenant, within that tenant's budget (it waits for the poller to start, if need be). */
  budgeted<T>(tenant: string, call: () => Promise<T>): Promise<T>;
  /** The tenants a 429 paused, each until when: the quota is per tenant, so a pause is too. */
  pauses: ReadonlyMap<string, number>;
  /** The tenants with a problem every one of their actions meets (no Defender role, a sign-in they demand). */
  tenantProblems: ReadonlyMap<string, DefenderProblem>;
  /** How the team relay answers this tab, when config.json names one and this tab leads the polling. */
  relay: RelayStatus | undefined;
}

export interface RelayStatus {
  state: RelayState;
  /** Why it is unreachable, in a few words: "the relay cannot be reached". */
  reason?: string;
}

/** Exported for component tests, which supply controls that never call Defender (src/testing/render.tsx). */
export const PollerContext = createContext<PollerControls | null>(null);

function deferred<T>() {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

/** The map with the tenant's entry set, or removed when there is none. */
function withEntry<T>(before: ReadonlyMap<string, T>, tenant: string, value: T | undefined): ReadonlyMap<string, T> {
  if (before.get(tenant) === value) return before;
  const next = new Map(before);
  if (value === undefined) next.delete(tenant);
  else next.set(tenant, value);
  return next;
}

/**
 * Runs the one poller of this tab (see PollerCoordinator) while the analyst is signed in, and writes every
 * result into the query cache, where pages read it.
 */
export function PollerProvider({ children }: { children: ReactNode }) {
  const defenders = useDefenderSetup();
  const settings = useSettings();
  const auth = useAuth();
  const queryClient = useQueryClient();
  const signedIn = auth.status === 'ready' && auth.account !== null;
  const [pauses, setPauses] = useState<ReadonlyMap<string, number>>(() => new Map());
  const [tenantProblems, setTenantProblems] = useState<ReadonlyMap<string, DefenderProblem>>(() => new Map());
  const [relay, setRelay] = useState<RelayStatus | undefined>();
  const interests = useRef(new Map<string, Guid[]>());
  const pollingRef = useRef<Polling | undefined>(undefined);
  // Children's effects run before this provider's: a call may ask for the poller before it exists.
  const pollingReady = useRef(deferred<Polling>());

  const localIds = useCallback(() => [...new Set([...interests.current.values()].flat())], []);

  useEffect(() => {
    if (!signedIn) return;
    let polling: Polling | undefined;
    let left = false;
    void import('./start-polling').then(({ startPolling }) => {
      if (left) return; // signed out (or unmounted) while the chunk was on its way
      polling = startPolling({
        tenants: settings.tenants,
        defenders,
        homeAuthority: settings.authority,
        quota: settings.quota,
        onCheck: (id, watch, checkedAt) => queryClient.setQueryData(actionQueries.watch(id).queryKey, watch, { updatedAt: checkedAt }),
        onPause: (tenant, until) => setPauses((before) => withEntry(before, tenant, until)),
        onTenantProblem: (tenant, problem) => setTenantProblems((before) => withEntry(before, tenant, problem)),
        onSchedule: (schedule) => queryClient.setQueryData(actionQueries.schedule().queryKey, schedule),
        localIds,
        relayUrl: settings.relayUrl,
        onRelayState: (state, reason) => setRelay({ state, reason }),
      });
      pollingRef.current = polling;
      pollingReady.current.resolve(polling);
    });
    return () => {
      left = true;
      polling?.stop();
      queryClient.setQueryData(actionQueries.schedule().queryKey, new Map());
      setRelay(undefined);
      setPauses(new Map());
      setTenantProblems(new Map());
      pollingRef.current = undefined;
      pollingReady.current = deferred<Polling>();
    };
  }, [signedIn, defenders, settings, queryClient, localIds]);

  const setInterest = useCallback(
    (owner: string, ids: Guid[]) => {
      if (ids.length === 0) interests.current.delete(owner);
      else interests.current.set(owner, ids);
      pollingRef.current?.setLocalIds(localIds());
    },
    [localIds],
  );
  const recheck = useCallback((id: Guid) => pollingRef.current?.recheck(id), []);
  const budgeted = useCallback(<T,>(tenant: string, call: () => Promise<T>) => pollingReady.current.promise.then((polling) => polling.budgeted(tenant, call)), []);
  const controls = useMemo<PollerControls>(
    () => ({ setInterest, recheck, budgeted, pauses, tenantProblems, relay }),
    [setInterest, recheck, budgeted, pauses, tenantProblems, relay],
  );
  return <PollerContext.Provider value={controls}>{children}</PollerContext.Provider>;
}

export function usePoller(): PollerControls {
  const controls = useContext(PollerContext);
  if (!controls) throw new Error('usePoller must be used inside PollerProvider');
  return controls;
}

/** Watches these actions while the component is mounted. */
export function useWatchInterest(owner: string, ids: readonly Guid[]): void {
  const { setInterest } = usePoller();
  const stableIds = useSameIds(ids);
  // A change of IDs replaces the interest in one step: withdrawing it first would drop every watch. The
  // provider keeps the list it is given, so it gets its own copy.
  useEffect(() => setInterest(owner, [...stableIds]), [owner, stableIds, setInterest]);
  useEffect(() => () => setInterest(owner, []), [owner, setInterest]);
}
