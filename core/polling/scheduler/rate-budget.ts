/**
 * Defender's quota for GET and list calls: 100 a minute and 1,500 an hour, shared by every analyst on the
 * same app registration and tenant. The app keeps to a share of it.
 */
export const defenderQuota = { perMinute: 100, perHour: 1_500 } as const;

export interface BudgetLimits {
  perMinute: number;
  perHour: number;
}

/** The app's share of the quota: by default 80 %, divided among the analysts expected at once. */
export function budgetLimits(share = 0.8, analysts = 1): BudgetLimits {
  const fraction = Math.min(Math.max(share, 0), 1) / Math.max(1, Math.floor(analysts));
  return {
    perMinute: Math.max(1, Math.floor(defenderQuota.perMinute * fraction)),
    perHour: Math.max(1, Math.floor(defenderQuota.perHour * fraction)),
  };
}

const minuteMs = 60_000;
const hourMs = 3_600_000;

/**
 * What a call is for, which decides how much of the budget it may use: a new ID or a further page (the
 * analyst is waiting) all of it; a check at an action's latest time all but a reserve; a check made only
 * because a finish is likely all but twice the reserve, so that an hour of those still leaves room for the
 * others.
 */
export type CallKind = 'urgent' | 'due' | 'eager';

/** The share of each window routine calls leave by default: 1 % (12 calls of 1,200 an hour), twice for eager ones. */
export const defaultKeptShare = 0.01;

const keptTimes: Record<CallKind, number> = { urgent: 0, due: 1, eager: 2 };

/**
 * Sliding-window accounting of the calls made: whether one more may be made now, and if not, when.
 * Holds only the times of the last hour's calls, this tab's and (mirrored) every other tab's: the quota
 * is one for all of them, so a tab that takes over the polling goes on from what was spent.
 */
export class RateBudget {
  private readonly limits: BudgetLimits;
  private readonly onRecord: ((at: number, count: number) => void) | undefined;
  private readonly keptShare: number;
  /** Call times, oldest first. */
  private calls: number[] = [];

  /**
   * `onRecord` hears of every call this tab makes, to tell the other tabs. `keptShare`: the share of each
   * window that routine calls leave (the relay leaves more, for its access checks).
   */
  constructor(limits: BudgetLimits, onRecord?: (at: number, count: number) => void, options: { keptShare?: number } = {}) {
    this.limits = limits;
    this.onRecord = onRecord;
    this.keptShare = Math.min(Math.max(options.keptShare ?? defaultKeptShare, 0), 0.25);
  }

  /** The limits a kind of call may spend up to; never below one call a window where the quota has one. */
  limitsFor(kind: CallKind): BudgetLimits {
    const share = this.keptShare * keptTimes[kind];
    const within = (limit: number) => (limit <= 0 ? 0 : Math.max(1, limit - Math.floor(limit * share)));
    return { perMinute: within(this.limits.perMinute), perHour: within(this.limits.perHour) };
  }

  private forget(now: number): void {
    const cutoff = now - hourMs;
    let drop = 0;
    while (drop < this.calls.length && this.calls[drop] <= cutoff) drop += 1;
    if (drop > 0) this.calls = this.calls.slice(drop);
  }

  private inLastMinute(now: number): number {
    let count = 0;
    for (let index = this.calls.length - 1; index >= 0 && this.calls[index] > now - minuteMs; index -= 1) count += 1;
    return count;
  }

  /** How many calls of this kind may be made right now without leaving the budget. */
  available(now: number, kind: CallKind = 'urgent'): number {
    this.forget(now);
    const limits = this.limitsFor(kind);
    return Math.max(0, Math.min(limits.perMinute - this.inLastMinute(now), limits.perHour - this.calls.length));
  }

  /** How many calls of each kind may be made right now: what a check may spend. */
  allowance(now: number): Record<CallKind, number> {
    return { urgent: this.available(now, 'urgent'), due: this.available(now, 'due'), eager: this.available(now, 'eager') };
  }

