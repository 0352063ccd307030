import type { Benchmark, Figure } from '../harness/benchmark.ts';
import { lighthouseStartPage, type FormFactor, type LighthouseFigures } from './start-page.ts';

/** The scores and the parts of the performance score, for one form factor. */
function figuresOf(formFactor: FormFactor, lighthouse: LighthouseFigures): Figure[] {
  const on = formFactor === 'mobile' ? ' (mobile)' : ' (desktop)';
  return [
    { figure: `Lighthouse performance${on}`, value: lighthouse.performance, unit: '/100', budget: { min: 95 } },
    { figure: `Lighthouse accessibility${on}`, value: lighthouse.accessibility, unit: '/100', budget: { min: 100 } },
    { figure: `Lighthouse best practices${on}`, value: lighthouse.bestPractices, unit: '/100', budget: { min: 100 } },
    { figure: `Start page FCP${on}`, value: lighthouse.fcpMs, unit: 'ms' },
    { figure: `Start page LCP${on}`, value: lighthouse.lcpMs, unit: 'ms' },
    { figure: `Start page TBT${on}`, value: lighthouse.tbtMs, unit: 'ms' },
    { figure: `Start page speed index${on}`, value: lighthouse.speedIndexMs, unit: 'ms' },
    { figure: `Start page CLS${on}`, value: lighthouse.clsThousandths / 1000, unit: '' },
  ];
}

export const lighthouseBenchmark: Benchmark = {
  name: 'lighthouse',
  needsServer: true,
  async run({ target }) {
    const desktop = await lighthouseStartPage(`${target.appUrl}/`, 'desktop');
    const mobile = await lighthouseStartPage(`${target.appUrl}/`, 'mobile');
    return {
      results: { lighthouse: desktop, lighthouseMobile: mobile },
      figures: [...figuresOf('desktop', desktop), ...figuresOf('mobile', mobile)],
      notes: [],
    };
  },
};
