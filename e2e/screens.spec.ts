import type { Page } from '@playwright/test';
import { seededActions } from '../sim/seed.ts';
import { advanceClock, advanceToNextCheck } from './support/checks.ts';
import { paceByAge, simulator } from './support/simulator.ts';
import { expect, open, test } from './support/test.ts';

// Every state the analyst can meet on a screen, in each project (playwright.config.ts): axe (WCAG 2.1 A and
// AA) on the desktop, in the dark (and really dark) and on a phone (no sideways scroll, a one-line header,
// fingertip-sized controls). What each state says is proved by the component tests (docs/testing.md); this
// tour proves how it looks in a real browser. The simulator's own sign-in page stands in for Entra's and is
// not ours: it is never checked.

const status = (page: Page) => page.getByTestId('action-status');
const problem = (page: Page) => page.getByTestId('problem');

test.describe('signed out', () => {
  test.use({ account: 'signed out' });

  test('the start page, and the sign-in page an action link leads to', async ({ page, expectScreen }) => {
    await page.goto('/');
    await expect(page.getByRole('banner').getByRole('button', { name: 'Sign in' })).toBeVisible();
    await expectScreen('signed out, start page');
    await page.goto(`/actions/${seededActions.investigationPackage}`);
    await expect(page.getByRole('heading', { name: 'Sign in to watch machine actions' })).toBeVisible();
    await expectScreen('signed out, sign-in page');
  });

  test('the settings error page', async ({ page, expectScreen }) => {
    await page.route('**/config.json', (route) => route.fulfill({ json: { tenantId: 'contoso.onmicrosoft.com', clientId: 'my-app' } }));
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'The app cannot start with these settings' })).toBeVisible();
    await expectScreen('settings error');
  });
});

