import { expectNoAccessibilityViolations } from './support/accessibility';
import { advanceClock, advanceToNextCheck } from './support/checks';
import { seededActions } from '../sim/seed.ts';
import { paceByAge, simulator } from './support/simulator';
import { expect, signIn, test } from './support/test';

// Every state the analyst can meet, checked against WCAG 2.1 A and AA. The simulator's own sign-in page
// stands in for Entra's and is not ours: it is never checked.

test('signed out: the start page, and the sign-in page an action link leads to', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('banner').getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expectNoAccessibilityViolations(page, 'signed out, start page');
  await page.goto(`/actions/${seededActions.investigationPackage}`);
  await expect(page.getByRole('heading', { name: 'Sign in to watch machine actions' })).toBeVisible();
  await expectNoAccessibilityViolations(page, 'signed out, sign-in page');
});

test('the empty start page, and its message when the text holds no ID', async ({ page }) => {
  await signIn(page);
  await expect(page.getByRole('heading', { name: 'Watch a machine action' })).toBeVisible();
  await expectNoAccessibilityViolations(page, 'empty start page');

  await page.getByLabel('Machine action ID').fill('no id in here');
  await page.getByLabel('Machine action ID').press('Enter');
  await expect(page.getByText('No machine action ID found in this text')).toBeVisible();
  await expectNoAccessibilityViolations(page, 'no ID found');
});

test('loading: the first check has not been answered yet', async ({ page }) => {
  await simulator.injectFault({ delayMs: 8_000, match: seededActions.offlineDeviceIsolation });
  await signIn(page, 'analyst', `/actions/${seededActions.offlineDeviceIsolation}`);
  await expect(page.getByText('Looking up the action…')).toBeVisible();
  await expectNoAccessibilityViolations(page, 'loading');
});

const statuses = [
  { status: 'Pending', id: seededActions.offlineDeviceIsolation, label: 'Pending' },
  { status: 'InProgress', id: undefined, label: 'In progress' },
  { status: 'Succeeded', id: seededActions.investigationPackage, label: 'Succeeded' },
  { status: 'Failed', id: seededActions.failedIsolation, label: 'Failed' },
  { status: 'TimeOut', id: seededActions.timedOutLiveResponse, label: 'Timed out' },
  { status: 'Cancelled', id: seededActions.cancelledIsolation, label: 'Cancelled' },
  { status: 'Queued (unknown to the app)', id: seededActions.unknownTypeAndStatus, label: 'Queued' },
] as const;

for (const { status, id, label } of statuses) {
  test(`an action in status ${status}`, async ({ page }) => {
    // No seeded action stays InProgress: the running scan finishes within a minute.
    const actionId = id ?? (await simulator.createAction({ type: 'RunAntiVirusScan', scope: 'Quick', timeline: [{ status: 'InProgress', afterMs: 0 }] })).id;
    await signIn(page, 'analyst', `/actions/${actionId}`);
    await expect(page.getByTestId('action-status')).toHaveText(label);
    await expectNoAccessibilityViolations(page, status);
  });
}

test('live response commands, with the raw JSON expanded', async ({ page }) => {
  await signIn(page, 'analyst', `/actions/${seededActions.timedOutLiveResponse}`);
  await expect(page.getByRole('heading', { name: 'Live response commands' })).toBeVisible();
  await page.getByText('Raw JSON', { exact: true }).click();
  await expect(page.getByRole('button', { name: 'Copy', exact: true })).toBeVisible();
  await expectNoAccessibilityViolations(page, 'live response commands, raw JSON expanded');
});

test('not found: re-checking during the grace period, then final', async ({ page }) => {
  const id = '0badf00d-0000-4000-8000-0000000000a1';
  await page.clock.install();
  await signIn(page, 'analyst', `/actions/${id}`);
  await expect(page.getByText('Not listed yet')).toBeVisible();
  await expectNoAccessibilityViolations(page, 'not found, re-checking');
  await advanceClock(page, 25_000); // past the 20 s grace period
  await expect(page.getByTestId('problem')).toContainText('Action not found');
  await expectNoAccessibilityViolations(page, 'not found, final');
});

test('access denied (403)', async ({ page }) => {
  await signIn(page, 'no-access', `/actions/${seededActions.investigationPackage}`);
  await expect(page.getByTestId('problem')).toContainText('Access denied');
  await expectNoAccessibilityViolations(page, 'access denied');
});

test('throttled (429)', async ({ page }) => {
  await simulator.injectFault({ status: 429, retryAfter: '30', match: seededActions.offlineDeviceIsolation });
  await signIn(page, 'analyst', `/actions/${seededActions.offlineDeviceIsolation}`);
  await expect(page.getByTestId('problem')).toContainText('Defender asked us to slow down');
  await expectNoAccessibilityViolations(page, 'throttled');
});

for (const status of [500, 503]) {
  test(`Defender trouble (${status}), the last good read kept and marked stale`, async ({ page }) => {
    const id = seededActions.offlineDeviceIsolation;
    await page.clock.install();
    await signIn(page, 'analyst', `/actions/${id}`);
    await expect(page.getByTestId('action-status')).toHaveText('Pending');
    await simulator.injectFault({ status, match: id });
    await advanceToNextCheck(page, id);
    await expect(page.getByTestId('problem')).toContainText('Defender is having trouble');
    await expect(page.getByTestId('stale-note')).toBeVisible();
    await expectNoAccessibilityViolations(page, `HTTP ${status} with stale data`);
  });
}

