// Several tenants: an MSSP's board of 60 actions in three tenants for one simulated hour, against the same
// incident on the board of one tenant, in the same run. Each tenant's calls are held against its own share
// of the quota (the quota is per app and tenant); finish → shown against the one tenant's. About 40 minutes.
import { budgetLimits } from '../../../core/polling/scheduler/rate-budget.ts';
import type { Benchmark, Figure } from '../harness/benchmark.ts';
import { launchBenchBrowser } from '../harness/browser.ts';
import { median } from '../harness/statistics.ts';
import { maxInAnyMinute } from '../polling/figures.ts';
import { benchTenants, runBoard, type TenantsRun } from './runs.ts';

/** The finish → shown delays of a run's actions that were shown, in seconds. */
function delaysS(run: TenantsRun, tenant?: string): number[] {
  return run.finishes.filter((finish) => finish.shownAt !== undefined && (tenant === undefined || finish.tenant === tenant)).map((finish) => Math.max(0, finish.shownAt! - finish.finishedAt) / 1000);
}

export const tenantsBenchmark: Benchmark = {
  name: 'tenants',
  needsServer: true,
  ownResultsFile: true,
  async run({ target, progress }) {
    const browser = await launchBenchBrowser();
    try {
      const several = await runBoard(browser, target, benchTenants, 3, progress);
      const one = await runBoard(browser, target, [benchTenants[0]], 4, progress);
      // Each tenant's own share: what one analyst's browser may spend there (0.8 of 100 a minute, 1,500 an hour).
      const share = budgetLimits(0.8, 1);
      const figures: Figure[] = [];
      const perTenant = benchTenants.map((tenant) => {
        const calls = several.calls.get(tenant.id)!;
        const figure = { tenant: tenant.name, calls: calls.times.length, maxCallsInAMinute: maxInAnyMinute(calls.times), throttled: calls.throttled, delayMedianS: median(delaysS(several, tenant.id)) };
        figures.push(
          { figure: `${tenant.name}: calls in the hour`, value: figure.calls, unit: 'calls', budget: { max: share.perHour } },
          { figure: `${tenant.name}: most calls in any minute`, value: figure.maxCallsInAMinute, unit: 'calls', budget: { max: share.perMinute } },
          { figure: `${tenant.name}: throttled (429)`, value: figure.throttled, unit: 'calls', budget: { max: 0 } },
        );
        return figure;
      });
      const seen = several.finishes.filter((finish) => finish.shownAt !== undefined).length;
      const severalMedian = median(delaysS(several));
      const oneMedian = median(delaysS(one));
      figures.push(
        { figure: 'Finishes shown, three tenants', value: seen, unit: `of ${several.finishes.length}`, budget: { min: several.finishes.length } },
        { figure: 'Finish → shown median, one tenant (baseline)', value: oneMedian, unit: 's' },
        // As for one tenant: within a second and a half of the baseline's median, measured in the same run.
        { figure: 'Finish → shown median, three tenants', value: severalMedian, unit: 's', budget: { max: Math.round((oneMedian + 1.5) * 10) / 10 } },
      );
      return {
        results: { perTenant, oneTenant: { calls: one.calls.get(benchTenants[0].id)?.times.length, delayMedianS: oneMedian }, threeTenants: { finishesShown: seen, delayMedianS: severalMedian } },
        figures,
        notes: perTenant.map((each) => `${each.tenant}: ${each.calls} calls, at most ${each.maxCallsInAMinute} in a minute, ${each.throttled} throttled, finish → shown median ${each.delayMedianS.toFixed(1)} s`),
      };
    } finally {
      await browser.close();
    }
  },
};