test('the start page with the recent actions, its message when the text holds no ID, and an address with no ID', async ({ page, expectScreen }) => {
  await open(page, '/');
  await expect(page.getByRole('heading', { name: 'Watch a machine action' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Your recent actions' })).toBeVisible();
  await expect(page.getByTestId('recent-action').first()).toBeVisible();
  await expectScreen('start page');
  await page.getByLabel('Machine action ID').fill('no id in here');
  await page.getByLabel('Machine action ID').press('Enter');
  await expect(page.getByText('No machine action ID found in this text')).toBeVisible();
  await expectScreen('no ID found');

  await page.goto('/actions/not-a-guid');
  await expect(page.getByRole('heading', { name: 'Not a machine action ID' })).toBeVisible();
  await expectScreen('not a machine action ID');
});

test('loading: the first check has not been answered yet', async ({ page, expectScreen }) => {
  await simulator.injectFault({ delayMs: 8_000, match: seededActions.offlineDeviceIsolation });
  await open(page, `/actions/${seededActions.offlineDeviceIsolation}`);
  await expect(page.getByText('Looking up the action…')).toBeVisible();
  await expectScreen('loading');
});

/**
 * Opens an action's page and checks it; with `rawJson`, opens its raw JSON too (which must wrap, not widen
 * the page) and checks again: the longest answers show it best.
 */
async function checkActionPage(page: Page, expectScreen: (state: string) => Promise<void>, what: string, id: string, { label, rawJson = false }: { label?: string; rawJson?: boolean }): Promise<void> {
  await page.goto(`/actions/${id}`);
  if (label) await expect(status(page)).toHaveText(label);
  else await expect(status(page)).toBeVisible();
  await expectScreen(what);
  if (!rawJson) return;
  await page.getByText('Raw JSON', { exact: true }).click();
  await expect(page.getByRole('region', { name: 'Raw JSON' })).toBeVisible();
  await expectScreen(`${what}, raw JSON open`);
}

test('the action page of each final status, and the raw JSON of a live response', async ({ page, expectScreen }) => {
  await open(page, '/');
  await checkActionPage(page, expectScreen, 'Succeeded', seededActions.investigationPackage, { label: 'Succeeded' });
  await checkActionPage(page, expectScreen, 'Failed, with its error and what to do next', seededActions.failedIsolation, { label: 'Failed' });
  await checkActionPage(page, expectScreen, 'Timed out, with live response commands', seededActions.timedOutLiveResponse, { label: 'Timed out', rawJson: true });
  await checkActionPage(page, expectScreen, 'Cancelled', seededActions.cancelledIsolation, { label: 'Cancelled' });
});

test('the action page while running, of an unknown type and status, with hostile text (its raw JSON open), and a file quarantine', async ({ page, expectScreen }) => {
  // No seeded action stays InProgress: the running scan finishes within a minute.
  const running = await simulator.createAction({ type: 'RunAntiVirusScan', scope: 'Quick', timeline: [{ status: 'InProgress', afterMs: 0 }] });
  await open(page, '/');
  await checkActionPage(page, expectScreen, 'Pending', seededActions.offlineDeviceIsolation, { label: 'Pending' });
  await checkActionPage(page, expectScreen, 'In progress', running.id, { label: 'In progress' });
  await page.getByRole('button', { name: 'Show the last 10' }).click();
  await expect(page.getByTestId('device-actions')).toBeVisible();
  await expectScreen("in progress, with the device's last actions");
  await checkActionPage(page, expectScreen, 'an unknown type and status', seededActions.unknownTypeAndStatus, { label: 'Queued' });
  await checkActionPage(page, expectScreen, 'hostile text: markup, a right-to-left override, a 10,000-character comment', seededActions.hostileStrings, { rawJson: true });
  await checkActionPage(page, expectScreen, 'a file quarantine', seededActions.quarantinedFile, {});
});

test('not found: re-checking during the grace period, then final', async ({ page, expectScreen }) => {
  await page.clock.install();
  await open(page, '/actions/0badf00d-0000-4000-8000-0000000000a1');
  await expect(page.getByText('Not listed yet')).toBeVisible();
  await expectScreen('not found, re-checking');
  await advanceClock(page, 25_000); // past the 20 s grace period
  await expect(problem(page)).toContainText('Not found, or not yours to see');
  await expectScreen('not found, final');
});

test.describe('an account without Machine.Read', () => {
  test.use({ account: 'no-access' });

  test('access denied (403)', async ({ page, expectScreen }) => {
    await open(page, `/actions/${seededActions.investigationPackage}`);
    await expect(problem(page)).toContainText('Access denied');
    await expectScreen('access denied');
  });
});

test('the first read refused: throttled (429), unreadable (its raw text shown), sign in again (401 after a renewal)', async ({ page, expectScreen }) => {
  const id = seededActions.offlineDeviceIsolation;
  await simulator.injectFault({ status: 429, retryAfter: '30', match: id });
  await open(page, `/actions/${id}`);
  await expect(problem(page)).toContainText('Defender asked us to slow down');
  await expectScreen('throttled');

  await simulator.injectFault({ malformed: true, match: id });
  await page.reload();
  await expect(problem(page)).toContainText('Unreadable answer');
  await page.getByText('Raw answer', { exact: true }).click();
  await expect(page.getByRole('button', { name: 'Copy', exact: true })).toBeVisible();
  await expectScreen('malformed answer, its raw text open');

  await simulator.injectFault({ status: 401, count: 2, match: id });
  await page.reload();
  await expect(page.getByRole('button', { name: 'Sign in again' })).toBeVisible();
  await expectScreen('sign in again');
});

test('Defender trouble (500) after the first read: the last good read kept and marked stale', async ({ page, expectScreen }) => {
  const id = seededActions.offlineDeviceIsolation;
  await page.clock.install();
  await open(page, `/actions/${id}`);
  await expect(status(page)).toHaveText('Pending');
  await simulator.injectFault({ status: 500, match: id });
  await advanceToNextCheck(page, id);
  await expect(problem(page)).toContainText('Defender is having trouble');
  await expect(page.getByTestId('stale-note')).toBeVisible();
  await expectScreen('HTTP 500 with stale data');
});

test('offline, while watching and before the first read', async ({ page, context, expectScreen }) => {
  await page.clock.install();
  await open(page, `/actions/${seededActions.offlineDeviceIsolation}`);
  await expect(status(page)).toHaveText('Pending');
  await context.setOffline(true);
  await advanceClock(page, 5_000);
  await expect(page.getByTestId('check-status')).toContainText('Offline');
  await expectScreen('offline while watching');

  // A client-side move to another action: the first read waits for the connection.
  await page.getByLabel('Watch another action').fill(seededActions.investigationPackage);
  await page.getByLabel('Watch another action').press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'The browser is offline' })).toBeVisible();
  await expectScreen('offline before the first read');
  await context.setOffline(false);
});

