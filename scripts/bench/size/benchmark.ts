// First-load size: read from the build alone, so it needs no server.
import type { Benchmark } from '../harness/benchmark.ts';
import { measureFirstLoad } from './first-load.ts';

const kib = (bytes: number) => bytes / 1024;

export const sizeBenchmark: Benchmark = {
  name: 'size',
  needsServer: false,
  async run({ outDir }) {
    const firstLoad = measureFirstLoad(outDir);
    return {
      results: { firstLoad },
      figures: [
        { figure: 'First-load JS, raw', value: kib(firstLoad.js.raw), unit: 'KiB' },
        { figure: 'First-load JS, gzip', value: kib(firstLoad.js.gzip), unit: 'KiB', budget: { max: 130 } },
        { figure: 'First-load JS, brotli', value: kib(firstLoad.js.brotli), unit: 'KiB' },
        { figure: 'First-load CSS, raw', value: kib(firstLoad.css.raw), unit: 'KiB' },
        { figure: 'First-load CSS, gzip', value: kib(firstLoad.css.gzip), unit: 'KiB', budget: { max: 12 } },
        { figure: 'First-load CSS, brotli', value: kib(firstLoad.css.brotli), unit: 'KiB' },
      ],
      notes: [
        '',
        'Largest packages in the first-load JS (raw KiB):',
        ...firstLoad.packages.slice(0, 8).map((pkg) => `  ${pkg.name.padEnd(28)} ${kib(pkg.bytes).toFixed(1).padStart(8)}`),
        `First-load files: ${firstLoad.files.join(', ')}`,
      ],
    };
  },
};
