import type { DefenderClient } from '../api/defender-client';
import { isDefenderRequestError, type DefenderProblem } from '../api/defender-problem';
import type { MachineAction } from '../api/machine-action';
import type { Guid } from '../lib/guid';
import { chunkIds } from './chunk-ids';
import { nextPollDelay, pollTimings } from './next-poll-delay';
import type { RateBudget } from './rate-budget';
import { recordCheck, type ActionWatch, type CheckOutcome } from './watch-state';

export interface Timers {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface PollerOptions {
  defender: Pick<DefenderClient, 'getMachineAction' | 'getMachineActions'>;
  budget: RateBudget;
  /** Every check's outcome, for the cache and for the other tabs. */
  onCheck: (id: Guid, watch: ActionWatch, checkedAt: number) => void;
  /** A 429 paused every call until this time; undefined when the pause is over. */
  onPause?: (until: number | undefined) => void;
  isHidden?: () => boolean;
  isOnline?: () => boolean;
  timers?: Timers;
  random?: () => number;
}

interface Entry {
  /** Someone watches it now. An entry no one watches keeps what was learnt, should it be watched again. */
  watched: boolean;
  watch?: ActionWatch;
  checkedAt?: number;
  /** The list call did not return it: read it by itself next (the single read has the 404 grace). */
  readAlone?: boolean;
}

/** The last check found no such action: the single read's not-found grace is running. */
function isNotFound(entry: Entry): boolean {
  return entry.watch?.failure?.problem.kind === 'not-found';
}

/**
 * The one place that calls Defender for watched actions. Each check reads every running action, and every
 * ID not read yet, with one list call per chunk of IDs; an action the list does not return (or not found
 * yet) is read by itself. Calls keep to the rate budget, spaced evenly, and a 429 pauses them all
 * until Retry-After has passed.
 */
export class ActionPoller {
  private readonly options: Required<Omit<PollerOptions, 'onPause'>> & Pick<PollerOptions, 'onPause'>;
  private readonly entries = new Map<Guid, Entry>();
  private timer: unknown;
  private pausedUntil = 0;
  private notBefore = 0;
  private checking = false;
  private active = false;

  constructor(options: PollerOptions) {
    this.options = {
      isHidden: () => false,
      isOnline: () => true,
      timers: realTimers,
      random: Math.random,
      ...options,
    };
  }

  /** The IDs to watch. Moving an ID from the board to its page, say, must not cost a fresh read. */
  setIds(ids: Iterable<Guid>): void {
    const wanted = new Set(ids);
    for (const [id, entry] of this.entries) entry.watched = wanted.has(id);
    for (const id of wanted) if (!this.entries.has(id)) this.entries.set(id, { watched: true });
    this.reschedule();
  }

  /** A result learnt elsewhere (another tab was polling): it counts as this poller's last check. */
  learn(id: Guid, watch: ActionWatch, checkedAt: number): void {
    const entry = this.entries.get(id);
    if (entry && (entry.checkedAt ?? 0) <= checkedAt) Object.assign(entry, { watch, checkedAt, readAlone: false });
  }

  /**
   * A one-off call (a device's recent actions, say) that draws on the same budget and respects the same
   * 429 pause as the polling: it waits for its turn rather than overspend.
   */
  async budgeted<T>(call: () => Promise<T>): Promise<T> {
    const { timers, budget } = this.options;
    for (;;) {
      const now = timers.now();
      const freeAt = Math.max(budget.nextFreeAt(now), this.pausedUntil);
      if (freeAt <= now) break;
      await new Promise<void>((resolve) => timers.setTimeout(resolve, freeAt - now));
    }
    budget.record(timers.now());
    return call();
  }

  /** Forgets what is known of an action and reads it again at once, with a fresh not-found grace. */
  recheck(id: Guid): void {
    if (this.entries.has(id)) this.entries.set(id, { watched: true });
    this.reschedule();
  }

  /** Starts polling (this tab leads); `stop` hands polling over to someone else. */
  start(): void {
    this.active = true;
    this.reschedule();
  }

  stop(): void {
    this.active = false;
    this.clearTimer();
  }

  /** Re-plans the next check: after the tab becomes visible or the browser comes back online, say. */
  reschedule(): void {
    this.clearTimer();
    if (!this.active || this.checking) return;
    const wait = this.millisecondsToNextCheck(this.options.timers.now());
    if (wait !== undefined) this.timer = this.options.timers.setTimeout(() => void this.check(), wait);
  }

