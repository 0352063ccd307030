import type { HistoryOf } from '../../core/polling/check-plan';
import { enoughHistory, historyKey, historyKindOf, type DurationHistory } from '../../core/polling/duration-history';
import type { HistoryCache } from './history-cache';

/**
 * How long what the cache said is believed before asking it again. The poller asks for every watched action
 * each time it re-plans, and the cache parses storage each time: a board of 500 would parse it 500 times.
 * A kind not known yet is asked again sooner, as its history may be being read right now (in this tab or
 * another, which shares the cache through storage).
 */
export const knownHistoryTtl = { knownMs: 60_000, unknownMs: 5_000 } as const;

/** The poller's view of the day-long history cache: each kind's history, or undefined without enough of it. */
export function knownHistories(cache: HistoryCache, now: () => number): HistoryOf {
  const known = new Map<string, { history: DurationHistory | undefined; until: number }>();
  return (action) => {
    const kind = historyKindOf(action);
    const key = historyKey(kind);
    const at = now();
    const remembered = known.get(key);
    if (remembered && remembered.until > at) return remembered.history;
    const history = enoughHistory(cache.reading(kind));
    known.set(key, { history, until: at + (history ? knownHistoryTtl.knownMs : knownHistoryTtl.unknownMs) });
    return history;
  };
}
