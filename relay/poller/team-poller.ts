import type { Redis } from 'ioredis';
import type { DefenderClient } from '../../core/defender/defender-client';
import { memoryHistoryStore, TypeHistories } from '../../core/polling/history/type-histories';
import type { Guid } from '../../core/lib/guid';
import { ActionPoller, type Timers } from '../../core/polling/scheduler/action-poller';
import { RateBudget, type BudgetLimits } from '../../core/polling/scheduler/rate-budget';
import type { ActionStates } from '../state/action-states';
import { toActionWatch, toCheckRecord } from '../state/check-record';
import type { LeaderLease } from '../state/leader-lease';
import type { Leases } from '../state/leases';
import type { RelayKeys } from '../state/keys';
import { redisListShapes } from '../state/list-shapes';
import { publishEvent } from '../state/relay-events';
import type { SharedBudget } from '../state/shared-budget';
import { repeatEvery } from './repeat';

export interface TeamPollerLog {
  info(message: string): void;
  warn(message: string): void;
}

export interface TeamPollerOptions {
  redis: Redis;
  /** The tenant's keys: its list shape and its channel. */
  keys: RelayKeys;
  lease: LeaderLease;
  leases: Leases;
  states: ActionStates;
  budget: SharedBudget;
  limits: BudgetLimits;
  defender: Pick<DefenderClient, 'getMachineAction' | 'listMachineActions' | 'getMachineActionsPage' | 'getActionHistory'>;
  leaderTtlMs: number;
  /** How often the leader re-reads the leases (it also hears of new ones at once over pub/sub). */
  scanMs: number;
  log: TeamPollerLog;
  now?: () => number;
  /** The timers (and, without `now`, the clock) the lease contest, the scans and the ActionPoller run on; by default the real ones. */
  timers?: Timers;
}

/** The share of each window the relay's routine checks leave (the browser's is 1 %): room for access checks. */
export const relayKeptShare = 0.05;

/**
 * Every replica runs one: it contests the leader lease, and while it holds it runs the app's own ActionPoller
 * over the union of the team's leases. Holding is judged by this replica's clock too: if it cannot renew
 * within the lease's TTL (Redis away), it stops polling, since someone else may hold the lease by then.
 */
export class TeamPoller {
  private readonly options: TeamPollerOptions;
  private readonly now: () => number;
  private poller: ActionPoller | undefined;
  /**
   * What this replica has learnt of each kind's durations (a read per type and day, with the app's token),
   * so that the planner gives the team's calls to the likeliest finishes, as the browser's does. In memory:
   * a replica that takes the lead reads them again, a call per watched type.
   */
  private readonly histories: TypeHistories;
  /** The leader's budget while it leads: what it spends, and what access checks spent elsewhere. */
  private budget: RateBudget | undefined;
  private ids: Guid[] = [];
  private renewedAt = 0;
  private stopTimers: (() => void)[] = [];
  private busy = false;
  private stopped = false;
  /** The calls of the checks under way, recorded in Redis: awaited on stop so the next leader counts them. */
  private recording = new Set<Promise<void>>();

  constructor(options: TeamPollerOptions) {
    this.options = options;
    const { timers } = options;
    this.now = options.now ?? (timers ? () => timers.now() : Date.now);
    this.histories = new TypeHistories({ store: memoryHistoryStore(this.now), readActions: (type, since) => options.defender.getActionHistory(type, since), now: this.now });
  }

  get isLeading(): boolean {
    return this.poller !== undefined;
  }

  start(): void {
    // A third of the TTL: two renewals may fail (a Redis blip) before the lease lapses.
    const { timers, leaderTtlMs, scanMs } = this.options;
    this.stopTimers.push(repeatEvery(timers, Math.max(100, Math.floor(leaderTtlMs / 3)), () => void this.contest()));
    this.stopTimers.push(repeatEvery(timers, scanMs, () => void this.refreshIds()));
    void this.contest();
  }

  /** Stops polling and, when `release`, hands the lease over at once instead of letting it lapse. */
  async stop(release: boolean): Promise<void> {
    this.stopped = true;
    for (const stopTimer of this.stopTimers) stopTimer();
    const wasLeading = this.isLeading;
    this.demote();
    await Promise.allSettled(this.recording);
    if (release && wasLeading) await this.options.lease.release().catch(() => undefined);
  }

  /** Defender throttled a read outside the poller (an access check): the leader waits too. */
  pauseUntil(until: number): void {
    this.poller?.pauseUntil(until);
  }

