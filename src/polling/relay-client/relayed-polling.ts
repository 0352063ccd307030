import type { Guid } from '../../../core/lib/guid';
import type { ActionPoller } from '../../../core/polling/scheduler/action-poller';
import { toActionWatch } from '../../../core/polling/watch/check-record';
import { pollTimings } from '../../../core/polling/pacing/next-poll-delay';
import { relayNotServing, type RelayLink, type RelayNews, type RelayState } from './relay-link';
import type { ActionWatch } from '../../../core/polling/watch/watch-state';

export interface RelayedPollingOptions {
  /** This tab's own poller: it polls only while the relay does not answer, within this browser's share. */
  direct: Pick<ActionPoller, 'setIds' | 'learn' | 'start' | 'stop' | 'recheck' | 'reschedule' | 'pauseUntil'>;
  /** The stream to the relay; its events and states come back through `relayEvent` and `relayState`. */
  link: Pick<RelayLink, 'setIds' | 'start' | 'stop'>;
  /** Every result, the relay's and the direct poller's, for this tab and the others. */
  onCheck: (id: Guid, watch: ActionWatch, checkedAt: number) => void;
  onRelayState: (state: RelayState, reason?: string) => void;
  now?: () => number;
  random?: () => number;
}

/**
 * What the tab that leads the polling runs when config.json names a team relay: the relay's stream while it
 * answers, and this browser's own poller, within its own share of the quota, while it does not. What the
 * relay sends is fed to the direct poller too, so that a fall back starts from what is known (a finished
 * action is never read again) rather than from nothing.
 */
export class RelayedPolling {
  private readonly options: RelayedPollingOptions;
  private readonly now: () => number;
  private leading = false;
  private state: RelayState = 'connecting';
  private ids: Guid[] = [];

  constructor(options: RelayedPollingOptions) {
    this.options = options;
    this.now = options.now ?? Date.now;
  }

  setIds(ids: Iterable<Guid>): void {
    this.ids = [...ids];
    this.options.direct.setIds(this.ids);
    this.options.link.setIds(this.ids);
  }

  learn(id: Guid, watch: ActionWatch, checkedAt: number): void {
    this.options.direct.learn(id, watch, checkedAt);
  }

  start(): void {
    this.leading = true;
    this.options.link.start();
    if (relayNotServing(this.state)) this.options.direct.start();
  }

  stop(): void {
    this.leading = false;
    this.options.link.stop();
    this.options.direct.stop();
  }

  /** "Check again": the direct poller reads it at once; through the relay, the watch is sent again. */
  recheck(id: Guid): void {
    if (this.state === 'connected') this.options.link.setIds(this.ids);
    else this.options.direct.recheck(id);
  }

  reschedule(): void {
    this.options.direct.reschedule();
  }

  pauseUntil(until: number): void {
    this.options.direct.pauseUntil(until);
  }

  /** The link's events, as RelayLinkOptions.onEvent. */
  relayEvent(event: RelayNews): void {
    if (event.event === 'action') {
      const record = event.data;
      const watch = toActionWatch(record, this.options.random);
      this.options.direct.learn(record.id, watch, record.checkedAt);
      this.options.onCheck(record.id, watch, record.checkedAt);
    } else if (event.event === 'denied') {
      this.options.onCheck(event.data.id, deniedWatch(event.data.reason, this.now()), this.now());
    }
  }

  /** The link's states, as RelayLinkOptions.onState: polls directly while the relay is unreachable. */
  relayState(state: RelayState, reason?: string): void {
    this.state = state;
    this.options.onRelayState(state, reason);
    if (!this.leading) return;
    if (relayNotServing(state)) this.options.direct.start();
    else if (state === 'connected') this.options.direct.stop();
  }
}

/**
 * An action the analyst's own account may not read, as the relay's access check found: shown as the
 * not-found or forbidden problem a direct read would have met, its grace over, so that it is not rechecked.
 */
function deniedWatch(reason: 'not-found' | 'forbidden', now: number): ActionWatch {
  const message = 'The team relay checked this action with your own account, which cannot read it.';
  return {
    action: undefined,
    readAt: undefined,
    failure: { problem: { kind: reason, message }, count: 1, since: now - pollTimings.notFoundGraceMs - 1, lastAt: now },
    history: [],
    jitter: 0.5,
  };
}
