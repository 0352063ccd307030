// `npm run bench:polling`: the watch board against a naive poller, in the same run. 20 actions finish at
// spread-out times (polling-scenario.ts) while three tabs watch them for one simulated hour (Playwright's
// clock, with the simulator's clock moved in step). Prints the figures beside the targets of issue 3 and
// writes them to bench/results/polling.json. Exits 0 either way: figures to read, not a test.
import { mkdirSync, writeFileSync } from 'node:fs';
import { benchTarget, buildForBench, serveBench } from './bench-server.ts';
import { verdict } from './budget.ts';
import { launchBenchBrowser } from './chromium.ts';
import { runApp, runNaive } from './polling.ts';
import { pollingFigures, type PollingFigures } from './polling-figures.ts';

const progress = (line: string) => console.log(`  ${new Date().toISOString().slice(11, 19)} ${line}`);

await buildForBench();
const server = await serveBench();
let app: PollingFigures;
let naive: PollingFigures;
try {
  const browser = await launchBenchBrowser();
  try {
    app = pollingFigures(await runApp(browser, benchTarget, progress));
    naive = pollingFigures(await runNaive(browser, benchTarget, progress));
  } finally {
    await browser.close();
  }
} finally {
  await server.close();
}

interface Line {
  figure: string;
  app: number;
  naive: number;
  digits: number;
  /** A target on the app's figure. */
  max?: number;
  min?: number;
}

const fewerTimes = app.calls > 0 ? naive.calls / app.calls : Number.POSITIVE_INFINITY;
const lines: Line[] = [
  { figure: 'Defender calls in the hour', app: app.calls, naive: naive.calls, digits: 0, max: 1_200 },
  { figure: '  of which answered 429', app: app.throttled, naive: naive.throttled, digits: 0 },
  { figure: 'Most calls in any minute', app: app.maxCallsInAMinute, naive: naive.maxCallsInAMinute, digits: 0, max: 80 },
  { figure: 'Calls per finished action', app: app.callsPerFinishedAction, naive: naive.callsPerFinishedAction, digits: 1 },
  { figure: 'Finishes seen (of 20)', app: app.finishedSeen, naive: naive.finishedSeen, digits: 0, min: 20 },
  { figure: 'Finish → shown, median (s)', app: app.delayMedianS, naive: naive.delayMedianS, digits: 1 },
  { figure: 'Finish → shown, 95th pct (s)', app: app.delayP95S, naive: naive.delayP95S, digits: 1 },
  { figure: '  median, finished within 2 min (s)', app: app.earlyDelayMedianS, naive: naive.earlyDelayMedianS, digits: 1, max: 5 },
  { figure: 'Naive calls ÷ app calls', app: fewerTimes, naive: Number.NaN, digits: 1, min: 20 },
];

const lineVerdict = (line: Line) => verdict(line.app, line);

const show = (value: number, digits: number) => (Number.isNaN(value) ? '—' : value.toFixed(digits)).padStart(9);
console.log('\nWatch board vs. naive poller: 20 actions, 3 tabs, 1 simulated hour (this machine, this run)\n');
console.log(`${'figure'.padEnd(38)} ${'app'.padStart(9)} ${'naive'.padStart(9)}  target`);
for (const line of lines) console.log(`${line.figure.padEnd(38)} ${show(line.app, line.digits)} ${show(line.naive, line.digits)}  ${lineVerdict(line)}`);
console.log('\nThe naive poller: every tab reads every action by itself every 5 s until it sees it final, ignoring 429s.');
console.log('Delays for the naive poller are to the first tab that saw the action; for the app, to the last tab whose board showed it.');

mkdirSync('bench/results', { recursive: true });
const results = { measuredAt: new Date().toISOString(), node: process.version, app, naive, lines: lines.map((line) => ({ ...line, verdict: lineVerdict(line) })) };
writeFileSync('bench/results/polling.json', `${JSON.stringify(results, null, 2)}\n`);
console.log('\nWrote bench/results/polling.json');
