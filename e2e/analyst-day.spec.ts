import type { Page } from '@playwright/test';
import { seededActions } from '../sim/seed.ts';
import { expectNoRequestWithin, isDefenderCall } from './support/checks.ts';
import { paceByAge, simulator } from './support/simulator.ts';
import { expect, open, signIn, test } from './support/test.ts';

const rows = (page: Page) => page.getByTestId('watch-row');

test.describe('the sign-in a browser keeps', () => {
  test.use({ account: 'signed out' });

  test('a link opened in a new tab of a signed-in browser shows the action with no click', async ({ context, page }) => {
    await signIn(page);
    const newTab = await context.newPage();
    await newTab.goto(`/actions/${seededActions.investigationPackage}`);
    await expect(newTab.getByTestId('action-status')).toHaveText('Succeeded');
    await expect(newTab.getByRole('button', { name: 'Sign in' })).toHaveCount(0);
  });

  test('with "signInCache": "tab", each tab signs in by itself, as before', async ({ context, page }) => {
    await context.route('**/config.json', (route) => route.fulfill({ json: { signInCache: 'tab' } }));
    await signIn(page);
    const newTab = await context.newPage();
    await newTab.goto(`/actions/${seededActions.investigationPackage}`);
    await expect(newTab.getByRole('heading', { name: 'Sign in to watch machine actions' })).toBeVisible();
    const msalKeys = await page.evaluate(() => Object.keys(window.localStorage).filter((key) => key.startsWith('msal.') && key !== 'msal.version'));
    expect(msalKeys).toEqual([]);
  });

  test('a browser closed and opened again asks for sign-in and makes no call with what was left behind', async ({ browser, page }) => {
    await signIn(page, 'analyst', `/actions/${seededActions.investigationPackage}`);
    await expect(page.getByTestId('action-status')).toHaveText('Succeeded');
    // Closing the browser ends its session cookies (MSAL's cache key among them); storage stays behind.
    const leftBehind = await page.context().storageState();
    expect(leftBehind.origins.some((origin) => origin.localStorage.some((item) => item.name.startsWith('msal.')))).toBe(true);
    const reopened = await browser.newContext({ storageState: { cookies: [], origins: leftBehind.origins } });
    const again = await reopened.newPage();
    await again.clock.install();
    await simulator.clearRequests();
    await again.goto(`/actions/${seededActions.investigationPackage}`);
    await expect(again.getByRole('heading', { name: 'Sign in to watch machine actions' })).toBeVisible();
    await expectNoRequestWithin(again, isDefenderCall, 10_000, 'calls to Defender');
    expect((await simulator.requests()).filter((request) => request.path.startsWith('/api/'))).toEqual([]);
    await reopened.close();
  });

  test('signing out in one tab signs out every tab, and none calls Defender after it', async ({ context, page }) => {
    await paceByAge();
    const action = await simulator.createAction({ type: 'Isolate', status: 'Pending' });
    await context.clock.install();
    await signIn(page, 'analyst', `/actions/${action.id}`);
    const other = await context.newPage();
    await other.goto(`/actions/${action.id}`);
    await expect(other.getByTestId('action-status')).toHaveText('Pending');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('banner').getByRole('button', { name: 'Sign in' })).toBeVisible();
    await expect(other.getByTestId('signed-out-elsewhere')).toBeVisible();
    await expect(other.getByTestId('signed-in-account')).toHaveCount(0);
    // A new action is checked every 5 s: 12 s without a call means no tab is checking.
    await expectNoRequestWithin(other, isDefenderCall, 12_000, 'calls to Defender from either tab');
  });
});

test('a ticket with three IDs pasted on the start page lands on the board with all three', async ({ page }) => {
  const ids = [seededActions.pendingIsolation, seededActions.failedIsolation, seededActions.investigationPackage];
  await open(page, '/');
  const field = page.getByLabel('Machine action ID');
  await field.fill(`INC-2041 containment\n- isolate: ${ids[0]}\n- failed before: ${ids[1]}\n- package: ${ids[2]}`);
  await field.press('Enter');
  await expect(page).toHaveURL(/\/board$/);
  await expect(page.getByTestId('pasted-result')).toHaveText('Found 3 action IDs in what you pasted: added 3.');
  await expect(rows(page)).toHaveCount(3);
  for (const id of ids) await expect(page.locator(`[data-action-id="${id}"]`)).toBeVisible();
});

test('actions and failures are told in plain words', async ({ page }) => {
  await open(page, `/actions/${seededActions.failedIsolation}`);
  await expect(page.getByTestId('action-status')).toHaveText('Failed');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Isolate device');
  await expect(page).toHaveTitle('Failed · Isolate device · Machine action watch');
  await expect(page.getByTestId('type-identifier')).toHaveText('Isolate');
  await expect(page.getByTestId('hresult')).toHaveText('-2147024891 (0x80070005) E_ACCESSDENIED');
  await expect(page.getByTestId('hresult-meaning')).toContainText('Access denied');
  await expect(page.getByTestId('next-steps')).toContainText('The device reported 0x80070005 E_ACCESSDENIED');
  await expect(page.getByTestId('next-steps')).toContainText('tamper protection or a policy');

  const scan = await simulator.createAction({ type: 'RunAntiVirusScan', scope: 'Quick', status: 'InProgress' });
  const unknown = await simulator.createAction({ type: 'ContainDevice', status: 'Pending' });
  await page.goto('/board');
  await page.getByLabel('Paste action IDs').fill(`${scan.id} ${unknown.id} ${seededActions.failedIsolation}`);
  await page.getByRole('button', { name: 'Watch these' }).click();
  await expect(page.locator(`[data-action-id="${scan.id}"]`)).toContainText('Run antivirus scan (Quick)');
  await expect(page.locator(`[data-action-id="${unknown.id}"]`)).toContainText('ContainDevice');
  await expect(page.locator(`[data-action-id="${seededActions.failedIsolation}"]`).getByTestId('duration')).toContainText('took');
  await expect(page.locator(`[data-action-id="${scan.id}"]`).getByTestId('duration')).toContainText('so far');
  await expect(page.getByTestId('board-counts')).toHaveText('2 running · 0 succeeded · 1 needs attention');
});

