import { useQueries } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { DefenderClient } from '../../core/defender/defender-client';
import { useDefender } from '../api/defender-context';
import type { MachineAction } from '../../core/defender/machine-action';
import { useSettings } from '../config/settings-context';
import { actionQueries } from './action-queries';
import { historyFor, historyKey, historyKindOf, historySamples, type HistoryKind, type HistoryReading } from '../../core/polling/duration-history';
import { browserHistoryCache, type HistoryCache } from './history-cache';
import { usePoller } from './poller-provider';

const periodDays = 30;
const dayMs = 86_400_000;

interface HistoryReader {
  defender: DefenderClient;
  budgeted: <T>(call: () => Promise<T>) => Promise<T>;
  cache: HistoryCache;
}

/** One list call for the type's last 30 days, through the budget; only durations and counts are kept. */
async function readTypeHistory({ defender, budgeted, cache }: HistoryReader, type: string, signal: AbortSignal) {
  const since = new Date(Date.now() - periodDays * dayMs);
  const actions = await budgeted(() => defender.getActionHistory(type, since, signal));
  const gathered = historySamples(actions, { now: Date.now(), periodDays });
  cache.keep(type, gathered.values(), { periodDays, readAt: Date.now() });
  return gathered;
}

/** The actions' kinds, each once, in the order first met. */
function distinctKinds(actions: readonly MachineAction[]): HistoryKind[] {
  const kinds = new Map<string, HistoryKind>();
  for (const action of actions) {
    const kind = historyKindOf(action);
    if (!kinds.has(historyKey(kind))) kinds.set(historyKey(kind), kind);
  }
  return [...kinds.values()];
}

/**
 * How long actions of these kinds took in this tenant lately, by history key: from the browser's day-long
 * cache, or one list call per type through the poller's budget. Only actions already read are passed in, so
 * a history is never read before the watched actions themselves. A kind is missing until known, and when
 * its read fails: the watch goes on without it. The poller paces by the same cache (known-histories.ts).
 */
export function useTypeHistories(actions: readonly MachineAction[]): ReadonlyMap<string, HistoryReading> {
  const settings = useSettings();
  const defender = useDefender();
  const { budgeted } = usePoller();
  // One cache per tenant: a browser used for two tenants never mixes their durations.
  const cache = useMemo(() => browserHistoryCache({ tenant: settings.authority }), [settings.authority]);
  const kinds = distinctKinds(actions);
  const cached = kinds.map((kind) => cache.reading(kind));
  const types = [...new Set(kinds.map((kind) => kind.type))];
  const queries = useQueries({
    queries: types.map((type) => ({
      ...actionQueries.history(type, (signal) => readTypeHistory({ defender, budgeted, cache }, type, signal)),
      enabled: cache.isDue(type),
    })),
  });
  const readings = new Map<string, HistoryReading>();
  kinds.forEach((kind, index) => {
    const gathered = queries[types.indexOf(kind.type)]?.data;
    const reading = cached[index] ?? (gathered ? historyFor(gathered, kind, periodDays) : undefined);
    if (reading) readings.set(historyKey(kind), reading);
  });
  return readings;
}

/** The history of one action's kind (see useTypeHistories); undefined until the action has been read. */
export function useTypeHistory(action: MachineAction | undefined): HistoryReading | undefined {
  const readings = useTypeHistories(action ? [action] : []);
  return action ? readings.get(historyKey(historyKindOf(action))) : undefined;
}
