// The polling benchmark's two runs: the app (one board in each of three tabs) and the naive poller, each
// against a freshly reset simulator holding the same 20-action incident, for one simulated hour.
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { seededActions } from '../../../sim/seed.ts';
import { isDefenderRead } from '../../../sim/testing/logged-reads.ts';
import { signInThroughApp } from '../../../sim/testing/sign-in-through-app.ts';
import type { BenchTarget } from '../harness/bench-server.ts';
import { simulatorBody, type ScenarioAction } from '../harness/scenario-action.ts';
import { SimulatedTime } from '../harness/simulated-time.ts';
import { boardFinalShownAt, boardObserverScript } from './board-observer.ts';
import { naiveFinalSeenAt, startNaivePoller } from './naive-poller.ts';
import { scenarioActions } from './scenario.ts';

export interface PollingRun {
  /** Every Defender GET (single reads and list calls) the simulator saw in the hour. */
  callTimes: number[];
  throttled: number;
  /** Per action: when it finished in the simulator, and when the slowest tab showed it (undefined: never). */
  finishes: { action: ScenarioAction; finishedAt: number; shownAt: number | undefined }[];
}

// One simulated hour; BENCH_POLLING_MINUTES shortens it for a quick look while working on the poller.
const hourMs = Number(process.env.BENCH_POLLING_MINUTES ?? 60) * 60_000;
const stepMs = 1_000;
const tabs = 3;
const seededSucceeded = seededActions.investigationPackage; // Succeeded: read once, then left alone

/** Creates the incident's actions; returns when each was created (simulated time). */
async function createIncident(target: BenchTarget, actions: ScenarioAction[]): Promise<Map<string, number>> {
  const created = new Map<string, number>();
  for (const action of actions) {
    const answer = await target.simulator.createAction(simulatorBody(action));
    created.set(action.id, Date.parse(answer.creationDateTimeUtc));
  }
  await target.simulator.clearRequests(); // from here on, every call counts
  return created;
}

/** Steps simulated time a second at a time until `until`, saying every ten simulated minutes how far it is. */
async function runUntil(time: SimulatedTime, until: number, progress: (minutesLeft: number) => void): Promise<void> {
  let reported: number | undefined;
  await time.runUntil(until, stepMs, (now) => {
    const minutesLeft = Math.ceil((until - now) / 600_000) * 10;
    if (minutesLeft !== reported) progress((reported = minutesLeft));
  });
}

async function defenderCalls(target: BenchTarget, from: number, until: number): Promise<{ callTimes: number[]; throttled: number }> {
  const reads = (await target.simulator.requests()).filter(isDefenderRead);
  const inHour = reads.filter((request) => Date.parse(request.at) >= from && Date.parse(request.at) < until);
  return { callTimes: inHour.map((request) => Date.parse(request.at)).sort((a, b) => a - b), throttled: inHour.filter((request) => request.status === 429).length };
}

/** The promise's value, or an error naming what did not come within the time. */
function withinSeconds<T>(promise: Promise<T>, seconds: number, what: string): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} did not come within ${seconds} s`)), seconds * 1000).unref())]);
}

type Combine = (times: (number | undefined)[]) => number | undefined;

/** A board shows an action once every tab shows it. */
const whenAllTabs: Combine = (times) => (times.includes(undefined) ? undefined : Math.max(...(times as number[])));
/** The naive poller knows once any tab has seen it. */
const whenAnyTab: Combine = (times) => {
  const seen = times.filter((time) => time !== undefined);
  return seen.length > 0 ? Math.min(...seen) : undefined;
};

function finishesOf(actions: ScenarioAction[], created: Map<string, number>, byTab: Record<string, number>[], combine: Combine): PollingRun['finishes'] {
  return actions.map((action) => ({
    action,
    finishedAt: (created.get(action.id) ?? 0) + action.finishesAfterMs,
    shownAt: combine(byTab.map((byId) => byId[action.id])),
  }));
}

async function openContext(browser: Browser, target: BenchTarget): Promise<{ context: BrowserContext; time: SimulatedTime }> {
  const context = await browser.newContext();
  const time = await SimulatedTime.start(context, target.simulator, target.apiBaseUrl);
  return { context, time };
}

/** The app: the board open in three tabs of one browser, signed in as the analyst. */
export async function runApp(browser: Browser, target: BenchTarget, progress: (line: string) => void): Promise<PollingRun> {
  const actions = scenarioActions(1);
  await target.simulator.reset();
  const { context, time } = await openContext(browser, target);
  try {
    await context.addInitScript(boardObserverScript);
    const pages: Page[] = [];
    for (let tab = 0; tab < tabs; tab += 1) {
      const page = await context.newPage();
      await signInThroughApp(page, `${target.appUrl}/board`);
      pages.push(page);
    }
    const visibility = await Promise.all(pages.map((page) => page.evaluate(() => document.visibilityState)));
    progress(`app: three tabs signed in on the board (${visibility.join(', ')}); the incident starts`);
    const created = await createIncident(target, actions);
    const start = Math.min(...created.values());
    // The analyst pastes the ticket's IDs into one tab; the other tabs' boards follow through storage.
    await pages[0].getByLabel('Paste action IDs').fill(`INC-4242\n${actions.map((action) => action.id).join('\n')}`);
    await pages[0].getByRole('button', { name: 'Watch these' }).click();
    await runUntil(time, start + hourMs, (left) => progress(`app: ${left} simulated minutes to go`));
    const shown = await Promise.all(pages.map(boardFinalShownAt));
    return { ...(await defenderCalls(target, start, start + hourMs)), finishes: finishesOf(actions, created, shown, whenAllTabs) };
  } finally {
    await context.close();
  }
}

/** The naive poller in three tabs, with the token the app was given when it signed in. */
export async function runNaive(browser: Browser, target: BenchTarget, progress: (line: string) => void): Promise<PollingRun> {
  const actions = scenarioActions(2);
  await target.simulator.reset();
  const { context, time } = await openContext(browser, target);
  try {
    const first = await context.newPage();
    const authorization = new Promise<string>((resolve) => {
      first.on('request', (request) => {
        const header = request.headers().authorization;
        if (header && request.url().startsWith(target.apiBaseUrl)) resolve(header);
      });
    });
    await signInThroughApp(first, `${target.appUrl}/actions/${seededSucceeded}`);
    const pages = [first, ...(await Promise.all(Array.from({ length: tabs - 1 }, () => context.newPage())))];
    for (const page of pages) await page.goto(`${target.appUrl}/`); // the start page makes no Defender calls of its own
    progress('naive: three tabs open; the incident starts');
    const created = await createIncident(target, actions);
    const start = Math.min(...created.values());
    const options = { apiBaseUrl: target.apiBaseUrl, authorization: await withinSeconds(authorization, 30, 'the app\'s first Defender call'), ids: actions.map((action) => action.id), intervalMs: 5_000 };
    for (const page of pages) await startNaivePoller(page, options);
    await runUntil(time, start + hourMs, (left) => progress(`naive: ${left} simulated minutes to go`));
    const seen = await Promise.all(pages.map(naiveFinalSeenAt));
    return { ...(await defenderCalls(target, start, start + hourMs)), finishes: finishesOf(actions, created, seen, whenAnyTab) };
  } finally {
    await context.close();
  }
}
