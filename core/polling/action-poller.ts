import type { ActionListPage, DefenderClient } from '../defender/defender-client';
import { isDefenderRequestError, type DefenderProblem } from '../defender/defender-problem';
import { encodedIdFilterLength } from '../defender/defender-urls';
import type { Guid } from '../lib/guid';
import { afterPage, dueAt, entryState, planCheck, type EntryState, type HistoryOf, type PendingPage, type WatchedEntry } from './check-plan';
import { listShapeMemory, type ListShapeMemory } from './list-shape-memory';
import { refusalStatus, type ListRefusal, type ListShape } from './list-shape';
import { pollTimings } from './next-poll-delay';
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
  defender: Pick<DefenderClient, 'getMachineAction' | 'listMachineActions' | 'getMachineActionsPage'>;
  budget: RateBudget;
  /** What list shape this tenant accepts; by default kept in sessionStorage, so a reload remembers it. */
  listShapes?: ListShapeMemory;
  /** Says what the poller worked around (a refused list shape, a nextLink not followed), for whoever debugs. */
  report?: (message: string) => void;
  /** Every check's outcome, for the cache and for the other tabs. */
  onCheck: (id: Guid, watch: ActionWatch, checkedAt: number) => void;
  /** A 429 paused every call until this time; undefined when the pause is over. */
  onPause?: (until: number | undefined) => void;
  /** The tenant's history of an action's kind, for a pace that follows it; without, each action's age sets the pace. */
  historyOf?: HistoryOf;
  isHidden?: () => boolean;
  isOnline?: () => boolean;
  timers?: Timers;
  random?: () => number;
}

/**
 * The one place that calls Defender for watched actions. Each check reads every running action, and every
 * ID not read yet, with one list call per chunk of IDs; an action the list does not return (or not found
 * yet) is read by itself: check-plan.ts decides which, and this class only makes the calls. Every call, a
 * list answer's further pages included, keeps to the rate budget, a few a check at the budget's pace, and a
 * 429 pauses them all until Retry-After has passed. A list shape Defender refuses (400, 414) is never the
 * actions' failure: list-shape.ts picks the next shape, and the IDs are read again in it.
 */
