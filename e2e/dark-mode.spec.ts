import type { Page } from '@playwright/test';
import { expectNoAccessibilityViolations } from './support/accessibility';
import { advanceClock, advanceToNextCheck } from './support/checks';
import { seededActions } from '../sim/seed.ts';
import { simulator } from './support/simulator';
import { expect, signIn, test } from './support/test';

// Every state e2e/accessibility.spec.ts checks, again on a system that prefers dark: each must be dark
// (not merely pass axe on a light page) and pass WCAG 2.1 A and AA there too.
test.use({ colorScheme: 'dark' });

/** sRGB relative luminance of a computed `rgb(…)` colour (WCAG's formula). */
function luminance(rgb: string): number {
  const channels = (rgb.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
  const [r, g, b] = channels.map((value) => {
    const c = value / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The page really is dark: Mantine's scheme on <html>, and a dark body behind light text. */
async function expectDark(page: Page, state: string): Promise<void> {
  await expect(page.locator('html'), state).toHaveAttribute('data-mantine-color-scheme', 'dark');
  const { background, text } = await page.evaluate(() => {
    const style = getComputedStyle(document.body);
    return { background: style.backgroundColor, text: style.color };
  });
  expect(luminance(background), `${state}: the body's background ${background}`).toBeLessThan(0.05);
  expect(luminance(text), `${state}: the body's text ${text}`).toBeGreaterThan(0.4);
}

async function expectDarkAndAccessible(page: Page, state: string): Promise<void> {
  await expectDark(page, state);
  await expectNoAccessibilityViolations(page, `${state}, dark`);
}

test('signed out: the start page, and the sign-in page an action link leads to', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('banner').getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expectDarkAndAccessible(page, 'signed out, start page');
  await page.goto(`/actions/${seededActions.investigationPackage}`);
  await expect(page.getByRole('heading', { name: 'Sign in to watch machine actions' })).toBeVisible();
  await expectDarkAndAccessible(page, 'signed out, sign-in page');
});

test('the empty start page, and its message when the text holds no ID', async ({ page }) => {
  await signIn(page);
  await expect(page.getByRole('heading', { name: 'Watch a machine action' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Your recent actions' })).toBeVisible();
  await expectDarkAndAccessible(page, 'empty start page');
  await page.getByLabel('Machine action ID').fill('no id in here');
  await page.getByLabel('Machine action ID').press('Enter');
  await expect(page.getByText('No machine action ID found in this text')).toBeVisible();
  await expectDarkAndAccessible(page, 'no ID found');
});

test('loading: the first check has not been answered yet', async ({ page }) => {
  await simulator.injectFault({ delayMs: 8_000, match: seededActions.offlineDeviceIsolation });
  await signIn(page, 'analyst', `/actions/${seededActions.offlineDeviceIsolation}`);
  await expect(page.getByText('Looking up the action…')).toBeVisible();
  await expectDarkAndAccessible(page, 'loading');
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
    const actionId = id ?? (await simulator.createAction({ type: 'RunAntiVirusScan', scope: 'Quick', timeline: [{ status: 'InProgress', afterMs: 0 }] })).id;
    await signIn(page, 'analyst', `/actions/${actionId}`);
    await expect(page.getByTestId('action-status')).toHaveText(label);
    await expectDarkAndAccessible(page, status);
  });
}

test('live response commands, with the raw JSON expanded, and the device\'s last actions', async ({ page }) => {
  await signIn(page, 'analyst', `/actions/${seededActions.timedOutLiveResponse}`);
  await expect(page.getByRole('heading', { name: 'Live response commands' })).toBeVisible();
  await page.getByText('Raw JSON', { exact: true }).click();
  await expect(page.getByRole('button', { name: 'Copy', exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Show the last 10' }).click();
  await expect(page.getByTestId('device-actions')).toBeVisible();
  await expectDarkAndAccessible(page, 'live response commands, raw JSON expanded, device actions');
});

test('not found: re-checking during the grace period, then final', async ({ page }) => {
  const id = '0badf00d-0000-4000-8000-0000000000a1';
  await page.clock.install();
  await signIn(page, 'analyst', `/actions/${id}`);
  await expect(page.getByText('Not listed yet')).toBeVisible();
  await expectDarkAndAccessible(page, 'not found, re-checking');
  await advanceClock(page, 25_000);
  await expect(page.getByTestId('problem')).toContainText('Action not found');
  await expectDarkAndAccessible(page, 'not found, final');
});

test('access denied (403)', async ({ page }) => {
  await signIn(page, 'no-access', `/actions/${seededActions.investigationPackage}`);
  await expect(page.getByTestId('problem')).toContainText('Access denied');
  await expectDarkAndAccessible(page, 'access denied');
});

test('throttled (429)', async ({ page }) => {
  await simulator.injectFault({ status: 429, retryAfter: '30', match: seededActions.offlineDeviceIsolation });
  await signIn(page, 'analyst', `/actions/${seededActions.offlineDeviceIsolation}`);
  await expect(page.getByTestId('problem')).toContainText('Defender asked us to slow down');
  await expectDarkAndAccessible(page, 'throttled');
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
    await expectDarkAndAccessible(page, `HTTP ${status} with stale data`);
  });
}

test('an unreadable answer, its raw text shown', async ({ page }) => {
  await simulator.injectFault({ malformed: true, match: seededActions.offlineDeviceIsolation });
  await signIn(page, 'analyst', `/actions/${seededActions.offlineDeviceIsolation}`);
  await expect(page.getByTestId('problem')).toContainText('Unreadable answer');
  await page.getByText('Raw answer', { exact: true }).click();
  await expect(page.getByRole('button', { name: 'Copy', exact: true })).toBeVisible();
  await expectDarkAndAccessible(page, 'malformed answer');
});

test('sign in again: the token was refused even after a silent renewal', async ({ page }) => {
  await simulator.injectFault({ status: 401, count: 2, match: seededActions.offlineDeviceIsolation });
  await signIn(page, 'analyst', `/actions/${seededActions.offlineDeviceIsolation}`);
  await expect(page.getByRole('button', { name: 'Sign in again' })).toBeVisible();
  await expectDarkAndAccessible(page, 'sign in again');
});

test('offline, before the first read and while watching', async ({ page, context }) => {
  await page.clock.install();
  await signIn(page, 'analyst', `/actions/${seededActions.offlineDeviceIsolation}`);
  await expect(page.getByTestId('action-status')).toHaveText('Pending');
  await context.setOffline(true);
  await advanceClock(page, 5_000);
  await expect(page.getByTestId('check-status')).toContainText('Offline');
  await expectDarkAndAccessible(page, 'offline while watching');
  await page.getByLabel('Watch another action').fill(seededActions.investigationPackage);
  await page.getByLabel('Watch another action').press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'The browser is offline' })).toBeVisible();
  await expectDarkAndAccessible(page, 'offline before the first read');
  await context.setOffline(false);
});

test('the settings error page', async ({ page }) => {
  await page.route('**/config.json', (route) => route.fulfill({ json: { tenantId: 'contoso.onmicrosoft.com', clientId: 'my-app' } }));
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'The app cannot start with these settings' })).toBeVisible();
  await expectDarkAndAccessible(page, 'settings error');
});

test('the "Not a machine action ID" page', async ({ page }) => {
  await signIn(page, 'analyst', '/actions/not-a-guid');
  await expect(page.getByRole('heading', { name: 'Not a machine action ID' })).toBeVisible();
  await expectDarkAndAccessible(page, 'not a machine action ID');
});

test('the watch board: empty, with running and final rows, a finish notice, a row gone missing, and paused by a 429', async ({ page }) => {
  const finishing = await simulator.createAction({
    type: 'Isolate',
    timeline: [
      { status: 'Pending', afterMs: 0 },
      { status: 'Succeeded', afterMs: 6_000 },
    ],
    startsOn: 'first-read',
  });
  // New, so checked every 5 s: the fault below meets a check within the test's patience.
  const running = await simulator.createAction({ type: 'RunAntiVirusScan', scope: 'Quick', timeline: [{ status: 'InProgress', afterMs: 0 }] });
  await signIn(page, 'analyst', '/board');
  await expect(page.getByLabel('Paste action IDs')).toBeVisible();
  await expectDarkAndAccessible(page, 'empty board');

  await page.getByLabel('Paste action IDs').fill(`${seededActions.offlineDeviceIsolation} ${seededActions.failedIsolation} ${seededActions.unknownTypeAndStatus} ${finishing.id} ${running.id}`);
  await page.getByRole('button', { name: 'Watch these' }).click();
  await expect(page.getByTestId('watch-row').getByTestId('action-status')).toHaveCount(5);
  await expect(page.getByTestId('finish-notices')).toContainText('Succeeded', { timeout: 20_000 });
  await expectDarkAndAccessible(page, 'board with rows and a finish notice');

  // A row whose action stopped answering: the problem's words, the last status outlined and dated.
  await simulator.injectFault({ status: 500, match: running.id, count: 100 });
  const failing = page.locator(`[data-action-id="${running.id}"]`);
  await expect(failing.getByTestId('row-problem')).toHaveText('Defender is having trouble', { timeout: 20_000 });
  await expect(failing.getByTestId('stale-note')).toBeVisible();
  await expectDarkAndAccessible(page, 'board with a stale row');

  // The 500s first make way (a fault matching a request is taken before any later one); the next check,
  // after the back-off, meets the 429.
  await simulator.clearFaults();
  await simulator.injectFault({ status: 429, retryAfter: '60' });
  await expect(page.getByTestId('board-paused')).toBeVisible({ timeout: 30_000 });
  await expectDarkAndAccessible(page, 'board paused by a 429');
});

test('the header\'s theme choice overrides the system and is remembered; "System" follows it again', async ({ page }) => {
  await signIn(page);
  const theme = page.getByRole('banner').getByLabel('Theme', { exact: true });
  await expect(theme).toHaveValue('auto');
  await expectDark(page, 'following a dark system');

  await theme.selectOption('light');
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'light');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Watch a machine action' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'light');
  await expect(theme).toHaveValue('light');
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(luminance(background), `light by choice: the body's background ${background}`).toBeGreaterThan(0.8);
  await expectNoAccessibilityViolations(page, 'light by choice on a dark system');

  await theme.selectOption('auto');
  await expectDark(page, 'following the system again');
});