test('the board: empty, with running and final rows, a finish notice, a stale row, and paused by a 429', async ({ page, expectScreen }) => {
  await paceByAge();
  const finishing = await simulator.createAction({
    type: 'Isolate',
    timeline: [
      { status: 'Pending', afterMs: 0 },
      { status: 'Succeeded', afterMs: 6_000 },
    ],
    startsOn: 'first-read', // seen Pending first: a notice is raised for a change the board saw
  });
  const running = await simulator.createAction({ type: 'RunAntiVirusScan', scope: 'Quick', timeline: [{ status: 'InProgress', afterMs: 0 }] });
  await page.clock.install();
  await open(page, '/board');
  await expect(page.getByLabel('Paste action IDs')).toBeVisible();
  await expectScreen('empty board');

  const ids = [seededActions.offlineDeviceIsolation, seededActions.failedIsolation, seededActions.unknownTypeAndStatus, seededActions.hostileStrings, finishing.id, running.id];
  await page.getByLabel('Paste action IDs').fill(ids.join('\n'));
  await page.getByRole('button', { name: 'Watch these' }).click();
  await expect(page.getByTestId('watch-row').getByTestId('action-status')).toHaveCount(ids.length);
  await simulator.advanceClock(6_000);
  await advanceToNextCheck(page, finishing.id);
  await expect(page.getByTestId('finish-notices')).toContainText('Succeeded');
  await expectScreen('board with rows and a finish notice');

  // Rows whose actions stopped answering: the problem's words, the last status outlined and dated.
  await simulator.injectFault({ status: 500, match: running.id, count: 100 });
  await advanceToNextCheck(page, running.id);
  const failing = page.locator(`[data-action-id="${running.id}"]`);
  await expect(failing.getByTestId('row-problem')).toHaveText('Defender is having trouble');
  await expect(failing.getByTestId('stale-note')).toBeVisible();
  await expectScreen('board with a stale row');

  await simulator.clearFaults();
  await simulator.injectFault({ status: 429, retryAfter: '60' });
  await advanceToNextCheck(page, running.id);
  await expect(page.getByTestId('board-paused')).toBeVisible();
  await expectScreen('board paused by a 429');
});

test('back at the desk: the start page and the board say what finished while the analyst was elsewhere', async ({ page, expectScreen }) => {
  const finishing = (status: string) => [
    { status: 'InProgress', afterMs: 0 },
    { status, afterMs: 10 * 60_000 },
  ];
  const failed = await simulator.createAction({ type: 'Isolate', scope: 'Full', computerDnsName: 'build-srv-07.contoso.example', errorHResult: -2147024891, timeline: finishing('Failed') });
  const scan = await simulator.createAction({ type: 'RunAntiVirusScan', scope: 'Quick', computerDnsName: 'hr-lt-203.contoso.example', timeline: finishing('Succeeded') });
  await open(page, '/board');
  await page.getByLabel('Paste action IDs').fill(`${failed.id}\n${scan.id}`);
  await page.getByRole('button', { name: 'Watch these' }).click();
  await expect(page.getByTestId('watch-row').getByTestId('action-status')).toHaveText(['In progress', 'In progress']);
  await expect.poll(() => page.evaluate(() => localStorage.getItem('machine-action-watch:seen-statuses') ?? '')).toContain('InProgress');

  // Both finish while the analyst is elsewhere in the app.
  await open(page, `/actions/${seededActions.investigationPackage}`);
  await simulator.advanceClock(11 * 60_000);
  await page.getByRole('link', { name: 'Machine action watch' }).click();
  await expect(page.getByTestId('away-words')).toContainText('1 succeeded, 1 failed (Isolate device on build-srv-07.contoso.example)');
  await expectScreen('start page, while you were away');

  await page.getByRole('link', { name: 'Open the board' }).click();
  await expect(page.locator('[data-finished-away]')).toHaveCount(2);
  await expect(page.locator(`[data-action-id="${failed.id}"]`).getByTestId('failure-reason')).toHaveText('E_ACCESSDENIED: access denied');
  await expectScreen('board, while you were away');
});
