import { useSyncExternalStore } from 'react';
import type { MachineAction } from '../../../core/defender/machine-action';
import { historyKey, historyKindOf, type HistoryKind, type HistoryReading } from '../../../core/polling/history/duration-history';
import { useSettings } from '../../config/settings-context';
import { tenantHistories } from '../history/tenant-histories';

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
 * How long actions of these kinds took in this tenant lately, by history key: what the poller has read
 * (it reads each watched type's history itself, once a day: core/polling/history/type-histories.ts). A kind is
 * missing until known, and when its read failed: the page goes on without it. Nothing here calls Defender.
 */
export function useTypeHistories(actions: readonly MachineAction[]): ReadonlyMap<string, HistoryReading> {
  const settings = useSettings();
  const histories = tenantHistories(settings.authority);
  // Drawn again whenever the store changes, in this tab or another.
  useSyncExternalStore(histories.subscribe, histories.version);
  const readings = new Map<string, HistoryReading>();
  for (const kind of distinctKinds(actions)) {
    const reading = histories.store.reading(kind);
    if (reading) readings.set(historyKey(kind), reading);
  }
  return readings;
}

/** The history of one action's kind (see useTypeHistories); undefined until the action has been read. */
export function useTypeHistory(action: MachineAction | undefined): HistoryReading | undefined {
  const readings = useTypeHistories(action ? [action] : []);
  return action ? readings.get(historyKey(historyKindOf(action))) : undefined;
}
