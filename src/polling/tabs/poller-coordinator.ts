import type { Guid } from '../../../core/lib/guid';
import type { ActionPoller } from '../../../core/polling/scheduler/action-poller';
import { isPollerMessage, maxCallsInMessage, maxScheduleEntries, type KnownWatch, type PollerMessage, type ScheduleEntry } from './poller-messages';
import type { RateBudget } from '../../../core/polling/scheduler/rate-budget';
import { joinLeaderElection, type LockManagerLike } from './tab-leadership';
import type { ActionWatch } from '../../../core/polling/watch/watch-state';

export interface CoordinatorOptions {
  /** This tab's poller; it runs only while this tab leads. */
  poller: Pick<ActionPoller, 'setIds' | 'learn' | 'start' | 'stop' | 'recheck' | 'reschedule' | 'pauseUntil'>;
  /** This tab's budget; it counts every tab's calls, as the quota does. Its own calls come via `publishSpent`. */
  budget: Pick<RateBudget, 'mirror' | 'merge' | 'spentCalls'>;
  channel: Pick<BroadcastChannel, 'postMessage' | 'addEventListener' | 'removeEventListener' | 'close'>;
  /** Results for this tab, whoever polled them. */
  onCheck: (id: Guid, watch: ActionWatch, checkedAt: number) => void;
  onPause: (until: number | undefined) => void;
  /** When each watched action will be checked next, whichever tab polls (empty while no tab's poller does). */
  onSchedule?: (schedule: ReadonlyMap<Guid, number>) => void;
  onLeadingChange?: (leading: boolean) => void;
  /** Whether this tab is on screen; the leader polls at the pace of the most visible tab. */
  isVisible?: () => boolean;
  locks?: LockManagerLike;
  lockName?: string;
  now?: () => number;
  tabId?: string;
}

/** A tab that has not spoken for this long is gone (it closed without saying so). */
export const tabSilenceMs = 90_000;
export const heartbeatMs = 30_000;

/**
 * One poller across tabs: the tabs elect a leader (Web Locks); every tab tells the others which actions
 * it watches; the leader polls the union and broadcasts each result, so ten tabs cost what one costs.
 * What the polling tab knows is every tab's: a tab that joins is caught up at once (final actions are
 * never read again), and the 429 pause and the calls spent count in every tab, so whoever polls next
 * keeps to them.
 */
export class PollerCoordinator {
  private readonly options: CoordinatorOptions;
  private readonly tab: string;
  private readonly now: () => number;
  private readonly interests = new Map<string, { ids: Guid[]; visible: boolean; heardAt: number }>();
  /** The latest check of every action this tab has heard of, whoever made it: a joining tab is given it. */
  private readonly known = new Map<Guid, { watch: ActionWatch; checkedAt: number }>();
  /** The 429 pause, whichever tab met it: a tab that takes over the polling keeps to it. */
  private pausedUntil: number | undefined;
  /** The polling tab's latest schedule, for the pages here and a tab that joins. */
  private schedule: ScheduleEntry[] = [];
  private localIds: Guid[] = [];
  private leading = false;
  /** Stopped for good: a check still under way when the tab left tells no one (the channel is closing). */
  private stopped = false;
  private leave: () => void = () => {};
  private readonly listener = (event: MessageEvent) => this.receive(event.data);

  constructor(options: CoordinatorOptions) {
    this.options = options;
    this.tab = options.tabId ?? crypto.randomUUID();
    this.now = options.now ?? Date.now;
  }

  start(): void {
    this.options.channel.addEventListener('message', this.listener as EventListener);
    this.announce();
    this.leave = joinLeaderElection(this.options.lockName ?? 'machine-action-watch:poller', () => this.becomeLeader(), this.options.locks);
  }

  stop(): void {
    this.leave();
    this.options.poller.stop();
    this.leading = false;
    this.post({ type: 'leaving', tab: this.tab });
    this.stopped = true;
    this.options.channel.removeEventListener('message', this.listener as EventListener);
  }

  get isLeading(): boolean {
    return this.leading;
  }

  /** The actions this tab shows (its board and its open action page). */
  setLocalIds(ids: Guid[]): void {
    const before = new Set(this.localIds);
    this.localIds = [...new Set(ids)];
    // A page shown again may find its cache entry collected while nothing showed it, and a final action
    // is never read again: it is given what this tab knows.
    for (const id of this.localIds) if (!before.has(id)) this.showKnown(id);
    this.announce();
    this.updatePollerIds();
  }

  /** Keeps this tab's interest alive at the leader; the app calls it every `heartbeatMs`. */
  heartbeat(): void {
    this.announce();
    this.updatePollerIds();
  }

  private announce(): void {
    this.post({ type: 'interest', tab: this.tab, ids: this.localIds, visible: this.isVisibleHere() });
  }

  private isVisibleHere(): boolean {
    return this.options.isVisible?.() ?? true;
  }

  /** Whether any tab is on screen: then nobody's watch should be polled at the hidden-tab pace. */
  anyTabVisible(): boolean {
    if (this.isVisibleHere()) return true;
    const now = this.now();
    for (const interest of this.interests.values()) if (interest.visible && now - interest.heardAt <= tabSilenceMs) return true;
    return false;
  }

  /** This tab was shown or hidden: tell the leader, which may change its pace. */
  visibilityChanged(): void {
    this.announce();
    this.options.poller.reschedule();
  }

  /** Someone signed in again (in any tab): the actions whose checks stopped at "sign in again" are read anew. */
  retrySignInFailures(): void {
    for (const [id, { watch }] of this.known) if (watch.failure?.problem.kind === 'sign-in-required') this.recheck(id);
  }