test('the start page lists the analyst’s own recent actions, running first, and what this browser watched, with type, device and status', async ({ page }) => {
  await open(page, `/actions/${seededActions.cancelledIsolation}`);
  await expect(page.getByTestId('action-status')).toHaveText('Cancelled');
  await page.getByRole('link', { name: 'Machine action watch' }).click();
  const recent = page.getByRole('region', { name: 'Your recent actions' });
  await expect(recent.getByTestId('recent-action').first()).toBeVisible();
  // Dana's pending isolation is running: it comes before her finished ones.
  await expect(recent.getByTestId('recent-action').first()).toContainText('Pending');
  await expect(recent.getByRole('link', { name: 'Collect investigation package' })).toBeVisible();
  // What this browser watched, read afresh: its status, type and device, and its short ID.
  const watched = page.getByTestId('watched-lately-entry').filter({ has: page.locator(`a[href="/actions/${seededActions.cancelledIsolation}"]`) });
  await expect(watched).toContainText('Cancelled');
  await expect(watched).toContainText(/Isolate device.* on \S+/);
  await expect(watched).toContainText(seededActions.cancelledIsolation.slice(0, 8));

  // Read once: coming back to the start page does not spend the quota again.
  const listCalls = async () => (await simulator.requests()).filter((request) => (request.query.$filter ?? '').includes('requestor eq')).length;
  const before = await listCalls();
  await page.getByRole('link', { name: 'Watch board' }).click();
  await page.getByRole('link', { name: 'Machine action watch' }).click();
  await expect(recent.getByTestId('recent-action').first()).toBeVisible();
  expect(await listCalls()).toBe(before);
});

test.describe('a guest', () => {
  test.use({ account: 'guest' });

  test('a guest whose account name matches no requestor is told so, and the field still works', async ({ page }) => {
    await open(page, '/');
    await expect(page.getByTestId('no-recent-actions')).toContainText('Defender lists no action requested by sam.guest_fabrikam.example#EXT#@contoso.onmicrosoft.com');
    await page.getByLabel('Machine action ID').fill(seededActions.investigationPackage);
    await page.getByLabel('Machine action ID').press('Enter');
    await expect(page.getByTestId('action-status')).toHaveText('Succeeded');
  });
});

test('times from a Defender clock 15 minutes ahead are never in the future, and the page says the clocks differ', async ({ page }) => {
  await simulator.advanceClock(15 * 60_000);
  const action = await simulator.createAction({ type: 'Isolate', status: 'Pending' });
  await open(page, `/actions/${action.id}`);
  await expect(page.getByTestId('action-status')).toHaveText('Pending');
  await expect(page.getByTestId('clock-skew')).toContainText('about 15 minutes ahead');
  await expect(page.getByRole('main')).not.toContainText(/\bin \d+ (minute|second|hour)s?\b/);
  await page.getByRole('button', { name: 'Watch on the board' }).click();
  await page.getByRole('link', { name: 'Watch board' }).click();
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText('just now');
  await expect(page.getByRole('main')).not.toContainText(/\bin \d+ (minute|second|hour)s?\b/);
});

test('a board link with 300 IDs opens, with the IDs in the fragment that never reaches the server', async ({ page }) => {
  const created = await Promise.all(Array.from({ length: 300 }, () => simulator.createAction({ type: 'RunAntiVirusScan', scope: 'Quick', status: 'Succeeded' })));
  const ids = created.map((action) => action.id);
  await open(page, '/');
  const served: string[] = [];
  page.on('request', (request) => served.push(request.url()));
  await page.goto(`/board#ids=${ids.join(',')}`);
  await expect(page.getByText('From the link: Added 300 actions.')).toBeVisible();
  await expect(rows(page)).toHaveCount(300);
  expect(served.filter((url) => url.includes(ids[0]) && !url.includes('/api/machineactions'))).toEqual([]);
  // The board's own link goes in the fragment too, and the old ?ids= form still opens.
  await page.goto(`/board?ids=${seededActions.offlineDeviceIsolation}`);
  await expect(rows(page)).toHaveCount(301);
});

test('a saved list longer than the board holds: the board watches 500 and keeps the rest on screen to copy', async ({ page }) => {
  await open(page, '/board');
  const ids = Array.from({ length: 502 }, (_, n) => `33333333-3333-4333-8333-${String(n).padStart(12, '0')}`);
  // The watch list from an older version (or another tab): IDs only, never a session.
  await page.evaluate((saved) => window.localStorage.setItem('machine-action-watch:watched-ids', JSON.stringify(saved)), ids);
  await page.reload();
  await expect(rows(page)).toHaveCount(500);
  const notice = page.getByTestId('beyond-limit');
  await expect(notice).toContainText('2 saved actions are not watched');
  await expect(notice.getByLabel('IDs not watched')).toHaveValue(`${ids[500]}\n${ids[501]}`);
});
