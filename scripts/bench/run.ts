// `npm run bench`: builds the app, measures it and prints one table with each figure beside its budget;
// writes the figures as JSON under bench/results/. Budgets a change breaks are printed as such; the
// script exits 0 either way (timings on a shared machine are facts to read, not a test).
import { mkdirSync, writeFileSync } from 'node:fs';
import { benchOutDir, benchTarget, buildForBench, resetSimulator, serveBench, appUrl } from './bench-server.ts';
import { verdict, type Budget } from './budget.ts';
import { timeToStatus } from './deep-link.ts';
import { measureFirstLoad } from './first-load.ts';
import { lighthouseStartPage } from './lighthouse-start-page.ts';
import { heapGrowth, megabytes } from './memory.ts';

const kib = (bytes: number) => bytes / 1024;

interface Row {
  figure: string;
  value: number;
  unit: string;
  budget?: Budget;
}

const rowVerdict = (row: Row) => verdict(row.value, row.budget);

await buildForBench();
const firstLoad = measureFirstLoad(benchOutDir);
const server = await serveBench();
let lighthouse: Awaited<ReturnType<typeof lighthouseStartPage>>;
let deepLink: Awaited<ReturnType<typeof timeToStatus>>;
let memory: Awaited<ReturnType<typeof heapGrowth>>;
try {
  await resetSimulator();
  lighthouse = await lighthouseStartPage(`${appUrl}/`);
  deepLink = await timeToStatus(appUrl);
  // Last: it resets the simulator to its own actions and moves the simulator's clock 8 hours on.
  memory = await heapGrowth(benchTarget, (line) => console.log(`  ${line}`));
} finally {
  await server.close();
}

const rows: Row[] = [
  { figure: 'First-load JS, raw', value: kib(firstLoad.js.raw), unit: 'KiB' },
  { figure: 'First-load JS, gzip', value: kib(firstLoad.js.gzip), unit: 'KiB', budget: { max: 130 } },
  { figure: 'First-load JS, brotli', value: kib(firstLoad.js.brotli), unit: 'KiB' },
  { figure: 'First-load CSS, raw', value: kib(firstLoad.css.raw), unit: 'KiB' },
  { figure: 'First-load CSS, gzip', value: kib(firstLoad.css.gzip), unit: 'KiB', budget: { max: 12 } },
  { figure: 'First-load CSS, brotli', value: kib(firstLoad.css.brotli), unit: 'KiB' },
  { figure: 'Lighthouse performance', value: lighthouse.performance, unit: '/100', budget: { min: 95 } },
  { figure: 'Lighthouse accessibility', value: lighthouse.accessibility, unit: '/100', budget: { min: 100 } },
  { figure: 'Lighthouse best practices', value: lighthouse.bestPractices, unit: '/100', budget: { min: 100 } },
  { figure: 'Start page FCP', value: lighthouse.fcpMs, unit: 'ms' },
  { figure: 'Start page LCP', value: lighthouse.lcpMs, unit: 'ms' },
  { figure: 'Start page TBT', value: lighthouse.tbtMs, unit: 'ms' },
  { figure: 'Deep link to status, median of 10', value: deepLink.medianMs, unit: 'ms', budget: { max: 500 } },
  { figure: '  the link from another site', value: deepLink.fromAnotherSite.medianMs, unit: 'ms' },
  { figure: 'JS heap growth, 20 actions, 8 h', value: megabytes(memory.growthBytes), unit: 'MB', budget: { max: 5 } },
];

console.log('\nMachine action watch: benchmark (this machine, this run)\n');
console.log(`${'figure'.padEnd(36)} ${'value'.padStart(10)}  unit   budget`);
for (const row of rows) {
  console.log(`${row.figure.padEnd(36)} ${row.value.toFixed(row.unit === 'KiB' || row.unit === 'MB' ? 1 : 0).padStart(10)}  ${row.unit.padEnd(6)} ${rowVerdict(row)}`);
}
console.log('\nLargest packages in the first-load JS (raw KiB):');
for (const pkg of firstLoad.packages.slice(0, 8)) console.log(`  ${pkg.name.padEnd(28)} ${kib(pkg.bytes).toFixed(1).padStart(8)}`);
console.log('\nJS heap after GC while the board watches 20 actions (MB, from 1 simulated minute, then hourly to 8 h):');
console.log(`  ${memory.samples.map((sample) => megabytes(sample.usedBytes).toFixed(2)).join(' → ')}`);

const results = { measuredAt: new Date().toISOString(), node: process.version, firstLoad, lighthouse, deepLink, memory, rows: rows.map((row) => ({ ...row, verdict: rowVerdict(row) })) };
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/latest.json', `${JSON.stringify(results, null, 2)}\n`);
console.log('\nWrote bench/results/latest.json');
