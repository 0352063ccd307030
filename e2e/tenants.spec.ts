import type { Page } from '@playwright/test';
import { SIM_TENANTS } from '../sim/constants.ts';
import { customerActions } from '../sim/seed.ts';
import { readsAction } from '../sim/testing/logged-reads.ts';
import { simulatorClient } from '../sim/testing/simulator-client.ts';
import { advanceClock, advanceToNextCheck, countRequests, isCheckOf } from './support/checks.ts';
import { simulator } from './support/simulator.ts';
import { expect, open, test } from './support/test.ts';
import { workerPorts } from './support/worker-ports.ts';

// An MSSP's analyst: signed in once, at her home tenant (the worker's real sign-in), and watching three
// customers' tenants. Fabrikam and Northwind give her a Defender role; Tailspin has
// her as a guest without one.
const { fabrikam, northwind, tailspin } = SIM_TENANTS;
const customers = [fabrikam, northwind, tailspin].map(({ id, name }) => ({ id, name }));
const fabrikamScan = customerActions.fabrikam.runningScan;
const northwindIsolation = customerActions.northwind.runningIsolation;
const tailspinIsolation = customerActions.tailspin.succeededIsolation;

// The app's server started again for an MSSP: TENANTS lists the customers, as a deployer sets it; the server
// writes them into config.json and passes on the analyst's tokens for them.
test.beforeEach(async ({ appServer }) => {
  await appServer.restart({ TENANTS: JSON.stringify(customers) });
});
test.afterEach(async ({ appServer, page }) => {
  await page.close();
  await appServer.restart({});
});

const rows = (page: Page) => page.getByTestId('watch-row');
const row = (page: Page, id: string) => page.locator(`[data-testid="watch-row"][data-action-id="${id}"]`);

async function paste(page: Page, text: string) {
  await page.getByLabel('Paste action IDs').fill(text);
  await page.getByRole('button', { name: 'Watch these' }).click();
}

test("one sign-in watches two customers' actions on one board, each read with its own tenant's token", async ({ page }) => {
  await open(page, '/board');
  await paste(page, `INC-7 (Fabrikam) ${fabrikamScan}\nINC-9 (Northwind) ${northwindIsolation}`);
  await expect(rows(page)).toHaveCount(2);
  // Each is looked up in every tenant once, found in its own, and named by its customer.
  await expect(row(page, fabrikamScan).getByTestId('row-customer')).toHaveText('Fabrikam');
  await expect(row(page, northwindIsolation).getByTestId('row-customer')).toHaveText('Northwind Traders');
  await expect(row(page, fabrikamScan).getByTestId('action-status')).toHaveText('In progress');
  await expect(row(page, northwindIsolation).getByTestId('action-status')).toHaveText(/Pending|In progress/);
  // The analyst never signed in again: every customer's token came from the one sign-in.
  expect(new URL(page.url()).pathname).toBe('/board');

  // From then on each action is read in its own tenant only, with that tenant's token (the log's tid):
  // a reload reads both afresh, each in its own tenant's list call.
  await simulator.clearRequests();
  await page.reload();
  await expect(row(page, fabrikamScan).getByTestId('action-status')).toHaveText('In progress');
  await expect(row(page, northwindIsolation).getByTestId('action-status')).toHaveText(/Pending|In progress/);
  const reads = (await simulator.requests()).filter((request) => request.status !== null && request.path.startsWith('/api/machineactions'));
  const fabrikamReads = reads.filter((request) => readsAction(request, fabrikamScan));
  const northwindReads = reads.filter((request) => readsAction(request, northwindIsolation));
  expect(fabrikamReads.length).toBeGreaterThan(0);
  expect(northwindReads.length).toBeGreaterThan(0);
  expect(new Set(fabrikamReads.map((request) => request.tenantId))).toEqual(new Set([fabrikam.id]));
  expect(new Set(northwindReads.map((request) => request.tenantId))).toEqual(new Set([northwind.id]));
  // No call went to Tailspin, where nothing on this board is.
  expect(reads.filter((request) => request.tenantId === tailspin.id)).toEqual([]);
  // The action's page names its customer, and its address the tenant: a link copied from it opens there.
  await row(page, fabrikamScan).getByRole('link').first().click();
  await expect(page.getByText('Machine action in Fabrikam')).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/t/${fabrikam.id}/actions/${fabrikamScan}$`));
});

test("a customer without a Defender role for the analyst refuses on its own rows only, and is named", async ({ page }) => {
  // A board link from a ticket names each action's tenant.
  await open(page, `/board#ids=${fabrikamScan}~${fabrikam.id},${tailspinIsolation}~${tailspin.id}`);
  await expect(rows(page)).toHaveCount(2);
  await expect(row(page, tailspinIsolation).getByTestId('row-customer')).toHaveText('Tailspin Toys');
  await expect(row(page, tailspinIsolation)).toContainText(/permission|access/i);
  await expect(row(page, fabrikamScan).getByTestId('action-status')).toHaveText('In progress');
  const notice = page.getByTestId('tenant-problem');
  await expect(notice).toHaveCount(1);
  await expect(notice).toContainText('Tailspin Toys: no Defender role');
  await expect(notice).toContainText('Its admin must give you a Defender role');
  await expect(notice).toContainText('Your other customers are watched as usual.');
  // The board link asked Fabrikam's action in Fabrikam only: nothing of it reached another tenant.
  const reads = await simulator.requests();
  expect(reads.filter((request) => readsAction(request, fabrikamScan)).every((request) => request.tenantId === fabrikam.id)).toBe(true);
});

