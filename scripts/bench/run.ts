// `npm run bench`: builds the app, runs every benchmark against it and the simulator on ports of their own,
// prints each figure beside its budget and writes the figures under bench/results/. `--only polling`
// (size, deep-link, board, lighthouse, pace, team, server, memory; or several, comma-separated) runs those alone. Exits 0 whatever
// the figures: timings on a shared machine are facts to read, not a test.
import { parseArgs } from 'node:util';
import { boardBenchmark } from './board/benchmark.ts';
import { deepLinkBenchmark } from './deep-link/benchmark.ts';
import { lighthouseBenchmark } from './lighthouse/benchmark.ts';
import { memoryBenchmark } from './memory/benchmark.ts';
import { paceBenchmark } from './pace/benchmark.ts';
import { pollingBenchmark } from './polling/benchmark.ts';
import { runBenchmarks } from './harness/run-benchmarks.ts';
import { serverBenchmark } from './server/benchmark.ts';
import { sizeBenchmark } from './size/benchmark.ts';
import { teamBenchmark } from './team/benchmark.ts';
import { tenantsBenchmark } from './tenants/benchmark.ts';

// In this order: memory resets the simulator to its own actions and moves its clock 8 hours on, and
// polling and tenants take about 20 and 40 minutes, so they come after the quick ones. Pace runs in Node, in about a minute;
// team too (the relay in Node on simulated time, a redis-server of its own), in a few minutes. Board takes
// about a minute of real time (1,000 actions created, 20 s watched). Server starts a simulator, a Redis and
// the app's server of its own (under a minute).
const benchmarks = [sizeBenchmark, lighthouseBenchmark, deepLinkBenchmark, boardBenchmark, paceBenchmark, teamBenchmark, serverBenchmark, memoryBenchmark, pollingBenchmark, tenantsBenchmark];

const { values } = parseArgs({ options: { only: { type: 'string' } } });
const names = values.only?.split(',').map((name) => name.trim());
const unknown = (names ?? []).filter((name) => !benchmarks.some((benchmark) => benchmark.name === name));
if (unknown.length > 0) {
  console.error(`No benchmark named ${unknown.join(', ')}; --only takes ${benchmarks.map((benchmark) => benchmark.name).join(', ')}`);
  process.exit(2);
}
await runBenchmarks(names === undefined ? benchmarks : benchmarks.filter((benchmark) => names.includes(benchmark.name)), names === undefined);
