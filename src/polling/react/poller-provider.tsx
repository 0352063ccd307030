import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useDefender } from '../../api/defender-context';
import { useSettings } from '../../config/settings-context';
import { useAuth } from '../../auth/auth-state';
import type { Guid } from '../../../core/lib/guid';
import type { ActionPoller } from '../../../core/polling/scheduler/action-poller';
import { actionQueries } from './action-queries';
import type { PollerCoordinator } from '../tabs/poller-coordinator';
import type { RelayState } from '../relay-client/relay-link';
import type { Polling } from './start-polling';
import { useSameIds } from './use-same-ids';

export interface PollerControls {
  /** Declares the actions one part of the page shows; an empty list withdraws them. */
  setInterest(owner: string, ids: Guid[]): void;
  recheck(id: Guid): void;
  /** A one-off Defender call, within this tab's budget (it waits for the poller to start, if need be). */
  budgeted<T>(call: () => Promise<T>): Promise<T>;
  /** A 429 paused every call until then. */
  pausedUntil: number | undefined;
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

/**
 * Runs the one poller of this tab (see PollerCoordinator) while the analyst is signed in, and writes every
 * result into the query cache, where pages read it.
 */
export function PollerProvider({ children }: { children: ReactNode }) {
  const defender = useDefender();
  const settings = useSettings();
  const auth = useAuth();
  const queryClient = useQueryClient();
  const signedIn = auth.status === 'ready' && auth.account !== null;
  const [pausedUntil, setPausedUntil] = useState<number | undefined>();
  const [relay, setRelay] = useState<RelayStatus | undefined>();
  const interests = useRef(new Map<string, Guid[]>());
  const coordinatorRef = useRef<PollerCoordinator | undefined>(undefined);
  // Children's effects run before this provider's: a call may ask for the poller before it exists.
  const pollerReady = useRef(deferred<ActionPoller>());

  const localIds = useCallback(() => [...new Set([...interests.current.values()].flat())], []);

  useEffect(() => {
    if (!signedIn) return;
    let polling: Polling | undefined;
    let left = false;
    void import('./start-polling').then(({ startPolling }) => {
      if (left) return; // signed out (or unmounted) while the chunk was on its way
      polling = startPolling({
        defender,
        quota: settings.quota,
        tenant: settings.authority,
        onCheck: (id, watch, checkedAt) => queryClient.setQueryData(actionQueries.watch(id).queryKey, watch, { updatedAt: checkedAt }),
        onPause: setPausedUntil,
        onSchedule: (schedule) => queryClient.setQueryData(actionQueries.schedule().queryKey, schedule),
        localIds,
        relayUrl: settings.relayUrl,
        onRelayState: (state, reason) => setRelay({ state, reason }),
      });
      coordinatorRef.current = polling.coordinator;
      pollerReady.current.resolve(polling.poller);
    });
    return () => {
      left = true;
      polling?.stop();
      queryClient.setQueryData(actionQueries.schedule().queryKey, new Map());
      setRelay(undefined);
      coordinatorRef.current = undefined;
      pollerReady.current = deferred<ActionPoller>();
    };
  }, [signedIn, defender, settings, queryClient, localIds]);

  const setInterest = useCallback(
    (owner: string, ids: Guid[]) => {
      if (ids.length === 0) interests.current.delete(owner);
      else interests.current.set(owner, ids);
      coordinatorRef.current?.setLocalIds(localIds());
    },
    [localIds],
  );
  const recheck = useCallback((id: Guid) => coordinatorRef.current?.recheck(id), []);
  const budgeted = useCallback(<T,>(call: () => Promise<T>) => pollerReady.current.promise.then((poller) => poller.budgeted(call)), []);
  const controls = useMemo<PollerControls>(() => ({ setInterest, recheck, budgeted, pausedUntil, relay }), [setInterest, recheck, budgeted, pausedUntil, relay]);
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
