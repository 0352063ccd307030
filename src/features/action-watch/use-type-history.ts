import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { DefenderClient } from '../../api/defender-client';
import { useDefender } from '../../api/defender-context';
import type { MachineAction } from '../../api/machine-action';
import { useSettings } from '../../config/settings-context';
import { actionQueries } from '../../polling/action-queries';
import { historyFor, historyKindOf, historySamples, type HistoryReading } from '../../polling/duration-history';
import { browserHistoryCache, type HistoryCache } from '../../polling/history-cache';
import { usePoller } from '../../polling/poller-provider';

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

/**
 * How long actions of this one's type took in this tenant lately: from the browser's day-long cache, or one
 * list call through the poller's budget once the action itself has been read. Undefined until known, and
 * when the read fails: the watch goes on without it.
 */
export function useTypeHistory(action: MachineAction | undefined): HistoryReading | undefined {
  const settings = useSettings();
  const defender = useDefender();
  const { budgeted } = usePoller();
  // One cache per tenant: a browser used for two tenants never mixes their durations.
  const cache = useMemo(() => browserHistoryCache({ tenant: settings.authority }), [settings.authority]);
  const kind = action ? historyKindOf(action) : undefined;
  const cached = kind ? cache.reading(kind) : undefined;
  const type = kind?.type ?? '';
  const query = useQuery({
    ...actionQueries.history(type, (signal) => readTypeHistory({ defender, budgeted, cache }, type, signal)),
    enabled: kind !== undefined && cached === undefined && cache.isDue(type),
  });
  if (cached) return cached;
  return kind && query.data ? historyFor(query.data, kind, periodDays) : undefined;
}
