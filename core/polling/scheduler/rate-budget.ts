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
 * Sliding-window accounting of the calls made: whether one more may be made now, and if not, when.
 * Holds only the times of the last hour's calls, this tab's and (mirrored) every other tab's: the quota
 * is one for all of them, so a tab that takes over the polling goes on from what was spent.
 */
export class RateBudget {
  private readonly limits: BudgetLimits;
  private readonly onRecord: ((at: number, count: number) => void) | undefined;
  /** Call times, oldest first. */
  private calls: number[] = [];

  /** `onRecord` hears of every call this tab makes, to tell the other tabs. */
  constructor(limits: BudgetLimits, onRecord?: (at: number, count: number) => void) {
    this.limits = limits;
    this.onRecord = onRecord;
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

  /** How many calls may be made right now without leaving the budget. */
  available(now: number): number {
    this.forget(now);
    return Math.max(0, Math.min(this.limits.perMinute - this.inLastMinute(now), this.limits.perHour - this.calls.length));
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
   * after making `calls` routine calls. It spends the budget less the reserves (see `reserve`), so that an
   * hour of routine checks at this pace still leaves room for new IDs and for the checks that are due.
   */
  paceMs(calls: number): number {
    const kept = 2 * this.reserve;
    return Math.ceil(calls * Math.max(minuteMs / Math.max(1, this.limits.perMinute - kept), hourMs / Math.max(1, this.limits.perHour - kept)));
  }

  /**
   * Calls routine checks leave in the budget, a tenth of the minute's: a new ID pasted or a page opened
   * is read at once, never queued behind routine checks that spent the hour.
   */
  get reserve(): number {
    return Math.floor(Math.min(this.limits.perMinute, this.limits.perHour) / 10);
  }

  /** The earliest time at which `needed` more calls fit (now, if they fit already; never, past the limits). */
  nextFreeAt(now: number, needed = 1): number {
    if (this.available(now) >= needed) return now;
    const freeAt = (window: number, limit: number, inWindow: number) => {
      if (inWindow <= limit - needed) return now;
      if (needed > limit) return Number.POSITIVE_INFINITY;
      // The calls in the window must come down to limit - needed: the oldest that must go, goes then.
      return this.calls[this.calls.length - (limit - needed) - 1] + window;
    };
    return Math.max(now, freeAt(minuteMs, this.limits.perMinute, this.inLastMinute(now)), freeAt(hourMs, this.limits.perHour, this.calls.length));
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
