import type { Page } from '@playwright/test';
import { RELAY_CLIENT_ID, SIM_TENANTS } from '../sim/constants.ts';
import { customerActions } from '../sim/seed.ts';
import { readsAction } from '../sim/testing/logged-reads.ts';
import { simulatorClient } from '../sim/testing/simulator-client.ts';
import { countRequests, isCheckOf } from './support/checks.ts';
import { simulator } from './support/simulator.ts';
import { startTeamRelay, type TeamRelay } from './support/team-relay.ts';
import { expect, open, test } from './support/test.ts';
import { workerPorts } from './support/worker-ports.ts';

// An MSSP's team relay: the app's server with Redis and TENANTS. The relay's app is consented in Fabrikam, and
// for these tests not in Northwind (nor, as ever, in Tailspin): the relay serves Fabrikam, and Dana's browser
// polls Northwind itself with her own token.
const { fabrikam, northwind, tailspin } = SIM_TENANTS;
const customers = [fabrikam, northwind, tailspin].map(({ id, name }) => ({ id, name }));
const fabrikamScan = customerActions.fabrikam.runningScan;
const northwindIsolation = customerActions.northwind.runningIsolation;

let relay: TeamRelay;

test.beforeEach(async ({ appServer }) => {
  // Before the relay starts: it asks each tenant for its app token once, at start-up.
  await simulatorClient(workerPorts.api, { tenant: northwind.id }).withdrawRelayConsent();
  relay = await startTeamRelay(appServer, { TENANTS: JSON.stringify(customers) });
});
test.afterEach(async ({ page }) => {
  await page.close();
  await relay.close();
});

const row = (page: Page, id: string) => page.locator(`[data-testid="watch-row"][data-action-id="${id}"]`);

test("a customer the relay serves is watched through it with the relay's own token; one it does not is polled by the browser", async ({ page }) => {
  const browserChecksOfFabrikam = countRequests(page.context(), isCheckOf(fabrikamScan));
  await open(page, `/board#ids=${fabrikamScan}~${fabrikam.id},${northwindIsolation}~${northwind.id}`);
  await expect(row(page, fabrikamScan).getByTestId('action-status')).toHaveText('In progress');
  await expect(row(page, northwindIsolation).getByTestId('action-status')).toHaveText(/Pending|In progress/);

  // Fabrikam's action: read by the relay's app (its app id in the log, Fabrikam's tid), never by this browser.
  await expect.poll(async () => (await simulator.requests()).some((request) => request.user === RELAY_CLIENT_ID && readsAction(request, fabrikamScan))).toBe(true);
  const fabrikamReads = (await simulator.requests()).filter((request) => request.status !== null && readsAction(request, fabrikamScan));
  expect(new Set(fabrikamReads.map((request) => request.tenantId))).toEqual(new Set([fabrikam.id]));
  // Dana's own reads of it are the relay's one access check with her Fabrikam token: a single read, no list call.
  expect(fabrikamReads.filter((request) => request.user !== RELAY_CLIENT_ID).every((request) => request.path.endsWith(`/${fabrikamScan}`))).toBe(true);
  expect(browserChecksOfFabrikam.count()).toBe(0);
  browserChecksOfFabrikam.stop();

  // Northwind's action: the relay does not serve Northwind, so the browser reads it with Dana's Northwind token.
  const northwindReads = (await simulator.requests()).filter((request) => request.status !== null && readsAction(request, northwindIsolation));
  expect(northwindReads.length).toBeGreaterThan(0);
  expect(new Set(northwindReads.map((request) => request.tenantId))).toEqual(new Set([northwind.id]));
  expect(northwindReads.some((request) => request.user === RELAY_CLIENT_ID)).toBe(false);
  expect(northwindReads.every((request) => request.user !== null)).toBe(true);
});
