import * as v from 'valibot';
import { emptySamples, historyKey, readHistory, type HistoryKind, type HistoryReading } from '../../../core/polling/history/duration-history';
import type { HistoryStore } from '../../../core/polling/history/type-histories';

/** A type's history is read at most once a day: durations drift over weeks, and each read is a call from the shared quota. */
export const historyTtlMs = 86_400_000;

export const historyStoragePrefix = 'machine-action-watch:duration-history:';
/** As far ahead of this browser's clock as a stored time may be and still be believed. */
const clockSkewMs = 5 * 60_000;
/** Defender's largest `$top`: no honest entry holds more samples than one list call returns. */
const maxSamples = 10_000;

type HistoryStorage = Pick<Storage, 'getItem' | 'setItem'>;

const milliseconds = v.pipe(v.number(), v.finite(), v.minValue(0));
const count = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(maxSamples));
const word = v.pipe(v.string(), v.minLength(1), v.maxLength(64));

// Strict objects: an entry with any field more than durations and counts (a name, say) is not ours, and is ignored.
const samplesSchema = v.strictObject({
  type: word,
  scope: v.nullable(word),
  periodDays: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(365)),
  durationsMs: v.pipe(v.array(milliseconds), v.maxLength(maxSamples)),
  pendingMs: v.pipe(v.array(milliseconds), v.maxLength(maxSamples)),
  pickedUpMs: v.pipe(v.array(milliseconds), v.maxLength(maxSamples)),
  outcomes: v.strictObject({ succeeded: count, failed: count, timedOut: count, cancelled: count }),
  stillPending: count,
});

const entrySchema = v.strictObject({
  version: v.literal(1),
  type: word,
  periodDays: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(365)),
  readAt: milliseconds,
  kinds: v.pipe(v.array(samplesSchema), v.maxLength(50)),
});

type Entry = v.InferOutput<typeof entrySchema>;

/** The tenant's recent durations, per action type, kept in the browser for a day (the poller's HistoryStore). */
export type HistoryCache = HistoryStore;

const typeKey = (type: string) => historyKey({ type, scope: null });
const ascending = (values: readonly number[]) => [...values].sort((a, b) => a - b);

/** A stored entry of this type, or undefined for text that is not one (broken, foreign, another type's). */
function parseEntry(raw: string | null, type: string): Entry | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw ?? 'null');
  } catch {
    return undefined; // unreadable: read the history again
  }
  const entry = v.safeParse(entrySchema, parsed);
  return entry.success && typeKey(entry.output.type) === typeKey(type) ? entry.output : undefined;
}

/** The figures of one kind in a stored entry; a kind the read found none of has too little history. */
function readingOf(entry: Entry, kind: HistoryKind): HistoryReading {
  const key = historyKey(kind);
  const samples = entry.kinds.find((kept) => historyKey(kept) === key);
  return readHistory(
    samples === undefined
      ? emptySamples(kind, entry.periodDays)
      : { ...samples, durationsMs: ascending(samples.durationsMs), pendingMs: ascending(samples.pendingMs), pickedUpMs: ascending(samples.pickedUpMs) },
  );
}

/**
 * A cache in `storage` (localStorage in the app), one entry per type and tenant, so that a browser used
 * for two tenants never shows one tenant's durations for the other. Only durations and counts are kept:
 * the list answer's device names, requestors and comments never reach storage.
 */
export function historyCache(storage: HistoryStorage | undefined, options: { now: () => number; tenant: string }): HistoryCache {
  const storageKey = (type: string) => `${historyStoragePrefix}${encodeURIComponent(options.tenant)}:${encodeURIComponent(typeKey(type))}`;

  // What this page kept itself where storage is full or blocked: a type is still read once a day, not on every ask.
  const kept = new Map<string, Entry>();

  const isFresh = (entry: Entry) => {
    const age = options.now() - entry.readAt;
    // A time ahead of this clock by more than the skew is a bad record, not a fresh one.
    return age < historyTtlMs && age >= -clockSkewMs;
  };

  // What storage held when last read, and what it parsed to: a board asks on every render, and the text
  // changes once a day, so it is parsed and checked once per change rather than once per render.
  const lastRead = new Map<string, { raw: string | null; entry: Entry | undefined }>();

  function stored(type: string): Entry | undefined {
    let raw: string | null;
    try {
      raw = storage?.getItem(storageKey(type)) ?? null;
    } catch {
      return undefined; // blocked storage: read the history again
    }
    const known = lastRead.get(type);
    if (known && known.raw === raw) return known.entry;
    const entry = parseEntry(raw, type);
    lastRead.set(type, { raw, entry });
    return entry;
  }

  /** The newest fresh entry, this page's or another tab's. */
  function freshEntry(type: string): Entry | undefined {
    const fresh = [kept.get(typeKey(type)), stored(type)].filter((entry): entry is Entry => entry !== undefined && isFresh(entry));
    return fresh.sort((a, b) => b.readAt - a.readAt)[0];
  }

  const readings = new Map<string, { entry: Entry; reading: HistoryReading }>();

  return {
    reading(kind) {
      const entry = freshEntry(kind.type);
      if (entry === undefined) return undefined;
      const key = historyKey(kind);
      // The same reading for the same read: a board's rows are drawn again only when what they show changes.
      const known = readings.get(key);
      if (known?.entry === entry) return known.reading;
      const reading = readingOf(entry, kind);
      readings.set(key, { entry, reading });
      return reading;
    },
    isDue: (type) => freshEntry(type) === undefined,
    keep(type, gathered, { periodDays, readAt }) {
      // Copied field by field, so that nothing but durations and counts can be written, whatever is passed.
      const kinds = [...gathered]
        .filter((samples) => typeKey(samples.type) === typeKey(type))
        .map(({ type: kindType, scope, periodDays: days, durationsMs, pendingMs, pickedUpMs, outcomes, stillPending }) => ({
          type: kindType,
          scope,
          periodDays: days,
          durationsMs: durationsMs.slice(0, maxSamples),
          pendingMs: pendingMs.slice(0, maxSamples),
          pickedUpMs: pickedUpMs.slice(0, maxSamples),
          outcomes: { succeeded: outcomes.succeeded, failed: outcomes.failed, timedOut: outcomes.timedOut, cancelled: outcomes.cancelled },
          stillPending,
        }));
      const entry: Entry = { version: 1, type, periodDays, readAt, kinds };
      try {
        if (!storage) throw new Error('no storage');
        storage.setItem(storageKey(type), JSON.stringify(entry));
        kept.delete(typeKey(type));
      } catch {
        // storage full or blocked: the history lasts as long as this page, and is read again tomorrow
        kept.set(typeKey(type), entry);
      }
    },
  };
}

/** The cache in this browser's localStorage, or in this page only where site data is blocked. */
export function browserHistoryCache(options: { now?: () => number; tenant: string }): HistoryCache {
  let storage: HistoryStorage | undefined;
  try {
    storage = globalThis.localStorage;
  } catch {
    storage = undefined; // reading localStorage throws where site data is blocked
  }
  return historyCache(storage, { now: options.now ?? Date.now, tenant: options.tenant });
}
