// The pace benchmark's analyst hours: a quiet one (30 actions of the kinds a SOC sends) and a busy one
// (twice as many of each), created over the first 45 minutes of the hour, each playing the durations the simulator's history is drawn from (`durations: "history"`:
// skewed, with a few failures, timeouts and devices that never answer). The same IDs in both runs, and
// the simulator seeds each action's run by its ID, so both paces meet exactly the same actions.

export interface PaceAction {
  id: string;
  type: string;
  scope: string | null;
  /** After the start of the hour. */
  createdAfterMs: number;
  /** A run of its own (Pending, InProgress a third of the way, then Succeeded) instead of one drawn from the history. */
  finishesAfterMs?: number;
  /** Sent this long before it is created in the run, and Pending all along: its device is offline. */
  offlineForMs?: number;
}

const kinds: readonly { type: string; scope: string | null; count: number }[] = [
  { type: 'Isolate', scope: 'Full', count: 8 },
  { type: 'RunAntiVirusScan', scope: 'Quick', count: 5 },
  { type: 'RunAntiVirusScan', scope: 'Full', count: 2 },
  { type: 'CollectInvestigationPackage', scope: null, count: 5 },
  { type: 'LiveResponse', scope: null, count: 3 },
  { type: 'StopAndQuarantineFile', scope: null, count: 4 },
  { type: 'Unisolate', scope: null, count: 3 },
];

/** 45 minutes, spread by a fixed stride so that the arrivals neither bunch up nor fall on a grid. */
const arrivalSpanMs = 45 * 60_000;

/** How many different hours of each kind are played: one hour's 30 or 60 draws say more of luck than of the pace. */
export const hoursPlayed = 5;

/**
 * The actions of hour `hour` (1 to hoursPlayed), `busyness` times the quiet hour's of each kind. The IDs
 * differ by hour, and the simulator draws each action's run from its ID, so every hour is a new draw.
 */
export function paceActions(busyness: number, hour: number): PaceAction[] {
  const flat = kinds.flatMap((kind) => Array.from({ length: kind.count * busyness }, () => kind));
  return flat.map((kind, index) => ({
    id: `cccccccc-${String(busyness).padStart(2, '0')}${String(hour).padStart(2, '0')}-4000-8000-${String(index + 1).padStart(12, '0')}`,
    type: kind.type,
    scope: kind.scope,
    // A stride of 7 through the arrival slots (7 and the count share no factor): types interleaved, none together.
    createdAfterMs: Math.round(((index * 7) % flat.length) * (arrivalSpanMs / flat.length)) + 13_000,
  }));
}

/**
 * The fast outlier: a full antivirus scan done 35 s after it was sent, where the tenant's history says full
 * scans take far longer (the seeded history's: a median of 20 minutes). Sent 13 s into the run.
 */
export function fastOutlier(): PaceAction[] {
  return [{ id: 'cccccccc-0f00-4000-8000-000000000001', type: 'RunAntiVirusScan', scope: 'Full', createdAfterMs: 13_000, finishesAfterMs: 35_000 }];
}

/**
 * A 500-ID paste: the board's limit, an incident's worth of actions of every kind sent in the hour before
 * (here: in the run's first 10 s, with durations drawn from the history), pasted at once 20 s in.
 */
export const pasteSize = 500;
export function pastedBoard(): PaceAction[] {
  const flat = kinds.flatMap((kind) => Array.from({ length: kind.count }, () => kind));
  return Array.from({ length: pasteSize }, (_, index) => ({
    id: `cccccccc-5000-4000-8000-${String(index + 1).padStart(12, '0')}`,
    type: flat[index % flat.length].type,
    scope: flat[index % flat.length].scope,
    createdAfterMs: Math.round((index * 10_000) / pasteSize),
  }));
}
export const pastedAfterMs = 20_000;

/** A board of actions whose devices are offline: 20 isolations sent 3 hours ago, still Pending all hour. */
export function offlineBoard(): PaceAction[] {
  return Array.from({ length: 20 }, (_, index) => ({
    id: `cccccccc-0ff1-4000-8000-${String(index + 1).padStart(12, '0')}`,
    type: 'Isolate',
    scope: 'Full',
    createdAfterMs: 0,
    offlineForMs: 3 * 3_600_000,
  }));
}
