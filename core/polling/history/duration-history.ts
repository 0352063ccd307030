import { isFinalStatus } from '../../defender/action-status';
import type { MachineAction } from '../../defender/machine-action';
import { quantile } from '../../lib/quantile';

/**
 * Which of the tenant's past actions a running one is compared with: those of its type, and of its scope
 * where the scope changes the work (a full scan is not a quick one; a selective isolation keeps some
 * connections open). Other types' scopes, when set at all, say nothing of how long they take.
 */
export interface HistoryKind {
  readonly type: string;
  readonly scope: string | null;
}

const scopedTypes = new Set(['isolate', 'runantivirusscan']);

/** Lower case without spaces, as action-type-words reads types: "Live Response" is LiveResponse. */
const spelling = (text: string) => text.toLowerCase().replace(/\s+/g, '');

export function historyKindOf(action: Pick<MachineAction, 'type' | 'scope'>): HistoryKind {
  const scope = action.scope?.trim() ?? '';
  return { type: action.type.trim(), scope: scopedTypes.has(spelling(action.type)) && scope !== '' ? scope : null };
}

/** "isolate/full", "runantivirusscan/quick", "collectinvestigationpackage": one distribution each. */
export function historyKey(kind: HistoryKind): string {
  return kind.scope === null ? spelling(kind.type) : `${spelling(kind.type)}/${spelling(kind.scope)}`;
}

export interface OutcomeCounts {
  readonly succeeded: number;
  readonly failed: number;
  readonly timedOut: number;
  readonly cancelled: number;
}

/**
 * What is kept of one kind's recent actions: durations and counts only. Nothing here names a device, a
 * person or an action, so it may stay in the browser for a day without keeping anyone's data.
 */
export interface HistorySamples extends HistoryKind {
  /** How far back the history reaches, for the words ("in the last 30 days"). */
  readonly periodDays: number;
  /** Creation to last update of each action that Succeeded, in ms, ascending. */
  readonly durationsMs: readonly number[];
  /** How long each action sat Pending, as far as its dates show (see pendingTimeMs), in ms, ascending. */
  readonly pendingMs: readonly number[];
  /**
   * The same for the actions a device picked up (InProgress, Succeeded, Failed, Cancelled): not those
   * still Pending nor those that timed out, which are mostly devices that were offline.
   */
  readonly pickedUpMs: readonly number[];
  readonly outcomes: OutcomeCounts;
  /** Actions still Pending when the history was read: the offline devices Defender is still retrying. */
  readonly stillPending: number;
}

/** Under this many finished with success, a median and a 90th percentile would say more about luck than the tenant. */
export const minimumFinished = 20;

/** How high a Pending time must be, among this kind's, before the device is probably offline. */
export const pendingHintLevel = 0.95;

export interface DurationHistory extends HistorySamples {
  readonly enough: true;
  readonly key: string;
  /** Succeeded, Failed, TimeOut and Cancelled together. */
  readonly finished: number;
  readonly medianMs: number;
  readonly p90Ms: number;
  /** The 95th percentile of Pending time, the ages of those still Pending counted. */
  readonly pendingHighMs: number | undefined;
  /**
   * The 95th percentile of Pending time among the actions a device picked up: past it, the device may be
   * offline. Kept apart from pendingHighMs because where more than 1 in 20 of a kind wait on offline
   * devices (the seeded tenant's isolations: 1 in 16), that one lands among them, hours out.
   */
  readonly pickedUpHighMs: number | undefined;
}

/** Fewer than `minimumFinished` succeeded: say so, and keep today's rules. */
export interface TooLittleHistory extends HistorySamples {
  readonly enough: false;
  readonly key: string;
  readonly finished: number;
}

export type HistoryReading = DurationHistory | TooLittleHistory;

const dayMs = 86_400_000;
/** How far ahead of this browser's clock a creation date may be and still be believed (as watch-cadence does). */
const clockSkewMs = 5 * 60_000;

function spanMs(from: Date | null, to: Date | null): number | undefined {
  if (from === null || to === null) return undefined;
  const span = to.getTime() - from.getTime();
  return Number.isFinite(span) && span >= 0 ? span : undefined;
}

/**
 * How long an action sat Pending, as far as its dates show. Defender keeps no time of the move to
 * InProgress, so: an action still Pending has waited at least its age; one InProgress moved at its last
 * update; a finished one left Pending no later than it finished, an upper bound that errs towards a
 * later offline hint, never an earlier one. An unknown status says nothing.
 */
export function pendingTimeMs(action: MachineAction, now: number): number | undefined {
  if (action.status === 'Pending') return action.createdAt === null ? undefined : Math.max(0, now - action.createdAt.getTime());
  if (action.status === 'InProgress' || isFinalStatus(action.status)) return spanMs(action.createdAt, action.lastUpdatedAt);
  return undefined;
}

