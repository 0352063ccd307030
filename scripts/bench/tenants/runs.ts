// The tenants benchmark's two runs, each for one simulated hour in one tab: an MSSP's board of 60 actions,
// 20 in each of three tenants (the home tenant and two customers), and the same incident's 20 actions on the
// board of one tenant, the baseline. Each run against a freshly reset simulator.
import type { Browser } from '@playwright/test';
import { SIM_TENANTS } from '../../../sim/constants.ts';
import { isDefenderRead } from '../../../sim/testing/logged-reads.ts';
import { signInThroughApp } from '../../../sim/testing/sign-in-through-app.ts';
import { simulatorClient } from '../../../sim/testing/simulator-client.ts';
import { benchPorts, type BenchTarget } from '../harness/bench-server.ts';
import { simulatorBody, type ScenarioAction } from '../harness/scenario-action.ts';
import { SimulatedTime } from '../harness/simulated-time.ts';
import { boardFinalShownAt, boardObserverScript } from '../polling/board-observer.ts';
import { scenarioActions } from '../polling/scenario.ts';

/** The three tenants of the MSSP's board: every one of them gives the analyst a Defender role. */
export const benchTenants = [SIM_TENANTS.home, SIM_TENANTS.fabrikam, SIM_TENANTS.northwind];

// One simulated hour; BENCH_TENANTS_MINUTES shortens it for a quick look.
const hourMs = Number(process.env.BENCH_TENANTS_MINUTES ?? 60) * 60_000;
const stepMs = 1_000;

export interface TenantsRun {
  /** Each tenant's Defender GETs in the hour, by the token's tenant, and how many were throttled. */
  calls: Map<string, { times: number[]; throttled: number }>;
  /** Per action: its tenant, when it finished, and when the board showed it (undefined: never). */
  finishes: { tenant: string; finishedAt: number; shownAt: number | undefined }[];
}

/** This run's actions in each tenant: the polling benchmark's incident, with IDs of each tenant's own. */
function incidentIn(tenants: readonly { id: string }[], runTag: number): { tenant: string; action: ScenarioAction }[] {
  return tenants.flatMap((tenant, index) => scenarioActions(runTag * 10 + index).map((action) => ({ tenant: tenant.id, action })));
}

/** The board in one tab, signed in once, watching the incident's actions for one simulated hour. */
export async function runBoard(browser: Browser, target: BenchTarget, tenants: readonly { id: string; name: string }[], runTag: number, progress: (line: string) => void): Promise<TenantsRun> {
  await target.simulator.reset();
  const context = await browser.newContext();
  try {
    const several = tenants.length > 1;
    // The MSSP's settings, as its server would write them (TENANTS): the preview's own config.json otherwise.
    if (several) await context.route('**/config.json', (route) => route.fulfill({ json: { tenants: tenants.map(({ id, name }) => ({ id, name })) } }));
    const time = await SimulatedTime.start(context, target.simulator, target.apiBaseUrl);
    await context.addInitScript(boardObserverScript);
    const page = await context.newPage();
    await signInThroughApp(page, `${target.appUrl}/board`);
    const incident = incidentIn(tenants, runTag);
    const created = new Map<string, number>();
    for (const { tenant, action } of incident) {
      const answer = await simulatorClient(benchPorts.api, { tenant }).createAction(simulatorBody(action));
      created.set(action.id, Date.parse(answer.creationDateTimeUtc));
    }
    await target.simulator.clearRequests(); // from here on, every call counts
    const start = Math.min(...created.values());
    progress(`${tenants.length} tenant(s): ${incident.length} actions; the hour starts`);
    // The tickets' IDs, pasted with no word of their tenants: each is looked up.
    await page.getByLabel('Paste action IDs').fill(incident.map(({ action }) => action.id).join('\n'));
    await page.getByRole('button', { name: 'Watch these' }).click();
    let reported: number | undefined;
    await time.runUntil(start + hourMs, stepMs, (now) => {
      const minutesLeft = Math.ceil((start + hourMs - now) / 600_000) * 10;
      if (minutesLeft !== reported) progress(`${tenants.length} tenant(s): ${(reported = minutesLeft)} simulated minutes to go`);
    });
    const shown = await boardFinalShownAt(page);
    const reads = (await target.simulator.requests()).filter(isDefenderRead).filter((request) => Date.parse(request.at) >= start && Date.parse(request.at) < start + hourMs);
    const calls = new Map(tenants.map((tenant) => [tenant.id, { times: [] as number[], throttled: 0 }]));
    for (const request of reads) {
      const ofTenant = calls.get(request.tenantId ?? '');
      if (!ofTenant) continue;
      ofTenant.times.push(Date.parse(request.at));
      if (request.status === 429) ofTenant.throttled += 1;
    }
    for (const each of calls.values()) each.times.sort((a, b) => a - b);
    return {
      calls,
      finishes: incident.map(({ tenant, action }) => ({ tenant, finishedAt: (created.get(action.id) ?? 0) + action.finishesAfterMs, shownAt: shown[action.id] })),
    };
  } finally {
    await context.close();
  }
}
