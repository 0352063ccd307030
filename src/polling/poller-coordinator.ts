import type { Guid } from '../lib/guid';
import type { ActionPoller } from './action-poller';
import { isPollerMessage, type PollerMessage } from './poller-messages';
import { joinLeaderElection, type LockManagerLike } from './tab-leadership';
import type { ActionWatch } from './watch-state';

export interface CoordinatorOptions {
  /** This tab's poller; it runs only while this tab leads. */
  poller: Pick<ActionPoller, 'setIds' | 'learn' | 'start' | 'stop' | 'recheck' | 'reschedule'>;
  channel: Pick<BroadcastChannel, 'postMessage' | 'addEventListener' | 'removeEventListener' | 'close'>;
  /** Results for this tab, whoever polled them. */
  onCheck: (id: Guid, watch: ActionWatch, checkedAt: number) => void;
  onPause: (until: number | undefined) => void;
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
 */
export class PollerCoordinator {
  private readonly options: CoordinatorOptions;
  private readonly tab: string;
  private readonly now: () => number;
  private readonly interests = new Map<string, { ids: Guid[]; visible: boolean; heardAt: number }>();
  private localIds: Guid[] = [];
  private leading = false;
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
    this.options.channel.removeEventListener('message', this.listener as EventListener);
  }

  get isLeading(): boolean {
    return this.leading;
  }

  /** The actions this tab shows (its board and its open action page). */
  setLocalIds(ids: Guid[]): void {
    this.localIds = [...new Set(ids)];
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

  /** "Check again": forget the action and read it at once, wherever the poller runs. */
  recheck(id: Guid): void {
    if (this.leading) this.options.poller.recheck(id);
    else this.post({ type: 'recheck', id });
  }

  private post(message: PollerMessage): void {
    this.options.channel.postMessage(message);
  }

  private becomeLeader(): void {
    this.leading = true;
    this.options.onLeadingChange?.(true);
    this.post({ type: 'hello', tab: this.tab });
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
    this.options.onCheck(id, watch, checkedAt);
    this.post({ type: 'checked', id, watch, checkedAt });
  }

  publishPause(until: number | undefined): void {
    this.options.onPause(until);
    this.post({ type: 'paused', until });
  }

  private receive(data: unknown): void {
    if (!isPollerMessage(data)) return;
    switch (data.type) {
      case 'interest':
        this.interests.set(data.tab, { ids: data.ids, visible: data.visible, heardAt: this.now() });
        this.updatePollerIds();
        if (this.leading) this.options.poller.reschedule();
        break;
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
        this.options.poller.learn(data.id, data.watch, data.checkedAt);
        this.options.onCheck(data.id, data.watch, data.checkedAt);
        break;
      case 'paused':
        this.options.onPause(data.until);
        break;
    }
  }
}