/** Statuses that say a device took the action up (a cancel while Pending too: the wait ended, and not for an offline device). */
const pickedUpStatuses = new Set(['InProgress', 'Succeeded', 'Failed', 'Cancelled']);

const noOutcomes: OutcomeCounts = { succeeded: 0, failed: 0, timedOut: 0, cancelled: 0 };

const outcomeOf: Record<string, keyof OutcomeCounts> = { Succeeded: 'succeeded', Failed: 'failed', TimeOut: 'timedOut', Cancelled: 'cancelled' };

export function emptySamples(kind: HistoryKind, periodDays: number): HistorySamples {
  return { type: kind.type, scope: kind.scope, periodDays, durationsMs: [], pendingMs: [], pickedUpMs: [], outcomes: noOutcomes, stillPending: 0 };
}

interface Gathering {
  kind: HistoryKind;
  durationsMs: number[];
  pendingMs: number[];
  pickedUpMs: number[];
  outcomes: Record<keyof OutcomeCounts, number>;
  stillPending: number;
}

const ascending = (values: number[]) => values.sort((a, b) => a - b);

/**
 * The samples of each kind found in a list of the tenant's actions (one list call per type, newest first),
 * keyed by historyKey. Actions created outside the period, or with no creation date, are left out.
 */
export function historySamples(actions: readonly MachineAction[], options: { now: number; periodDays: number }): Map<string, HistorySamples> {
  const since = options.now - options.periodDays * dayMs;
  const gathered = new Map<string, Gathering>();
  for (const action of actions) {
    const created = action.createdAt?.getTime();
    if (created === undefined || created < since || created > options.now + clockSkewMs) continue;
    const kind = historyKindOf(action);
    const key = historyKey(kind);
    const group = gathered.get(key) ?? { kind, durationsMs: [], pendingMs: [], pickedUpMs: [], outcomes: { ...noOutcomes }, stillPending: 0 };
    gathered.set(key, group);
    const outcome = outcomeOf[action.status];
    const duration = spanMs(action.createdAt, action.lastUpdatedAt);
    if (outcome !== undefined) group.outcomes[outcome] += 1;
    if (outcome === 'succeeded' && duration !== undefined) group.durationsMs.push(duration);
    if (action.status === 'Pending') group.stillPending += 1;
    const pending = pendingTimeMs(action, options.now);
    if (pending !== undefined) group.pendingMs.push(pending);
    if (pending !== undefined && pickedUpStatuses.has(action.status)) group.pickedUpMs.push(pending);
  }
  return new Map(
    [...gathered].map(([key, group]) => [
      key,
      { ...group.kind, periodDays: options.periodDays, durationsMs: ascending(group.durationsMs), pendingMs: ascending(group.pendingMs), pickedUpMs: ascending(group.pickedUpMs), outcomes: group.outcomes, stillPending: group.stillPending },
    ]),
  );
}

const finishedOf = (outcomes: OutcomeCounts) => outcomes.succeeded + outcomes.failed + outcomes.timedOut + outcomes.cancelled;

/** The figures of one kind's samples, or "too little history" under `minimumFinished` durations. */
export function readHistory(samples: HistorySamples): HistoryReading {
  const key = historyKey(samples);
  const finished = finishedOf(samples.outcomes);
  if (samples.durationsMs.length < minimumFinished) return { ...samples, enough: false, key, finished };
  return {
    ...samples,
    enough: true,
    key,
    finished,
    medianMs: quantile(samples.durationsMs, 0.5),
    p90Ms: quantile(samples.durationsMs, 0.9),
    pendingHighMs: samples.pendingMs.length > 0 ? quantile(samples.pendingMs, pendingHintLevel) : undefined,
    pickedUpHighMs: samples.pickedUpMs.length > 0 ? quantile(samples.pickedUpMs, pendingHintLevel) : undefined,
  };
}

/** The history of one kind, from what was gathered for its type; none gathered is too little. */
export function historyFor(gathered: ReadonlyMap<string, HistorySamples>, kind: HistoryKind, periodDays: number): HistoryReading {
  return readHistory(gathered.get(historyKey(kind)) ?? emptySamples(kind, periodDays));
}

/** How long an action's kind takes in this tenant, when there is enough history to go by (the planner's view). */
export type HistoryOf = (action: MachineAction) => DurationHistory | undefined;

/** The history with enough in it to go by, or undefined: the page and the pace then keep today's rules. */
export function enoughHistory(reading: HistoryReading | undefined): DurationHistory | undefined {
  return reading?.enough === true ? reading : undefined;
}
