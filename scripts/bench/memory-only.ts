// `npm run bench:memory`: only the memory figure (8 simulated hours, a few real minutes), for checks while
// working on what the board keeps. Writes the samples to bench/results/memory.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { benchTarget, buildForBench, serveBench } from './bench-server.ts';
import { verdict } from './budget.ts';
import { heapGrowth, megabytes, type HeapGrowth } from './memory.ts';

const progress = (line: string) => console.log(`  ${new Date().toISOString().slice(11, 19)} ${line}`);

await buildForBench();
const server = await serveBench();
let memory: HeapGrowth;
try {
  memory = await heapGrowth(benchTarget, progress);
} finally {
  await server.close();
}

const mb = (bytes: number) => `${megabytes(bytes).toFixed(2)} MB`;
console.log(`\nJS heap after GC, board watching 20 actions (this machine, this run; ${memory.realSeconds} s real)`);
for (const sample of memory.samples) console.log(`  ${`${sample.simulatedMinutes} min`.padStart(8)}  ${mb(sample.usedBytes).padStart(9)}`);
console.log(`growth from 1 min to 8 h: ${mb(memory.growthBytes)} ${verdict(megabytes(memory.growthBytes), { max: 5 })}`);
console.log(`Defender calls per simulated hour: ${memory.defenderCallsPerHour.join(', ')}; the board at the end: ${memory.boardCounts}`);

mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/memory.json', `${JSON.stringify({ measuredAt: new Date().toISOString(), node: process.version, memory }, null, 2)}\n`);
console.log('\nWrote bench/results/memory.json');