  /** The same at a later time, counting only the calls made so far (availableAt). */
  allowanceAt(at: number): Record<CallKind, number> {
    return { urgent: this.availableAt(at, 'urgent'), due: this.availableAt(at, 'due'), eager: this.availableAt(at, 'eager') };
  }

  /**
   * How many calls of this kind will fit at a later time, counting only the calls made so far: for a plan
   * of the next check. Forgets nothing (available() forgets what is over an hour old, which for an earlier
   * time may not be).
   */
  availableAt(at: number, kind: CallKind = 'urgent'): number {
    let inMinute = 0;
    let inHour = 0;
    for (const call of this.calls) {
      if (call > at - hourMs && call <= at) inHour += 1;
      if (call > at - minuteMs && call <= at) inMinute += 1;
    }
    const limits = this.limitsFor(kind);
    return Math.max(0, Math.min(limits.perMinute - inMinute, limits.perHour - inHour));
  }

  /** Calls this tab makes. */
  record(now: number, count = 1): void {
    this.mirror(now, count);
    this.onRecord?.(now, count);
  }

  /** Calls another tab made: counted here, told to no one (that tab told everyone). */
  mirror(at: number, count = 1): void {
    // News from another tab can arrive after a later call of this one: keep the times in order.
    let index = this.calls.length;
    while (index > 0 && this.calls[index - 1] > at) index -= 1;
    this.calls.splice(index, 0, ...Array<number>(count).fill(at));
  }

  /** The times of the last hour's calls, oldest first: what a tab joining late needs to count them too. */
  spentCalls(now: number): number[] {
    this.forget(now);
    return [...this.calls];
  }

  /**
   * Takes in another tab's account of the last hour's calls. The two accounts overlap (this tab mirrored
   * many of those calls already), so a time counts as often as the fuller account has it, not both.
   */
  merge(calls: readonly number[]): void {
    this.calls = mergeAccounts(this.calls, [...calls].sort((first, second) => first - second));
  }

  /**
   * The even spacing that spends the budget smoothly rather than in bursts: the gap a caller should leave
   * after making `calls` routine calls. At the eager calls' limits, so that an hour of routine checks at
   * this pace still leaves room for new IDs and for the checks that are due.
   */
  paceMs(calls: number): number {
    const eager = this.limitsFor('eager');
    return Math.ceil(calls * Math.max(minuteMs / Math.max(1, eager.perMinute), hourMs / Math.max(1, eager.perHour)));
  }

  /** The earliest time at which one more call of this kind fits: now, if one fits already; never, where the quota has none. */
  nextFreeAt(now: number, kind: CallKind = 'urgent'): number {
    if (this.available(now, kind) > 0) return now;
    const limits = this.limitsFor(kind);
    const freeAt = (window: number, limit: number, inWindow: number) => {
      if (inWindow < limit) return now;
      if (limit <= 0) return Number.POSITIVE_INFINITY;
      // The calls in the window must come down to limit - 1: the oldest one that must go, goes then.
      return this.calls[this.calls.length - limit] + window;
    };
    return Math.max(now, freeAt(minuteMs, limits.perMinute, this.inLastMinute(now)), freeAt(hourMs, limits.perHour, this.calls.length));
  }
}

/** Two sorted accounts of calls as one: each time as many times as the account with more of it has it. */
function mergeAccounts(mine: readonly number[], theirs: readonly number[]): number[] {
  const merged: number[] = [];
  let inMine = 0;
  let inTheirs = 0;
  while (inMine < mine.length || inTheirs < theirs.length) {
    const at = Math.min(mine[inMine] ?? Infinity, theirs[inTheirs] ?? Infinity);
    const mineFrom = inMine;
    const theirsFrom = inTheirs;
    while (mine[inMine] === at) inMine += 1;
    while (theirs[inTheirs] === at) inTheirs += 1;
    const times = Math.max(inMine - mineFrom, inTheirs - theirsFrom);
    for (let call = 0; call < times; call += 1) merged.push(at);
  }
  return merged;
}
