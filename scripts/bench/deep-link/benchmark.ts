import type { Benchmark } from '../harness/benchmark.ts';
import { timeToStatus } from './time-to-status.ts';

export const deepLinkBenchmark: Benchmark = {
  name: 'deep-link',
  needsServer: true,
  async run({ target }) {
    const deepLink = await timeToStatus(target.appUrl);
    return {
      results: { deepLink },
      figures: [
        { figure: 'Deep link to status, median of 10', value: deepLink.medianMs, unit: 'ms', budget: { max: 500 } },
        { figure: '  the link from another site', value: deepLink.fromAnotherSite.medianMs, unit: 'ms' },
        { figure: '  the link opened in a new tab', value: deepLink.inNewTab.medianMs, unit: 'ms' },
      ],
      notes: [
        '',
        'Deep link to status, each of the 10 runs (ms):',
        `  from a page of the app: ${deepLink.samplesMs.join(', ')}`,
        `  from another site's page: ${deepLink.fromAnotherSite.samplesMs.join(', ')}`,
        `  in a new tab of the signed-in browser: ${deepLink.inNewTab.samplesMs.join(', ')}`,
      ],
    };
  },
};
