import type { Benchmark } from '../harness/benchmark.ts';
import { heapGrowth, megabytes } from './heap-growth.ts';

// 8 simulated hours, a few real minutes; it moves the simulator's clock 8 hours on.
export const memoryBenchmark: Benchmark = {
  name: 'memory',
  needsServer: true,
  async run({ target, progress }) {
    const memory = await heapGrowth(target, progress);
    return {
      results: { memory },
      figures: [{ figure: 'JS heap growth, 20 actions, 8 h', value: megabytes(memory.growthBytes), unit: 'MB', budget: { max: 5 } }],
      notes: [
        '',
        'JS heap after GC while the board watches 20 actions (MB, from 1 simulated minute, then hourly to 8 h):',
        `  ${memory.samples.map((sample) => megabytes(sample.usedBytes).toFixed(2)).join(' → ')}`,
        `Defender calls per simulated hour: ${memory.defenderCallsPerHour.join(', ')}; the board at the end: ${memory.boardCounts} (${memory.realSeconds} s real)`,
      ],
    };
  },
};