test('an ID no tenant has is reported with the tenants it was asked in, once the grace is over', async ({ page }) => {
  const unknown = '0e9d8c7b-6a5f-4e3d-9c2b-1a0f9e8d7c6b';
  await page.clock.install();
  await open(page, `/actions/${unknown}`);
  await expect(page.getByText('Not listed yet')).toBeVisible();
  await advanceClock(page, 25_000, () => false);
  const alert = page.getByRole('alert').filter({ hasText: 'Not found in Fabrikam or Northwind Traders' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('Tailspin Toys could not be asked (no Defender role).');
  const asked = new Set((await simulator.requests()).filter((request) => readsAction(request, unknown)).map((request) => request.tenantId));
  expect(asked).toEqual(new Set([fabrikam.id, northwind.id, tailspin.id]));
});

test("a link with the customer's tenant opens the action there at once, with no call to any other tenant", async ({ page }) => {
  const succeeded = customerActions.northwind.succeededScan;
  await simulator.clearRequests();
  await open(page, `/t/${northwind.id}/actions/${succeeded}`);
  await expect(page.getByTestId('action-status')).toHaveText('Succeeded');
  await expect(page.getByText('Machine action in Northwind Traders')).toBeVisible();
  await expect(page.getByTestId('action-customer')).toHaveText('Northwind Traders');
  const calls = (await simulator.requests()).filter((request) => request.path.startsWith('/api/'));
  expect(calls.length).toBeGreaterThan(0);
  expect(new Set(calls.map((request) => request.tenantId))).toEqual(new Set([northwind.id]));
});

test("a 429 in one customer's tenant pauses that tenant's checks only", async ({ page }) => {
  await page.clock.install();
  await open(page, `/board#ids=${fabrikamScan}~${fabrikam.id},${northwindIsolation}~${northwind.id}`);
  await expect(rows(page).getByTestId('action-status')).toHaveCount(2);
  await simulatorClient(workerPorts.api, { tenant: fabrikam.id }).injectFault({ status: 429, retryAfter: '40', count: 1, match: fabrikamScan });
  expect((await advanceToNextCheck(page, fabrikamScan, 30_000)).status()).toBe(429);
  await expect(page.getByTestId('board-paused')).toContainText('Checks in Fabrikam are paused until');
  await expect(page.getByTestId('board-paused')).not.toContainText('Northwind');
  // During Fabrikam's pause, Northwind's action is checked as usual, and Fabrikam's not at all.
  const fabrikamChecks = countRequests(page.context(), isCheckOf(fabrikamScan));
  const northwindChecks = countRequests(page.context(), isCheckOf(northwindIsolation));
  await advanceClock(page, 25_000);
  expect(fabrikamChecks.count()).toBe(0);
  expect(northwindChecks.count()).toBeGreaterThan(0);
  fabrikamChecks.stop();
  northwindChecks.stop();
});

test('a customer that demands a second factor asks for it in one notice, with a sign-in to that tenant alone; the others go on', async ({ page }) => {
  await simulatorClient(workerPorts.api, { tenant: northwind.id }).requireMfa();
  await open(page, `/board#ids=${fabrikamScan}~${fabrikam.id},${northwindIsolation}~${northwind.id}`);
  const notice = page.getByTestId('tenant-problem');
  await expect(notice).toContainText('Northwind Traders: it asks you to verify your sign-in');
  await expect(notice).toContainText('AADSTS50076');
  await expect(row(page, fabrikamScan).getByTestId('action-status')).toHaveText('In progress');
  // The one step, for Northwind alone: the provider asks Dana to approve, and the board comes back.
  await notice.getByRole('button', { name: 'Sign in to Northwind Traders' }).click();
  await page.getByRole('button', { name: 'Approve sign-in' }).click();
  await expect(page).toHaveURL(/\/board/);
  await expect(row(page, northwindIsolation).getByTestId('action-status')).toHaveText(/Pending|In progress/);
  await expect(row(page, fabrikamScan).getByTestId('action-status')).toHaveText('In progress');
  await expect(page.getByTestId('tenant-problem')).toHaveCount(0);
});

test("a tenant the analyst is not a guest in is named, with what its admin must do, and stops nothing else", async ({ page, appServer }) => {
  const { adatum } = SIM_TENANTS;
  await appServer.restart({ TENANTS: JSON.stringify([...customers, { id: adatum.id, name: adatum.name }]) });
  await open(page, '/board');
  await paste(page, fabrikamScan);
  await expect(row(page, fabrikamScan).getByTestId('row-customer')).toHaveText('Fabrikam');
  await expect(row(page, fabrikamScan).getByTestId('action-status')).toHaveText('In progress');
  const notice = page.getByTestId('tenant-problem').filter({ hasText: 'Adatum' });
  await expect(notice).toContainText('Adatum: your account is not in this tenant');
  await expect(notice).toContainText('Its admin must invite you as a guest');
  await expect(notice.getByRole('button')).toHaveCount(0);
});
