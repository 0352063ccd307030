// Memory: the board watches 20 actions (scenario.ts) for 8 simulated hours in one tab, with
// Playwright's clock and the simulator's moved in step; the page's JS heap is weighed after forced garbage
// collection once the first simulated minute is over (the baseline: the app loaded, signed in, the board
// drawn and its first reads in) and then every simulated hour. The figure is the growth at 8 hours.
import type { CDPSession, Page } from '@playwright/test';
import { isDefenderRead } from '../../../sim/testing/logged-reads.ts';
import { signInThroughApp } from '../../../sim/testing/sign-in-through-app.ts';
import type { BenchTarget } from '../harness/bench-server.ts';
import { launchBenchBrowser } from '../harness/browser.ts';
import { simulatorBody } from '../harness/scenario-action.ts';
import { SimulatedTime } from '../harness/simulated-time.ts';
import { memoryActions } from './scenario.ts';

const minuteMs = 60_000;
const hourMs = 60 * minuteMs;
const hours = 8;
/** Never 20 s or more: the app's 20 s request timeout runs on the page's clock and would fire in a step. */
const stepMs = 10_000;

/** 10^6 bytes: the stricter reading of a budget in MB. */
export const megabytes = (bytes: number) => bytes / 1e6;

export interface HeapSample {
  /** Since the board was first drawn. */
  simulatedMinutes: number;
  usedBytes: number;
  /** Real seconds since the run started, for reading progress. */
  realSeconds: number;
}

export interface HeapGrowth {
  baselineBytes: number;
  /** The baseline (at 1 simulated minute), then one sample an hour. */
  samples: HeapSample[];
  /** The heap at 8 hours less the baseline. */
  growthBytes: number;
  /** Defender GETs the simulator answered in each simulated hour: proof that the board kept polling. */
  defenderCallsPerHour: number[];
  /** What the board said at the end, e.g. "8 running, 12 finished". */
  boardCounts: string;
  realSeconds: number;
}

/** Used JS heap after garbage collection. */
async function heapAfterGc(cdp: CDPSession): Promise<number> {
  // Twice: objects a first collection finds unreachable only through finalizers or weak references go on
  // the second, so a single pass counts garbage as growth.
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  return (await cdp.send('Runtime.getHeapUsage')).usedSize;
}

async function callsPerHour(target: BenchTarget, start: number): Promise<number[]> {
  const perHour = Array.from({ length: hours }, () => 0);
  for (const request of (await target.simulator.requests()).filter(isDefenderRead)) {
    const hour = Math.floor((Date.parse(request.at) - start) / hourMs);
    if (hour >= 0 && hour < hours) perHour[hour] += 1;
  }
  return perHour;
}

async function openBoard(page: Page, target: BenchTarget, ids: string[]): Promise<void> {
  await signInThroughApp(page, `${target.appUrl}/board?ids=${ids.join(',')}`);
  await page.getByTestId('watch-row').nth(ids.length - 1).waitFor();
}

/** Needs a freshly reset simulator: the board watches its own 20 actions, and the log counts its calls. */
export async function heapGrowth(target: BenchTarget, progress: (line: string) => void): Promise<HeapGrowth> {
  const realStart = Date.now();
  const realSeconds = () => Math.round((Date.now() - realStart) / 1000);
  const actions = memoryActions();
  for (const action of actions) await target.simulator.createAction(simulatorBody(action));

  const browser = await launchBenchBrowser();
  try {
    const context = await browser.newContext();
    const time = await SimulatedTime.start(context, target.simulator, target.apiBaseUrl);
    const page = await context.newPage();
    await openBoard(page, target, actions.map((action) => action.id));
    await target.simulator.clearRequests(); // from here on, the log is the board's polling alone
    const start = await time.now();
    const cdp = await context.newCDPSession(page);

    const samples: HeapSample[] = [];
    for (const minutes of [1, ...Array.from({ length: hours }, (_, hour) => (hour + 1) * 60)]) {
      await time.runUntil(start + minutes * minuteMs, stepMs);
      const usedBytes = await heapAfterGc(cdp);
      samples.push({ simulatedMinutes: minutes, usedBytes, realSeconds: realSeconds() });
      progress(`memory: at ${minutes === 1 ? '1 simulated minute' : `${minutes / 60} simulated h`}, heap ${megabytes(usedBytes).toFixed(2)} MB after GC (${realSeconds()} s real)`);
    }
    const baselineBytes = samples[0].usedBytes;
    return {
      baselineBytes,
      samples,
      growthBytes: (samples.at(-1)?.usedBytes ?? Number.NaN) - baselineBytes,
      defenderCallsPerHour: await callsPerHour(target, start),
      boardCounts: (await page.getByTestId('board-counts').textContent()) ?? '',
      realSeconds: realSeconds(),
    };
  } finally {
    await browser.close();
  }
}
