// Simulated time for the app's poller in Node (the pace benchmark) and for the relay's (the team benchmark):
// timers fire in order of their due time, as fast as the calls they set off are answered, and the
// simulator's clock is moved to each due time before it fires. An hour of polling takes seconds, and the
// poller's code is the app's, unchanged.
import type { SimulatorClient } from '../../../sim/testing/simulator-client.ts';
import type { Timers } from '../../../core/polling/scheduler/action-poller.ts';

interface Scheduled {
  at: number;
  order: number;
  callback: () => void | Promise<void>;
}

export class EventTimers implements Timers {
  private current: number;
  private order = 0;
  private queue: Scheduled[] = [];
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly simulator: SimulatorClient;

  constructor(simulator: SimulatorClient, start: number) {
    this.simulator = simulator;
    this.current = start;
  }

  now = (): number => this.current;

  setTimeout = (callback: () => void, ms: number): unknown => this.schedule(this.current + Math.max(0, ms), callback);

  clearTimeout = (handle: unknown): void => {
    this.queue = this.queue.filter((entry) => entry !== handle);
  };

  /** Something to happen at a simulated time (an action created, say), in order with the poller's timers. */
  schedule(at: number, callback: () => void | Promise<void>): Scheduled {
    const entry = { at, order: (this.order += 1), callback };
    this.queue.push(entry);
    return entry;
  }

  /** Counts a call in flight: time does not move on until it is answered. */
  track<T>(promise: Promise<T>): Promise<T> {
    this.inFlight.add(promise);
    void promise.finally(() => this.inFlight.delete(promise)).catch(() => {});
    return promise;
  }

  /** Runs every event due before `until`, moving the simulator's clock with them. */
  async runUntil(until: number): Promise<void> {
    for (;;) {
      await this.settle();
      this.queue.sort((a, b) => a.at - b.at || a.order - b.order);
      const next = this.queue[0];
      if (next === undefined || next.at >= until) break;
      this.queue.shift();
      await this.moveSimulatorTo(next.at);
      this.current = Math.max(this.current, next.at);
      await next.callback();
    }
    this.current = until;
  }

  private async settle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    // A poller's check awaits its calls, then re-plans: let those continuations run before the next event.
    await new Promise((resolve) => setImmediate(resolve));
    if (this.inFlight.size > 0) await this.settle();
  }

  /** The simulator's clock runs with real time too: it is only ever moved forward, to the event's time. */
  private async moveSimulatorTo(at: number): Promise<void> {
    const simulatorNow = Date.parse((await this.simulator.clock()).now);
    if (at > simulatorNow) await this.simulator.advanceClock(at - simulatorNow);
  }
}