  /** "Check again": forget the action and read it at once, wherever the poller runs. */
  recheck(id: Guid): void {
    if (this.leading) this.options.poller.recheck(id);
    else this.post({ type: 'recheck', id });
  }

  private post(message: PollerMessage): void {
    if (this.stopped) return;
    this.options.channel.postMessage(message);
  }

  private becomeLeader(): void {
    this.leading = true;
    this.options.onLeadingChange?.(true);
    this.post({ type: 'hello', tab: this.tab });
    // The last leader's plan is no longer anyone's: this tab's poller tells its own (none, while the relay polls).
    this.publishSchedule(new Map());
    this.updatePollerIds();
    this.options.poller.start();
  }

  /** Every tab tracks the union, so that a tab taking over already knows the last results. */
  private updatePollerIds(): void {
    const now = this.now();
    const ids = new Set(this.localIds);
    for (const [tab, interest] of this.interests) {
      if (now - interest.heardAt > tabSilenceMs) this.interests.delete(tab);
      else for (const id of interest.ids) ids.add(id);
    }
    this.options.poller.setIds(ids);
  }

  /** What the poller found: shown here and sent to every other tab. */
  publishCheck(id: Guid, watch: ActionWatch, checkedAt: number): void {
    this.remember({ id, watch, checkedAt });
    this.options.onCheck(id, watch, checkedAt);
    this.post({ type: 'checked', id, watch, checkedAt });
  }

  publishPause(until: number | undefined): void {
    this.pausedUntil = until;
    this.options.onPause(until);
    this.post({ type: 'paused', until });
  }

  /** The planner's schedule, when this tab polls: shown here and sent to every other tab. */
  publishSchedule(schedule: ReadonlyMap<Guid, number>): void {
    // Cut to what the other tabs believe: a longer list they would refuse whole, and keep the old one.
    this.scheduleHere([...schedule].slice(0, maxScheduleEntries));
    this.post({ type: 'schedule', entries: this.schedule });
  }

  private scheduleHere(entries: ScheduleEntry[]): void {
    this.schedule = entries;
    this.options.onSchedule?.(new Map(entries));
  }

  /** Calls this tab made (the poller's or a one-off), for every other tab's budget. */
  publishSpent(at: number, count: number): void {
    this.post({ type: 'spent', at, count });
  }

  /** Keeps the newer of two checks: news of an older one can arrive late. Returns whether it was news. */
  private remember({ id, watch, checkedAt }: KnownWatch): boolean {
    const known = this.known.get(id);
    if (known && known.checkedAt > checkedAt) return false;
    this.known.set(id, { watch, checkedAt });
    return true;
  }

  /** A check made elsewhere, shown here and kept by the poller, should this tab take over. */
  private learn(check: KnownWatch): void {
    if (!this.remember(check)) return;
    this.options.poller.learn(check.id, check.watch, check.checkedAt);
    this.options.onCheck(check.id, check.watch, check.checkedAt);
  }

  private showKnown(id: Guid): void {
    const known = this.known.get(id);
    if (known) this.options.onCheck(id, known.watch, known.checkedAt);
  }

  private pauseHere(until: number | undefined): void {
    this.pausedUntil = until;
    if (until !== undefined) this.options.poller.pauseUntil(until);
    this.options.onPause(until);
  }

  /** The leader hands a tab that joins (or wants new IDs) what it knows of them at once: no read needed. */
  private catchUp(tab: string, ids: Iterable<Guid>): void {
    const watches: KnownWatch[] = [];
    for (const id of ids) {
      const known = this.known.get(id);
      if (known) watches.push({ id, ...known });
    }
    const spent = this.options.budget.spentCalls(this.now()).slice(-maxCallsInMessage);
    this.post({ type: 'catch-up', for: tab, watches, pausedUntil: this.pausedUntil, spent, schedule: this.schedule });
  }

  /** The IDs a tab's interest adds to what it said before; every one of them when it is new to this tab. */
  private newlyWanted(tab: string, ids: Guid[]): Guid[] | undefined {
    const before = this.interests.get(tab);
    if (!before) return ids;
    const had = new Set(before.ids);
    const added = ids.filter((id) => !had.has(id));
    return added.length > 0 ? added : undefined;
  }

  private receive(data: unknown): void {
    if (!isPollerMessage(data)) return;
    switch (data.type) {
      case 'interest': {
        const added = this.newlyWanted(data.tab, data.ids);
        this.interests.set(data.tab, { ids: data.ids, visible: data.visible, heardAt: this.now() });
        if (this.leading && added) this.catchUp(data.tab, added);
        this.updatePollerIds();
        if (this.leading) this.options.poller.reschedule();
        break;
      }
      case 'recheck':
        if (this.leading) this.options.poller.recheck(data.id);
        break;
      case 'leaving':
        this.interests.delete(data.tab);
        this.updatePollerIds();
        break;
      case 'hello':
        this.announce();
        break;
      case 'checked':
        this.learn(data);
        break;
      case 'paused':
        this.pauseHere(data.until);
        break;
      case 'spent':
        this.options.budget.mirror(data.at, data.count);
        break;
      case 'catch-up':
        if (data.for !== this.tab) break;
        for (const check of data.watches) this.learn(check);
        this.options.budget.merge(data.spent);
        if (data.pausedUntil !== undefined && data.pausedUntil > (this.pausedUntil ?? 0)) this.pauseHere(data.pausedUntil);
        if (data.schedule !== undefined && !this.leading) this.scheduleHere(data.schedule);
        break;
      case 'schedule':
        if (!this.leading) this.scheduleHere(data.entries);
        break;
    }
  }
}
