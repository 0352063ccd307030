import type { ActionListPage, DefenderClient } from '../../defender/defender-client';
import { isDefenderRequestError, type DefenderProblem } from '../../defender/defender-problem';
import { encodedIdFilterLength } from '../../defender/defender-urls';
import type { Guid } from '../../lib/guid';
import { planCheck } from './check-plan';
import { checkFloorMs, entryState, type EntryState, type WatchedEntry } from './entry-state';
import { afterPage, type PendingPage } from './list-pages';
import { forecastChecks, nextReadyAt } from './next-check';
import { listShapeMemory, type ListShapeMemory } from '../list-shapes/list-shape-memory';
import { refusalStatus, type ListRefusal, type ListShape } from '../list-shapes/list-shape';
import { pollTimings } from '../pacing/next-poll-delay';
import { maxRetryAfterMs } from '../../defender/retry-after';
import type { RateBudget } from './rate-budget';
import type { HistoryOf } from '../history/duration-history';
import type { TypeHistories } from '../history/type-histories';
import type { MachineAction } from '../../defender/machine-action';
import { recordCheck, type ActionWatch, type CheckOutcome } from '../watch/watch-state';

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
  /**
   * When each watched, running action will be checked next, from the planner's own plan: told after every
   * change of plan, and empty once this poller stops (whoever polls next tells their own).
   */
  onSchedule?: (schedule: ReadonlyMap<Guid, number>) => void;
  /**
   * What the poller knows of each kind's durations here, and the reads that learn them: it reads each
   * watched type's history itself, through its budget, after the actions (once a day per type). Without,
   * the likelihoods are the age-based ones.
   */
  histories?: TypeHistories;
  /** The tenant's history of an action's kind, where a test gives it directly; by default `histories`'. */
  historyOf?: HistoryOf;
  /**
   * False: each action is checked only at its latest time (its age's or its history's pace), never sooner
   * while the budget has calls to spare: how the app paced before the budget-aware planner. Only the
   * benchmarks that compare the two set it.
   */
  eagerChecks?: boolean;
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
  private readonly options: Required<Omit<PollerOptions, 'onPause' | 'historyOf' | 'onSchedule' | 'histories'>> & Pick<PollerOptions, 'onPause' | 'historyOf' | 'onSchedule' | 'histories'>;
  private readonly entries = new Map<Guid, WatchedEntry>();
  /** Further pages of list answers, read in later checks like any other call. */
  private pages: PendingPage[] = [];
  /** What has been reported already: once is enough for whoever debugs, every check would be noise. */
  private readonly reported = new Set<string>();
  private timer: unknown;
  private pausedUntil = 0;
  /** The budget's pace after the last routine check: no routine call before then. */
  private notBefore = 0;
  private checking = false;
  private active = false;
  /** The schedule told last, so that an unchanged one is not told again; none since this poller started. */
  private told: ReadonlyMap<Guid, number> | undefined;

  constructor(options: PollerOptions) {
    this.options = {
      isHidden: () => false,
      isOnline: () => true,
      timers: realTimers,
      random: Math.random,
      eagerChecks: true,
      listShapes: listShapeMemory(undefined),
      report: (message) => console.warn(`[machine-action-watch] ${message}`),
      ...options,
      historyOf: options.historyOf ?? options.histories?.historyOf,
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
      if (!Number.isFinite(freeAt)) throw new Error('The rate budget allows no call at all.');
      await new Promise<void>((resolve) => timers.setTimeout(resolve, Math.min(freeAt - now, longestTimerMs)));
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
    this.told = undefined; // this poller's first schedule is told, whatever was told before
    this.reschedule();
  }

  stop(): void {
    this.active = false;
    this.pages = []; // their IDs are read afresh by whoever polls next
    this.clearTimer();
    this.tell(new Map());
  }

  /** Re-plans the next check: after the tab becomes visible or the browser comes back online, say. */
  reschedule(): void {
    this.clearTimer();
    if (!this.active || this.checking) return;
    const now = this.options.timers.now();
    const states = this.states(now); // one judgement of every entry, for the timer and the schedule both
    const found = this.millisecondsToNextCheck(now, states);
    // A budget that never frees a call plans no check (a timer of Infinity would fire at once, in a loop).
    const wait = found !== undefined && Number.isFinite(found) ? found : undefined;
    if (wait !== undefined) this.timer = this.options.timers.setTimeout(() => void this.check(), Math.min(wait, longestTimerMs));
    if (this.options.onSchedule) this.tell(wait === undefined ? new Map() : this.forecast(states, now + wait));
  }

  /** The planner's plan for the check at `at`, and for each action not in it, its latest time. */
  private forecast(states: ReadonlyMap<Guid, EntryState>, at: number): Map<Guid, number> {
    // Offline, the next check waits for the browser to come back: no time to promise.
    if (!this.options.isOnline()) return new Map();
    const { budget } = this.options;
    // The check at `at` as it will be planned then: with what the budget holds then, and the pace's say.
    const plan = { available: budget.allowanceAt(at), routine: at >= this.notBefore };
    return forecastChecks(states, at, plan, budget.paceMs(1), this.options.listShapes.current(), this.pages);
  }

  private tell(schedule: ReadonlyMap<Guid, number>): void {
    if (this.told !== undefined && sameSchedule(schedule, this.told)) return;
    this.told = schedule;
    this.options.onSchedule?.(schedule);
  }

  private clearTimer(): void {
    if (this.timer !== undefined) this.options.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private states(now: number): Map<Guid, EntryState> {
    const { budget, historyOf, eagerChecks } = this.options;
    const context = { now, hidden: this.options.isHidden(), paceMs: budget.paceMs(1), historyOf, eagerChecks };
    return new Map([...this.entries].map(([id, entry]) => [id, entryState(entry, context)]));
  }

  private millisecondsToNextCheck(now: number, states: ReadonlyMap<Guid, EntryState>): number | undefined {
    const { budget } = this.options;
    // When the budget holds a call of each kind: the routine ones leave what it keeps back (rate-budget.ts).
    const freeAt = { urgent: budget.nextFreeAt(now, 'urgent'), due: budget.nextFreeAt(now, 'due'), eager: budget.nextFreeAt(now, 'eager') };
    const ready = nextReadyAt(states, now, this.pages, freeAt);
    if (ready === undefined) return undefined;
    // New IDs and pages wait only for the budget and a 429; routine checks for the pace as well.
    const pace = ready.urgent ? 0 : this.notBefore;
    return Math.max(ready.at, this.pausedUntil, pace, now) - now;
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
    if (now < this.pausedUntil) return this.reschedule();
    if (this.pausedUntil !== 0) {
      this.pausedUntil = 0;
      this.options.onPause?.(undefined);
    }

    const shape = this.options.listShapes.current();
    const plan = planCheck(this.states(now), now, { available: budget.allowance(now), routine: now >= this.notBefore }, shape, this.pages);
    this.pages = plan.pagesLeft;
    const calls = plan.listChunks.length + plan.pages.length + plan.singleReads.length;
    // Nothing the budget and the pace allow now: the next check waits for what they free (millisecondsToNextCheck).
    if (calls === 0) return this.reschedule();

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
      if (plan.routineCalls > 0) this.notBefore = now + Math.max(checkFloorMs, budget.paceMs(plan.routineCalls));
      this.checking = false;
      this.reschedule();
      this.readDueHistories();
    }
  }

  /** The histories of the watched actions' types not known within the day: read after the actions, through the budget. */
  private readDueHistories(): void {
    const { histories } = this.options;
    if (!histories || !this.active) return;
    const actions: MachineAction[] = [];
    for (const entry of this.entries.values()) if (entry.watched && entry.last?.watch.action) actions.push(entry.last.watch.action);
    for (const type of histories.due(actions)) {
      // Only while this poller runs: a read still waiting for the budget when it stops is not made.
      const whileActive = <T>(call: () => Promise<T>) => this.budgeted(() => (this.active ? call() : Promise.reject(new Error('stopped'))));
      void histories.read(type, whileActive).then((learnt) => {
        if (learnt) this.reschedule(); // the likelihoods changed
      });
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
    if (next.next && this.active) this.pages.push(next.next); // stopped: whoever polls next reads them afresh
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
    // No pause Defender could ask for is longer than Retry-After's cap: a longer one is a bad message.
    if (!Number.isFinite(until)) return;
    this.pausedUntil = Math.max(this.pausedUntil, Math.min(until, this.options.timers.now() + maxRetryAfterMs));
    this.reschedule();
  }
}

/** Longer waits than this overflow a timer (and would fire at once): the poller wakes, re-plans and waits again. */
const longestTimerMs = 2 ** 31 - 1;

function sameSchedule(first: ReadonlyMap<Guid, number>, second: ReadonlyMap<Guid, number>): boolean {
  if (first.size !== second.size) return false;
  for (const [id, at] of first) if (second.get(id) !== at) return false;
  return true;
}

/** An entry no check has answered for yet, watched. */
function newEntry(): WatchedEntry {
  return { watched: true, missingFromListSince: undefined };
}

function describeShape(shape: ListShape): string {
  if (shape.kind === 'single') return 'one action per call';
  return `with ${shape.kind === 'in' ? "'id in (…)'" : "'id eq … or id eq …'"} filters of at most ${shape.maxFilterLength} characters`;
}