export class ActionPoller {
  private readonly options: Required<Omit<PollerOptions, 'onPause' | 'historyOf'>> & Pick<PollerOptions, 'onPause' | 'historyOf'>;
  private readonly entries = new Map<Guid, WatchedEntry>();
  /** Further pages of list answers, read in later checks like any other call. */
  private pages: PendingPage[] = [];
  /** What has been reported already: once is enough for whoever debugs, every check would be noise. */
  private readonly reported = new Set<string>();
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
      listShapes: listShapeMemory(undefined),
      report: (message) => console.warn(`[machine-action-watch] ${message}`),
      ...options,
    };
  }

  /** The IDs to watch. Moving an ID from the board to its page, say, must not cost a fresh read. */
  setIds(ids: Iterable<Guid>): void {
    const wanted = new Set(ids);
    for (const [id, entry] of this.entries) entry.watched = wanted.has(id);
    for (const id of wanted) if (!this.entries.has(id)) this.entries.set(id, newEntry());
    this.reschedule();
  }

  /** A result learnt elsewhere (another tab was polling): it counts as this poller's last check. */
  learn(id: Guid, watch: ActionWatch, checkedAt: number): void {
    const entry = this.entries.get(id);
    if (!entry || (entry.last?.checkedAt ?? 0) > checkedAt) return;
    entry.last = { watch, checkedAt };
    entry.missingFromListSince = undefined;
  }

  /**
   * A one-off call (a device's recent actions, say) that draws on the same budget and respects the same
   * 429 pause as the polling: it waits for its turn rather than overspend, and a 429 it meets pauses the
   * polling too, since the quota is the same.
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
    try {
      return await call();
    } catch (error) {
      if (isDefenderRequestError(error)) {
        this.pauseFor(error.problem, timers.now());
        this.reschedule();
      }
      throw error;
    }
  }

  /** Forgets what is known of an action and reads it again at once, with a fresh not-found grace. */
  recheck(id: Guid): void {
    if (this.entries.has(id)) this.entries.set(id, newEntry());
    this.reschedule();
  }

  /** Starts polling (this tab leads); `stop` hands polling over to someone else. */
  start(): void {
    this.active = true;
    this.reschedule();
  }

  stop(): void {
    this.active = false;
    this.pages = []; // their IDs are read afresh by whoever polls next
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

  private states(): Map<Guid, EntryState> {
    const hidden = this.options.isHidden();
    return new Map([...this.entries].map(([id, entry]) => [id, entryState(entry, hidden, this.options.historyOf)]));
  }

  private millisecondsToNextCheck(now: number): number | undefined {
    let earliest: number | undefined;
    for (const state of this.states().values()) {
      const due = dueAt(state, now);
      if (due !== undefined) earliest = earliest === undefined ? due : Math.min(earliest, due);
    }
    if (this.pages.length > 0) earliest = now; // a list answer is half read
    if (earliest === undefined) return undefined;
    return Math.max(earliest, this.pausedUntil, this.notBefore, now) - now;
  }

  private record(id: Guid, outcome: CheckOutcome, now: number): void {
    const entry = this.entries.get(id);
    if (!entry) return; // unwatched while the call was under way
    const watch = recordCheck(entry.last?.watch, outcome, now, this.options.random());
    entry.last = { watch, checkedAt: now };
    entry.missingFromListSince = undefined;
    this.options.onCheck(id, watch, now);
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

    const shape = this.options.listShapes.current();
    const plan = planCheck(this.states(), now, budget.available(now), shape, this.pages);
    this.pages = plan.pagesLeft;
    const calls = plan.listChunks.length + plan.pages.length + plan.singleReads.length;
    if (calls === 0) {
      // Something is due but the budget has no call left: wait for the first call it frees.
      if (plan.waiting.length > 0) this.notBefore = budget.nextFreeAt(now);
      return this.reschedule();
    }

    this.checking = true;
    budget.record(now, calls);
    const reads = [
      ...plan.listChunks.map((chunk) => this.readList(chunk, shape)),
      ...plan.pages.map((page) => this.readPage(page)),
      ...plan.singleReads.map((id) => this.readOne(id)),
    ];
    try {
      await Promise.all(reads);
    } finally {
      this.notBefore = now + budget.paceMs(calls);
      this.checking = false;
      this.reschedule();
    }
  }

  private async readList(ids: Guid[], shape: ListShape): Promise<void> {
    if (shape.kind === 'single') return;
    let page: ActionListPage;
    try {
      page = await this.options.defender.listMachineActions(ids, shape.kind);
    } catch (error) {
      if (!isDefenderRequestError(error)) throw error;
      const status = refusalStatus(error.problem);
      if (status !== undefined) return this.shapeRefused({ status, shape, filterLength: encodedIdFilterLength(shape.kind, ids) });
      this.listFailed(ids, error.problem);
      return;
    }
    this.options.listShapes.succeeded(shape.kind);
    this.pageAnswered(ids, page, 1);
  }

  /** The shape is ours to change, and the IDs are not the analyst's problem: they stay due, for the next shape. */
  private shapeRefused(refusal: ListRefusal): void {
    const before = this.options.listShapes.current();
    const after = this.options.listShapes.refused(refusal);
    if (after.kind !== before.kind || after.maxFilterLength !== before.maxFilterLength) {
      this.report(`Defender refused a list call (HTTP ${refusal.status}); listing ${describeShape(after)} from now on.`);
    }
  }

  /** A further page of a list answer. A refused page is given up, its IDs read alone; any other failure is theirs. */
  private async readPage(pending: PendingPage): Promise<void> {
    let page: ActionListPage;
    try {
      page = await this.options.defender.getMachineActionsPage(pending.link);
    } catch (error) {
      if (!isDefenderRequestError(error)) throw error;
      if (refusalStatus(error.problem) !== undefined) return this.leftOut(pending.ids, this.options.timers.now());
      this.listFailed(pending.ids, error.problem);
      return;
    }
    this.pageAnswered(pending.ids, page, pending.pagesRead + 1, pending.link);
  }

  private report(message: string): void {
    if (this.reported.has(message)) return;
    this.reported.add(message);
    this.options.report(message);
  }

  private listFailed(ids: Guid[], problem: DefenderProblem): void {
    const now = this.options.timers.now();
    this.pauseFor(problem, now);
    for (const id of ids) this.record(id, { ok: false, problem }, now);
  }

  private pageAnswered(ids: Guid[], page: ActionListPage, pagesRead: number, link?: string): void {
    const now = this.options.timers.now();
    const asked = new Set(ids);
    const returned = new Set<Guid>();
    for (const action of page.actions) {
      const id = action.id.toLowerCase() as Guid;
      if (!asked.has(id) || returned.has(id)) continue;
      returned.add(id);
      this.record(id, { ok: true, action }, now);
    }
    if (page.ignoredNextLink !== undefined) this.report(`Not following a next page off this API's list path: ${page.ignoredNextLink}`);
    const next = afterPage(ids, returned, pagesRead, page.nextLink, link);
    if (next.gaveUp) this.report(`Stopped following a list answer's pages (${next.gaveUp}); the rest is read one by one.`);
    if (next.next) this.pages.push(next.next);
    this.leftOut(next.leftOut, now);
  }

  /** No page of the list returned these: each is read alone next, as that read has the not-found grace. */
  private leftOut(ids: Guid[], now: number): void {
    for (const id of ids) {
      const entry = this.entries.get(id);
      if (entry) entry.missingFromListSince ??= now;
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

  /**
   * A 429 another tab's poller met: every call here waits until then too, as if this poller had been
   * throttled. No onPause: the news came from that tab, which has told everyone already.
   */
  pauseUntil(until: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, until);
    this.reschedule();
  }
}

/** An entry no check has answered for yet, watched. */
function newEntry(): WatchedEntry {
  return { watched: true, missingFromListSince: undefined };
}

function describeShape(shape: ListShape): string {
  if (shape.kind === 'single') return 'one action per call';
  return `with ${shape.kind === 'in' ? "'id in (…)'" : "'id eq … or id eq …'"} filters of at most ${shape.maxFilterLength} characters`;
}