  private clearTimer(): void {
    if (this.timer !== undefined) this.options.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private delayOf(entry: Entry): number | false {
    if (!entry.watched) return false;
    if (entry.checkedAt === undefined || entry.readAlone) return 0;
    // Judged as of the last check, as the page judges it, so both show the same next check.
    return nextPollDelay(entry.watch, { now: entry.checkedAt, hidden: this.options.isHidden() });
  }

  private millisecondsToNextCheck(now: number): number | undefined {
    let earliest: number | undefined;
    for (const entry of this.entries.values()) {
      const delay = this.delayOf(entry);
      if (delay === false) continue;
      const due = (entry.checkedAt ?? now) + delay;
      earliest = earliest === undefined ? due : Math.min(earliest, due);
    }
    if (earliest === undefined) return undefined;
    return Math.max(earliest, this.pausedUntil, this.notBefore, now) - now;
  }

  private record(id: Guid, outcome: CheckOutcome, now: number): void {
    const entry = this.entries.get(id);
    if (!entry) return; // unwatched while the call was under way
    entry.watch = recordCheck(entry.watch, outcome, now, this.options.random());
    entry.checkedAt = now;
    entry.readAlone = false;
    this.options.onCheck(id, entry.watch, now);
  }

  private pauseFor(problem: DefenderProblem, now: number): void {
    if (problem.kind !== 'throttled') return;
    const wait = problem.retryAfterMs ?? pollTimings.throttledBaseMs;
    this.pausedUntil = Math.max(this.pausedUntil, now + wait);
    this.options.onPause?.(this.pausedUntil);
  }

  private async check(): Promise<void> {
    this.timer = undefined;
    const { timers, budget } = this.options;
    const now = timers.now();
    if (!this.options.isOnline()) return; // the online event reschedules
    if (now < this.pausedUntil || now < this.notBefore) return this.reschedule();
    if (this.pausedUntil !== 0) {
      this.pausedUntil = 0;
      this.options.onPause?.(undefined);
    }

    const pollable = [...this.entries].filter(([, entry]) => this.delayOf(entry) !== false);
    const due = pollable.filter(([, entry]) => (entry.checkedAt ?? now) + (this.delayOf(entry) as number) <= now);
    if (due.length === 0) return this.reschedule();
    // One check reads every running action found before, due or not: the list call costs the same. IDs
    // never read join it, unless there is just one to read (its own read answers a clearer 404). An ID
    // the list did not return, or not found yet, is read by itself: that read has the 404 grace.
    const found = pollable.filter(([, entry]) => entry.watch?.action && !entry.readAlone).map(([id]) => id);
    // Decided by what is known, not by whether a check was made: a list call that failed (a 500, a 429)
    // leaves its new IDs in the next list call rather than sending them one by one.
    const unread = pollable.filter(([, entry]) => !entry.watch?.action && !entry.readAlone && !isNotFound(entry)).map(([id]) => id);
    const lookups = due.filter(([, entry]) => entry.readAlone || (!entry.watch?.action && isNotFound(entry))).map(([id]) => id);
    const unreadInList = found.length + unread.length > 1;
    const listed = unreadInList ? [...found, ...unread] : found;
    const alone = unreadInList ? lookups : [...unread, ...lookups];
    // A check set off by a lookup alone leaves the list for its own time.
    const listDue = due.some(([id]) => listed.includes(id));
    const chunks = listDue ? chunkIds(listed) : [];
    let allowance = budget.available(now);
    if (allowance === 0) {
      this.notBefore = budget.nextFreeAt(now);
      return this.reschedule();
    }

    this.checking = true;
    const calls: Promise<void>[] = [];
    let made = 0;
    for (const chunk of chunks) {
      if (allowance === 0) break;
      allowance -= 1;
      made += 1;
      budget.record(now);
      calls.push(this.readList(chunk));
    }
    for (const id of alone) {
      if (allowance === 0) break;
      allowance -= 1;
      made += 1;
      budget.record(now);
      calls.push(this.readOne(id));
    }
    try {
      await Promise.all(calls);
    } finally {
      this.notBefore = now + budget.paceMs(made);
      this.checking = false;
      this.reschedule();
    }
  }

  private async readList(ids: Guid[]): Promise<void> {
    let actions: MachineAction[];
    try {
      actions = await this.options.defender.getMachineActions(ids);
    } catch (error) {
      if (!isDefenderRequestError(error)) throw error;
      const now = this.options.timers.now();
      this.pauseFor(error.problem, now);
      for (const id of ids) this.record(id, { ok: false, problem: error.problem }, now);
      return;
    }
    const now = this.options.timers.now();
    const byId = new Map(actions.map((action) => [action.id.toLowerCase(), action]));
    for (const id of ids) {
      const action = byId.get(id);
      if (action) this.record(id, { ok: true, action }, now);
      else {
        const entry = this.entries.get(id);
        if (entry) entry.readAlone = true;
      }
    }
  }

  private async readOne(id: Guid): Promise<void> {
    let outcome: CheckOutcome;
    try {
      outcome = { ok: true, action: await this.options.defender.getMachineAction(id) };
    } catch (error) {
      if (!isDefenderRequestError(error)) throw error;
      outcome = { ok: false, problem: error.problem };
      this.pauseFor(error.problem, this.options.timers.now());
    }
    this.record(id, outcome, this.options.timers.now());
  }
}
