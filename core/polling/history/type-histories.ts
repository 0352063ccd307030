import type { MachineAction } from '../../defender/machine-action';
import { emptySamples, enoughHistory, historyKey, historyKindOf, historySamples, readHistory, type DurationHistory, type HistoryKind, type HistoryOf, type HistoryReading, type HistorySamples } from './duration-history';

/** How far back a type's history reaches. */
export const historyPeriodDays = 30;

/** A type whose history read failed is not asked again before this: each read is a call from the shared quota. */
export const historyRetryMs = 10 * 60_000;

/**
 * How long what the store said is believed before asking it again. The poller asks for every watched action
 * each time it plans, and a browser's store parses storage: a board of 500 would parse it 500 times. A kind
 * not known yet is asked again sooner, as another tab (sharing the store) may be reading it right now.
 */
export const storedHistoryTtl = { knownMs: 60_000, unknownMs: 5_000 } as const;

/** Where the tenant's recent durations are kept, per type: the browser's localStorage, or memory. */
export interface HistoryStore {
  /** What is known of this kind of action from a read within the last day; undefined when its type is due. */
  reading(kind: HistoryKind): HistoryReading | undefined;
  /** Whether the type's history should be read: never read, read over a day ago, or unreadable. */
  isDue(type: string): boolean;
  /** Keeps what one list call for this type found (historySamples of its answer). */
  keep(type: string, gathered: Iterable<HistorySamples>, options: { periodDays: number; readAt: number }): void;
}

export interface TypeHistoriesOptions {
  store: HistoryStore;
  /** One list call: the type's actions created since then (DefenderClient.getActionHistory). */
  readActions: (type: string, since: Date) => Promise<MachineAction[]>;
  now: () => number;
}

/**
 * What the poller knows of how long each kind of action takes in this tenant, and the reads that learn it:
 * one list call per type, once a day, after an action of that type has been read. The poller paces by it
 * (`historyOf`); the pages show what it has kept (the store), whichever page is open.
 */
export class TypeHistories {
  private readonly options: TypeHistoriesOptions;
  private readonly reading = new Set<string>();
  private readonly failedAt = new Map<string, number>();
  private readonly believed = new Map<string, { history: DurationHistory | undefined; until: number }>();

  constructor(options: TypeHistoriesOptions) {
    this.options = options;
  }

  /** The history of an action's kind, when there is enough of it to go by. */
  readonly historyOf: HistoryOf = (action) => {
    const kind = historyKindOf(action);
    const key = historyKey(kind);
    const now = this.options.now();
    const remembered = this.believed.get(key);
    if (remembered && remembered.until > now) return remembered.history;
    const history = enoughHistory(this.options.store.reading(kind));
    this.believed.set(key, { history, until: now + (history ? storedHistoryTtl.knownMs : storedHistoryTtl.unknownMs) });
    return history;
  };

  /** The types of these actions whose history is due: not kept within the day, not being read, not failed lately. */
  due(actions: Iterable<MachineAction>): string[] {
    const now = this.options.now();
    const types = new Map<string, string>();
    for (const action of actions) {
      const { type } = historyKindOf(action);
      const key = historyKey({ type, scope: null });
      if (types.has(key) || this.reading.has(key)) continue;
      const failed = this.failedAt.get(key);
      if (failed !== undefined && now - failed < historyRetryMs) continue;
      if (this.options.store.isDue(type)) types.set(key, type);
    }
    return [...types.values()];
  }

  /**
   * Reads the type's history through `budgeted` (the poller's budget and 429 pause), keeps its durations
   * and counts, and says whether it learnt anything. A failed read is tried again after `historyRetryMs`.
   */
  async read(type: string, budgeted: <T>(call: () => Promise<T>) => Promise<T>): Promise<boolean> {
    const key = historyKey({ type, scope: null });
    if (this.reading.has(key)) return false;
    this.reading.add(key);
    try {
      const since = new Date(this.options.now() - historyPeriodDays * 86_400_000);
      const actions = await budgeted(() => this.options.readActions(type, since));
      const now = this.options.now();
      this.options.store.keep(type, historySamples(actions, { now, periodDays: historyPeriodDays }).values(), { periodDays: historyPeriodDays, readAt: now });
      this.failedAt.delete(key);
      for (const believedKey of [...this.believed.keys()]) if (believedKey === key || believedKey.startsWith(`${key}/`)) this.believed.delete(believedKey);
      return true;
    } catch {
      this.failedAt.set(key, this.options.now()); // the watch goes on without it, at the age-based likelihoods
      return false;
    } finally {
      this.reading.delete(key);
    }
  }
}

/** A store in memory, for a poller with no browser storage (the benchmarks, a relay): read once a day. */
export function memoryHistoryStore(now: () => number): HistoryStore {
  const kept = new Map<string, { readAt: number; periodDays: number; kinds: Map<string, HistorySamples> }>();
  const typeKey = (type: string) => historyKey({ type, scope: null });
  const fresh = (type: string) => {
    const entry = kept.get(typeKey(type));
    return entry !== undefined && now() - entry.readAt < 86_400_000 ? entry : undefined;
  };
  return {
    reading(kind) {
      const entry = fresh(kind.type);
      if (!entry) return undefined;
      return readHistory(entry.kinds.get(historyKey(kind)) ?? emptySamples(kind, entry.periodDays));
    },
    isDue: (type) => fresh(type) === undefined,
    keep(type, gathered, { periodDays, readAt }) {
      kept.set(typeKey(type), { readAt, periodDays, kinds: new Map([...gathered].map((samples) => [historyKey(samples), samples])) });
    },
  };
}
