import type { BrowserContext, Request } from '@playwright/test';
import type { SimulatorClient } from '../../../sim/testing/simulator-client.ts';

// Simulated time for a benchmark: Playwright's clock in every page of one browser context, and the
// simulator's clock, moved forward together. While pages sign in, their clocks run by themselves; from the
// first step on they are paused and move only when told, all together (left running, a background tab's
// clock falls behind the others). The simulator's clock keeps running with real time, so every step
// brings both to one target: the later of the two, plus the step. The simulator moves first, so that a
// check the page sends during a step never finds the simulator behind the page.

async function simulatorNow(simulator: SimulatorClient): Promise<number> {
  return Date.parse((await simulator.clock()).now);
}

export class SimulatedTime {
  private inFlight = 0;
  /** The pages' time, once paused; undefined while their clocks still run by themselves. */
  private pagesNow: number | undefined;
  private readonly context: BrowserContext;
  private readonly simulator: SimulatorClient;

  private constructor(context: BrowserContext, simulator: SimulatorClient, apiBaseUrl: string) {
    this.context = context;
    this.simulator = simulator;
    const isApiCall = (request: Request) => request.url().startsWith(apiBaseUrl);
    context.on('request', (request) => {
      if (isApiCall(request)) this.inFlight += 1;
    });
    const done = (request: Request) => {
      if (isApiCall(request)) this.inFlight -= 1;
    };
    context.on('requestfinished', done);
    context.on('requestfailed', done);
  }

  /** Installs Playwright's clock in the context at the simulator's time: call it before opening a page. */
  static async start(context: BrowserContext, simulator: SimulatorClient, apiBaseUrl: string): Promise<SimulatedTime> {
    await context.clock.install({ time: await simulatorNow(simulator) });
    return new SimulatedTime(context, simulator, apiBaseUrl);
  }

  /** The simulator's time now, which the pages share. */
  now(): Promise<number> {
    return simulatorNow(this.simulator);
  }

  /**
   * Moves both clocks forward by about `ms` and waits until the calls that set off have been answered (a
   * short step: the app's 20 s request timeout runs on the page's clock too).
   */
  async advance(ms: number): Promise<void> {
    const pagesNow = this.pagesNow ?? (await this.latestPageTime());
    const simulatorAt = await simulatorNow(this.simulator);
    const target = Math.max(pagesNow, simulatorAt) + ms;
    await this.simulator.advanceClock(target - simulatorAt);
    if (this.pagesNow === undefined) await this.context.clock.pauseAt(target);
    else await this.context.clock.fastForward(target - pagesNow);
    this.pagesNow = target;
    await this.settle();
  }

  /** Steps both clocks, `stepMs` at a time (less for the last step), until the simulator's clock reads `until`. */
  async runUntil(until: number, stepMs: number, onStep?: (now: number) => void): Promise<void> {
    for (let now = await this.now(); now < until; now = await this.now()) {
      await this.advance(Math.min(stepMs, until - now));
      onStep?.(now);
    }
  }

  private async latestPageTime(): Promise<number> {
    const pages = this.context.pages();
    if (pages.length === 0) throw new Error('Simulated time needs an open page');
    return Math.max(...(await Promise.all(pages.map((page) => page.evaluate('Date.now()') as Promise<number>))));
  }

  private async settle(): Promise<void> {
    // A few milliseconds for a timer's fetch to start, then until the simulator has answered every call.
    await new Promise((resolve) => setTimeout(resolve, 5));
    for (let waited = 0; this.inFlight > 0 && waited < 5_000; waited += 5) await new Promise((resolve) => setTimeout(resolve, 5));
    if (this.inFlight > 0) console.warn(`  (a step went on with ${this.inFlight} call(s) still unanswered after 5 s)`);
    // What came back is rendered: TanStack Query hands results to React on a zero-delay timer, which a
    // paused clock fires only when asked.
    await this.context.clock.runFor(0);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
