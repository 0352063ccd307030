import { fastForwardToNextCheck } from './support/clock';
import { seeded, simulator } from './support/simulator';
import { expect, signIn, test } from './support/test';

test('an unknown ID is re-checked for a grace period, then reported as not found in this tenant', async ({ page }) => {
  await signIn(page);
  await page.clock.install();
  const id = '0badf00d-0000-4000-8000-000000000000';
  await page.goto(`/actions/${id}`);
  await expect(page.getByText('Not listed yet')).toBeVisible();
  const problem = page.getByTestId('problem');
  // Small steps: the clock also drives request timeouts, so no step may outlast a request in flight.
  await expect(async () => {
    await page.clock.fastForward(3_000);
    await expect(problem).toContainText('no machine action with this ID in this tenant', { timeout: 1_000 });
  }).toPass({ timeout: 45_000 });
  await expect(problem).toContainText('few seconds');
  await expect(page.getByRole('button', { name: 'Check again' })).toBeVisible();
  // Re-checked during the grace period (every 3 s for 20 s), then no more.
  const reads = await simulator.readsOf(id);
  expect(reads).toBeGreaterThanOrEqual(4);
  await page.clock.fastForward(30_000);
  expect(await simulator.readsOf(id)).toBe(reads);
});

test('a malformed ID in the URL is refused before any request', async ({ page }) => {
  await signIn(page);
  await page.goto('/actions/not-a-guid%3Cscript%3E');
  await expect(page.getByRole('heading', { name: 'Not a machine action ID' })).toBeVisible();
  expect((await simulator.requests()).length).toBe(0);
});

test('a 429 pauses checking until Retry-After has passed, then the watch resumes', async ({ page }) => {
  await signIn(page);
  await page.clock.install();
  await simulator.injectFault({ status: 429, retryAfter: '30', count: 1, match: seeded.offlineDevice });
  await page.goto(`/actions/${seeded.offlineDevice}`);
  const problem = page.getByTestId('problem');
  await expect(problem).toContainText('pause of 30 s');
  await expect(problem).toContainText('shared by everyone using this app');
  const before = await simulator.readsOf(seeded.offlineDevice);
  await page.clock.fastForward(20_000);
  await page.waitForTimeout(500);
  expect(await simulator.readsOf(seeded.offlineDevice)).toBe(before);
  await fastForwardToNextCheck(page, seeded.offlineDevice, 12_000);
  await expect(page.getByTestId('action-status')).toHaveText('Pending');
  await expect(page.getByTestId('problem')).toHaveCount(0);
});

test('server errors keep the last good data on screen, marked stale, and polling recovers', async ({ page }) => {
  const id = seeded.offlineDevice;
  await signIn(page);
  await page.clock.install();
  await page.goto(`/actions/${id}`);
  await expect(page.getByTestId('action-status')).toHaveText('Pending');
  const reads = await simulator.readsOf(id);
  await simulator.injectFault({ status: 503, count: 2, match: id });

  await fastForwardToNextCheck(page, id, 5_000);
  expect(await simulator.readsOf(id)).toBe(reads + 1);
  await expect(page.getByTestId('problem')).toContainText('Defender is having trouble');
  await expect(page.getByTestId('stale-note')).toBeVisible();
  await expect(page.getByTestId('action-status')).toHaveText('Pending');

  await fastForwardToNextCheck(page, id, 5_000); // first backoff: 2.5 to 5 s
  expect(await simulator.readsOf(id)).toBe(reads + 2);
  await fastForwardToNextCheck(page, id, 10_000); // second backoff: 5 to 10 s
  await expect(page.getByTestId('problem')).toHaveCount(0);
  await expect(page.getByTestId('stale-note')).toHaveCount(0);
});