  /** Calls made outside the poller (access checks, counted in Redis already): the leader's budget counts them. */
  spentElsewhere(count: number): void {
    this.budget?.mirror(this.now(), count);
  }

  /** New leases were taken somewhere: the leader reads them now. */
  leasesChanged(): void {
    if (this.isLeading) void this.refreshIds();
  }

  private async contest(): Promise<void> {
    if (this.busy || this.stopped) return;
    this.busy = true;
    try {
      if (this.isLeading && this.now() - this.renewedAt > this.options.leaderTtlMs) this.demote('its lease could not be renewed in time');
      let holds: boolean;
      try {
        holds = await this.options.lease.hold();
      } catch {
        return; // Redis is away: the clock check above decides when to let go
      }
      if (this.stopped) return;
      if (holds) {
        this.renewedAt = this.now();
        if (!this.isLeading) await this.promote();
      } else {
        this.demote('another replica holds the lease');
      }
    } finally {
      this.busy = false;
    }
  }

  private async promote(): Promise<void> {
    const { redis, keys, budget, limits, log } = this.options;
    const now = this.now();
    let seeded: Awaited<ReturnType<SharedBudget['spent']>> = [];
    let pausedUntil: number | undefined;
    try {
      [seeded, pausedUntil] = await Promise.all([budget.spent(now), budget.pausedUntil(now)]);
    } catch (error) {
      log.warn(`Could not read the shared budget, not polling yet: ${(error as Error).message}`);
      return;
    }
    // The team's access checks (a read with an analyst's own token for each ID they watch) come from the same
    // budget: routine checks leave them 5 % of each window, eager ones 10 % (rate-budget.ts's CallKind).
    const rateBudget = new RateBudget(limits, (_at, count) => this.record(count), { keptShare: relayKeptShare });
    for (const calls of seeded) rateBudget.mirror(calls.at, calls.count);
    const poller = new ActionPoller({
      defender: this.options.defender,
      budget: rateBudget,
      listShapes: await redisListShapes(redis, keys, (error) => log.warn(`Could not keep the list shape: ${error.message}`)),
      ...(this.options.timers ? { timers: this.options.timers } : {}),
      report: (message) => log.info(message),
      histories: this.histories,
      onCheck: (id, watch, checkedAt) => void this.publish(id, watch, checkedAt),
      onPause: (until) => {
        budget.pause(until, this.now()).catch((error: Error) => log.warn(`Could not share the 429 pause: ${error.message}`));
        publishEvent(redis, keys, { type: 'paused', until: until ?? null }).catch(() => undefined);
      },
    });
    if (pausedUntil !== undefined) poller.pauseUntil(pausedUntil);
    this.poller = poller;
    this.budget = rateBudget;
    this.ids = [];
    log.info('This replica polls Defender for the team now.');
    poller.start();
    await this.refreshIds();
  }

  private demote(why?: string): void {
    if (!this.poller) return;
    this.poller.stop();
    this.poller = undefined;
    this.budget = undefined;
    this.ids = [];
    if (why) this.options.log.warn(`This replica stopped polling: ${why}.`);
  }

  private record(count: number): void {
    const recorded = this.options.budget.record(count).catch((error: Error) => this.options.log.warn(`Could not count calls in Redis: ${error.message}`));
    this.recording.add(recorded);
    void recorded.finally(() => this.recording.delete(recorded));
  }

  private async publish(id: Guid, watch: Parameters<typeof toCheckRecord>[1], checkedAt: number): Promise<void> {
    const record = toCheckRecord(id, watch, checkedAt);
    try {
      await this.options.states.save(record);
      await publishEvent(this.options.redis, this.options.keys, { type: 'checked', record });
    } catch (error) {
      this.options.log.warn(`Could not share the check of ${id}: ${(error as Error).message}`);
    }
  }

  /** The leased IDs become the poller's; the ones it has not seen yet learn their last check from Redis first. */
  private async refreshIds(): Promise<void> {
    const poller = this.poller;
    if (!poller) return;
    let live: Guid[];
    try {
      live = await this.options.leases.live(this.now());
    } catch {
      return; // Redis is away: keep polling what was leased
    }
    const before = new Set(this.ids);
    const added = live.filter((id) => !before.has(id));
    const known = await this.options.states.read(added).catch(() => new Map<Guid, never>());
    if (poller !== this.poller) return; // demoted meanwhile
    this.ids = live;
    poller.setIds(live);
    // Learnt after setIds (learn needs the entry) and before its timer fires: a final action is not read again.
    for (const [id, record] of known) poller.learn(id, toActionWatch(record), record.checkedAt);
    poller.reschedule();
  }
}