test('an unreadable answer, its raw text shown', async ({ page }) => {
  await simulator.injectFault({ malformed: true, match: seededActions.offlineDeviceIsolation });
  await signIn(page, 'analyst', `/actions/${seededActions.offlineDeviceIsolation}`);
  await expect(page.getByTestId('problem')).toContainText('Unreadable answer');
  await page.getByText('Raw answer', { exact: true }).click();
  await expect(page.getByRole('button', { name: 'Copy', exact: true })).toBeVisible();
  await expectNoAccessibilityViolations(page, 'malformed answer');
});

test('sign in again: the token was refused even after a silent renewal', async ({ page }) => {
  await simulator.injectFault({ status: 401, count: 2, match: seededActions.offlineDeviceIsolation });
  await signIn(page, 'analyst', `/actions/${seededActions.offlineDeviceIsolation}`);
  await expect(page.getByRole('button', { name: 'Sign in again' })).toBeVisible();
  await expectNoAccessibilityViolations(page, 'sign in again');
});

test('offline, before the first read and while watching', async ({ page, context }) => {
  await page.clock.install();
  await signIn(page, 'analyst', `/actions/${seededActions.offlineDeviceIsolation}`);
  await expect(page.getByTestId('action-status')).toHaveText('Pending');
  await context.setOffline(true);
  await advanceClock(page, 5_000);
  await expect(page.getByTestId('check-status')).toContainText('Offline');
  await expectNoAccessibilityViolations(page, 'offline while watching');

  // A client-side move to another action: the first read waits for the connection.
  await page.getByLabel('Watch another action').fill(seededActions.investigationPackage);
  await page.getByLabel('Watch another action').press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'The browser is offline' })).toBeVisible();
  await expectNoAccessibilityViolations(page, 'offline before the first read');
  await context.setOffline(false);
});

test('the settings error page', async ({ page }) => {
  await page.route('**/config.json', (route) => route.fulfill({ json: { tenantId: 'contoso.onmicrosoft.com', clientId: 'my-app' } }));
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'The app cannot start with these settings' })).toBeVisible();
  await expectNoAccessibilityViolations(page, 'settings error');
});

test('the "Not a machine action ID" page', async ({ page }) => {
  await signIn(page, 'analyst', '/actions/not-a-guid');
  await expect(page.getByRole('heading', { name: 'Not a machine action ID' })).toBeVisible();
  await expectNoAccessibilityViolations(page, 'not a machine action ID');
});

test('a status change is announced in a polite live region, the first read is not', async ({ page }) => {
  const action = await simulator.createAction({
    type: 'Isolate',
    timeline: [
      { status: 'Pending', afterMs: 0 },
      { status: 'InProgress', afterMs: 60_000 },
      { status: 'Succeeded', afterMs: 120_000 },
    ],
  });
  await page.clock.install();
  await signIn(page, 'analyst', `/actions/${action.id}`);
  await expect(page.getByTestId('action-status')).toHaveText('Pending');
  // The region is there before anything changes: assistive technology announces changes to a region it knows.
  const announcer = page.getByRole('status').and(page.getByTestId('status-announcer'));
  await expect(announcer).toHaveAttribute('aria-live', 'polite');
  await expect(announcer).toHaveText('');

  await simulator.advanceClock(60_000);
  await advanceToNextCheck(page, action.id);
  await expect(page.getByTestId('action-status')).toHaveText('In progress');
  await expect(announcer).toHaveText('Status changed from Pending to In progress.');

  await simulator.advanceClock(60_000);
  await advanceToNextCheck(page, action.id);
  await expect(page.getByTestId('action-status')).toHaveText('Succeeded');
  await expect(announcer).toHaveText('Status changed from In progress to Succeeded. Watching has stopped.');
});

test('the watch board: empty, with running and final rows, a finish notice, and paused by a 429', async ({ page }) => {
  await paceByAge();
  const finishing = await simulator.createAction({
    type: 'Isolate',
    timeline: [
      { status: 'Pending', afterMs: 0 },
      { status: 'Succeeded', afterMs: 6_000 },
    ],
    startsOn: 'first-read', // seen Pending first: a notice is raised for a change the board saw
  });
  await signIn(page, 'analyst', '/board');
  await expect(page.getByLabel('Paste action IDs')).toBeVisible();
  await expectNoAccessibilityViolations(page, 'empty board');

  await page.getByLabel('Paste action IDs').fill(`${seededActions.offlineDeviceIsolation} ${seededActions.failedIsolation} ${seededActions.unknownTypeAndStatus} ${finishing.id}`);
  await page.getByRole('button', { name: 'Watch these' }).click();
  await expect(page.getByTestId('watch-row').getByTestId('action-status')).toHaveCount(4);
  await expect(page.getByTestId('finish-notices')).toContainText('Succeeded', { timeout: 20_000 });
  await expectNoAccessibilityViolations(page, 'board with rows and a finish notice');

  await simulator.injectFault({ status: 429, retryAfter: '60' });
  await expect(page.getByTestId('board-paused')).toBeVisible({ timeout: 20_000 });
  await expectNoAccessibilityViolations(page, 'board paused by a 429');
});
