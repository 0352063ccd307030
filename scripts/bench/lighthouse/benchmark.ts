import type { Benchmark } from '../harness/benchmark.ts';
import { lighthouseStartPage } from './start-page.ts';

export const lighthouseBenchmark: Benchmark = {
  name: 'lighthouse',
  needsServer: true,
  async run({ target }) {
    const lighthouse = await lighthouseStartPage(`${target.appUrl}/`);
    return {
      results: { lighthouse },
      figures: [
        { figure: 'Lighthouse performance', value: lighthouse.performance, unit: '/100', budget: { min: 95 } },
        { figure: 'Lighthouse accessibility', value: lighthouse.accessibility, unit: '/100', budget: { min: 100 } },
        { figure: 'Lighthouse best practices', value: lighthouse.bestPractices, unit: '/100', budget: { min: 100 } },
        { figure: 'Start page FCP', value: lighthouse.fcpMs, unit: 'ms' },
        { figure: 'Start page LCP', value: lighthouse.lcpMs, unit: 'ms' },
        { figure: 'Start page TBT', value: lighthouse.tbtMs, unit: 'ms' },
      ],
      notes: [],
    };
  },
};
