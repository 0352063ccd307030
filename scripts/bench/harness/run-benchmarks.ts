import type { PreviewServer } from 'vite';
import { benchOutDir, benchTarget, buildForBench, serveBench } from './bench-server.ts';
import type { BenchContext, BenchOutcome, Benchmark } from './benchmark.ts';
import { figureTable, figureVerdict } from './figure-table.ts';
import { writeResults } from './results-file.ts';

const progress = (line: string) => console.log(`  ${new Date().toISOString().slice(11, 19)} ${line}`);

interface Measured {
  readonly benchmark: Benchmark;
  readonly outcome: BenchOutcome;
}

/** Builds once, serves only when a benchmark needs the app, and resets the simulator before each that does. */
async function measure(benchmarks: readonly Benchmark[]): Promise<Measured[]> {
  await buildForBench();
  const context: BenchContext = { outDir: benchOutDir, target: benchTarget, progress };
  const measured: Measured[] = [];
  let server: PreviewServer | undefined;
  try {
    for (const benchmark of benchmarks) {
      if (benchmark.needsServer) {
        server ??= await serveBench();
        await benchTarget.simulator.reset();
      }
      measured.push({ benchmark, outcome: await benchmark.run(context) });
    }
  } finally {
    await server?.close();
  }
  return measured;
}

/**
 * Where the figures go: a full run writes latest.json (every figure of the budget table, as the README
 * shows them); a part run alone, or one that keeps its own file, writes bench/results/<name>.json.
 */
function write(measured: readonly Measured[], full: boolean): string[] {
  const shared = full ? measured.filter(({ benchmark }) => benchmark.ownResultsFile !== true) : [];
  const own = measured.filter((one) => !shared.includes(one));
  const written = own.map(({ benchmark, outcome }) => writeResults(`${benchmark.name}.json`, outcome.results));
  if (shared.length === 0) return written;
  const figures = shared.flatMap(({ outcome }) => outcome.figures);
  const results = Object.assign({}, ...shared.map(({ outcome }) => outcome.results)) as Record<string, unknown>;
  return [writeResults('latest.json', { ...results, rows: figures.map((figure) => ({ ...figure, verdict: figureVerdict(figure) })) }), ...written];
}

/**
 * Runs the benchmarks in order and prints the budget table, then each one's notes. `full`: all of them,
 * whose shared figures go to latest.json. Budgets a change breaks are printed as such, never thrown.
 */
export async function runBenchmarks(benchmarks: readonly Benchmark[], full: boolean): Promise<void> {
  const measured = await measure(benchmarks);
  const figures = measured.flatMap(({ outcome }) => outcome.figures);
  const lines = [...(figures.length > 0 ? figureTable(figures) : []), ...measured.flatMap(({ outcome }) => outcome.notes)];
  console.log(lines.join('\n'));
  console.log(['', ...write(measured, full).map((path) => `Wrote ${path}`)].join('\n'));
}
