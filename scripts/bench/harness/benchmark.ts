import type { BenchTarget } from './bench-server.ts';
import type { Budget } from './budget.ts';

/** One line of the budget table. */
export interface Figure {
  figure: string;
  value: number;
  unit: string;
  budget?: Budget;
}

/** What the harness gives a benchmark: the build, the served app with its simulator, a progress line. */
export interface BenchContext {
  readonly outDir: string;
  /** Reset to the seeded state just before the benchmark starts. */
  readonly target: BenchTarget;
  readonly progress: (line: string) => void;
}

export interface BenchOutcome {
  /** Merged into the results JSON, under these keys. */
  readonly results: Record<string, unknown>;
  /** Its lines of the budget table. */
  readonly figures: readonly Figure[];
  /** Printed after the table. */
  readonly notes: readonly string[];
}

export interface Benchmark {
  /** What `--only` takes. */
  readonly name: string;
  /** false when it reads the build alone: no server is started for it. */
  readonly needsServer: boolean;
  /**
   * Its results go to bench/results/<name>.json even in a full run, rather than into latest.json: the
   * polling figures compare two pollers and have a table of their own.
   */
  readonly ownResultsFile?: boolean;
  run(context: BenchContext): Promise<BenchOutcome>;
}
