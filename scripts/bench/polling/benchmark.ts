// The watch board against a naive poller, in the same run: 20 actions finish at spread-out times
// (scenario.ts) while three tabs watch them for one simulated hour (Playwright's clock, with the
// simulator's clock moved in step). About 20 minutes of real time.
import type { Benchmark } from '../harness/benchmark.ts';
import { launchBenchBrowser } from '../harness/browser.ts';
import { comparisonLines, comparisonTable, lineVerdict } from './comparison.ts';
import { pollingFigures } from './figures.ts';
import { runApp, runNaive } from './runs.ts';

export const pollingBenchmark: Benchmark = {
  name: 'polling',
  needsServer: true,
  ownResultsFile: true,
  async run({ target, progress }) {
    const browser = await launchBenchBrowser();
    try {
      const app = pollingFigures(await runApp(browser, target, progress));
      const naive = pollingFigures(await runNaive(browser, target, progress));
      const lines = comparisonLines(app, naive);
      return {
        results: { app, naive, lines: lines.map((line) => ({ ...line, verdict: lineVerdict(line) })) },
        figures: [],
        notes: comparisonTable(lines),
      };
    } finally {
      await browser.close();
    }
  },
};
