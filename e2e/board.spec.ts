import type { Page } from '@playwright/test';
import { readsAction } from '../sim/testing/logged-reads.ts';
import { seededActions } from '../sim/seed.ts';
import { advanceClock, advanceToNextCheck, expectNoRequestWithin, isDefenderCall } from './support/checks.ts';
import { isHistoryRead, paceByAge, simulator } from './support/simulator.ts';
import { expect, open, signIn, test } from './support/test.ts';

async function paste(page: Page, text: string) {
  await page.getByLabel('Paste action IDs').fill(text);
  await page.getByRole('button', { name: 'Watch these' }).click();
}

const rows = (page: Page) => page.getByTestId('watch-row');

test('pasting a ticket adds each ID once, and the board reads them all with one request per check', async ({ page }) => {
  await paceByAge();
  // Two actions created just now (checked every 5 s while new) and one that finished long ago.
  const isolation = await simulator.createAction({ type: 'Isolate', status: 'Pending' });
  const scan = await simulator.createAction({ type: 'RunAntiVirusScan', status: 'InProgress' });
  await page.clock.install();
  await open(page, '/board');
  await paste(page, `Ticket INC-2041\n- ${isolation.id}\n- ${scan.id} (repeat: ${scan.id})\n- https://security.microsoft.com/x?id=${seededActions.investigationPackage}`);
  await expect(page.getByTestId('add-result')).toHaveText('Added 3 actions.');
  await expect(rows(page)).toHaveCount(3);
  await expect(page.getByTestId('board-counts')).toHaveText('2 running · 1 succeeded · 0 need attention');
  // Running first, finished last.
  await expect(rows(page).last()).toHaveAttribute('data-action-id', seededActions.investigationPackage);

  await paste(page, `${isolation.id} and ${seededActions.failedIsolation}`);
  await expect(page.getByTestId('add-result')).toHaveText('Added 1 action; 1 was already watched.');
  await paste(page, 'no ids here');
  await expect(page.getByText('No machine action ID found in this text')).toBeVisible();
  await expect(rows(page)).toHaveCount(4);

  // From then on, every check is one list call naming every running action.
  await expect(rows(page).getByTestId('action-status')).toHaveCount(4);
  await simulator.clearRequests();
  await advanceClock(page, 12_000); // two checks and more at the 5 s pace
  const checks = (await simulator.requests()).filter((request) => !isHistoryRead(request));
  expect(checks.length).toBeGreaterThanOrEqual(2);
  for (const request of checks) {
    expect(request.path).toBe('/api/machineactions');
    expect(readsAction(request, isolation.id) && readsAction(request, scan.id)).toBe(true);
    expect(readsAction(request, seededActions.investigationPackage)).toBe(false); // finished: not read again
  }
});

test('the board survives a reload, and its link carries its IDs', async ({ page, browser }) => {
  await open(page, '/board');
  await paste(page, `${seededActions.offlineDeviceIsolation} ${seededActions.cancelledIsolation}`);
  await expect(rows(page)).toHaveCount(2);
  await page.reload();
  await expect(rows(page)).toHaveCount(2);

  const link = `/board?ids=${seededActions.offlineDeviceIsolation},${seededActions.cancelledIsolation}`;
  // A colleague's browser, which has not signed in yet.
  const other = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const colleague = await other.newPage();
  await signIn(colleague, 'analyst', link);
  await expect(rows(colleague)).toHaveCount(2);
  await expect(colleague.getByText('From the link: Added 2 actions.')).toBeVisible();
  await other.close();
});

test('two tabs share one poller, and the other tab takes over when the leader closes', async ({ context, page }) => {
  await paceByAge();
  const action = await simulator.createAction({
    type: 'Isolate',
    timeline: [
      { status: 'Pending', afterMs: 0 },
      { status: 'InProgress', afterMs: 600_000 },
    ],
  });
  await context.clock.install(); // one clock for every tab of the browser
  await open(page, '/board');
  await paste(page, action.id);
  await expect(rows(page)).toHaveCount(1);
  const second = await context.newPage();
  await open(second, '/board');
  await expect(rows(second)).toHaveCount(1);
  await expect(rows(second).getByTestId('action-status')).toHaveText('Pending');

  // Over 20 s, the two tabs cost what one costs: one read per check (at the budget's pace, about every
  // 3 s: 6 or 7), not two (13).
  await simulator.clearRequests();
  await advanceClock(second, 20_000);
  const reads = (await simulator.requests()).filter((request) => readsAction(request, action.id)).length;
  expect(reads).toBeGreaterThanOrEqual(5);
  expect(reads).toBeLessThanOrEqual(8);

  // The leader closes; the remaining tab polls from now on and sees the action move.
  await page.close();
  await simulator.advanceClock(600_000);
  await advanceToNextCheck(second, action.id);
  await expect(rows(second).getByTestId('action-status')).toHaveText('In progress');
});

test('a 429 pauses every call until Retry-After has passed', async ({ page }) => {
  await paceByAge();
  // Created just now, so checked every 5 s.
  const isolation = await simulator.createAction({ type: 'Isolate', status: 'Pending' });
  const scan = await simulator.createAction({ type: 'RunAntiVirusScan', status: 'InProgress' });
  await page.clock.install();
  await open(page, '/board');
  await paste(page, `${isolation.id} ${scan.id}`);
  await expect(rows(page)).toHaveCount(2);
  await expect(rows(page).getByTestId('action-status')).toHaveCount(2);
  await simulator.injectFault({ status: 429, retryAfter: '12', count: 1 });
  expect((await advanceToNextCheck(page, isolation.id)).status()).toBe(429);
  await expect(page.getByTestId('board-paused')).toContainText('shared by everyone using this app registration');
  await expectNoRequestWithin(page, isDefenderCall, 9_000, 'calls to Defender during the pause');
  expect((await advanceToNextCheck(page, isolation.id, 10_000)).status()).toBe(200);
  await expect(page.getByTestId('board-paused')).toHaveCount(0);
});

test('a final status raises an in-app notice, marks the tab, and a desktop notification once allowed', async ({ context, page }) => {
  await paceByAge();
  await context.grantPermissions(['notifications']);
  // Records desktop notifications: headless Chromium shows none, so the test reads what the app created.
  await page.addInitScript(`
    window.createdNotifications = [];
    const Original = window.Notification;
    class Recorded {
      static get permission() { return Original.permission; }
      static requestPermission() { return Original.requestPermission(); }
      constructor(title, options) { window.createdNotifications.push({ title, body: options && options.body }); }
    }
    window.Notification = Recorded;
  `);
  const action = await simulator.createAction({
    type: 'Isolate',
    computerDnsName: 'hr-ws-007.contoso.example',
    timeline: [
      { status: 'Pending', afterMs: 0 },
      { status: 'Failed', afterMs: 8_000 },
    ],
    startsOn: 'first-read',
  });
  await page.clock.install();
  await open(page, '/board');
  await paste(page, action.id);
  await expect(rows(page).getByTestId('action-status')).toHaveText('Pending');
  await simulator.advanceClock(8_000);
  await advanceToNextCheck(page, action.id);
  const notice = page.getByTestId('finish-notice');
  await expect(notice).toContainText('Needs attention:');
  await expect(notice).toContainText(`Failed${action.id.slice(0, 8)}Isolate device on hr-ws-007.contoso.example`);
  await expect(page).toHaveTitle(/^\(1\) 1 needs attention/);
  expect(await page.locator('link[rel="icon"]').getAttribute('href')).toMatch(/^data:image\/svg\+xml,/);
  const created = await page.evaluate(() => (window as unknown as { createdNotifications: { title: string; body: string }[] }).createdNotifications);
  expect(created).toEqual([{ title: 'A machine action needs attention', body: 'Isolate device on hr-ws-007.contoso.example: Failed (needs attention)' }]);

  await page.getByRole('button', { name: `Dismiss the notice about ${action.id}` }).click();
  // The news is read; the failed action is still on the board, and the tab counts it as the summary does.
  await expect(page).toHaveTitle('1 needs attention · Machine action watch');
  await expect(page.getByTestId('board-counts')).toHaveText('0 running · 0 succeeded · 1 needs attention');
});

test('copy for the ticket puts a plain-text summary on the clipboard', async ({ context, page }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await open(page, `/actions/${seededActions.cancelledIsolation}`);
  await expect(page.getByTestId('action-status')).toHaveText('Cancelled');
  await page.getByRole('button', { name: 'Copy for the ticket' }).click();
  await expect(page.getByRole('button', { name: 'Copied for the ticket' })).toBeVisible();
  const text = await page.evaluate(() => navigator.clipboard.readText());
  expect(text).toContain(`Defender machine action ${seededActions.cancelledIsolation}`);
  expect(text).toContain('Status: Cancelled');
  expect(text).toMatch(/Cancelled by: .+/);
  expect(text).not.toMatch(/[<>]/);
});

test('rows stay where they are under the pointer while an action finishes, and sort once it leaves', async ({ page }) => {
  await paceByAge();
  const finishing = await simulator.createAction({
    type: 'Isolate',
    timeline: [
      { status: 'Pending', afterMs: 0 },
      { status: 'Succeeded', afterMs: 8_000 },
    ],
    startsOn: 'first-read',
  });
  const running = await simulator.createAction({ type: 'RunAntiVirusScan', scope: 'Quick', timeline: [{ status: 'InProgress', afterMs: 0 }] });
  await page.clock.install();
  await open(page, '/board');
  await paste(page, `${finishing.id} ${running.id}`);
  await expect(rows(page).getByTestId('action-status')).toHaveText(['Pending', 'In progress']);
  const first = rows(page).first();
  await first.hover();
  const before = await first.boundingBox();
  await simulator.advanceClock(8_000);
  await advanceToNextCheck(page, finishing.id);
  await expect(page.getByTestId('finish-notice')).toHaveCount(1);
  // The finished row keeps its place and its position on screen: the notice does not push the table.
  await expect(rows(page).first()).toHaveAttribute('data-action-id', finishing.id);
  expect((await rows(page).first().boundingBox())?.y).toBe(before?.y);
  await page.mouse.move(0, 0);
  await expect(rows(page).first()).toHaveAttribute('data-action-id', running.id);
});

test('"Copy the board for the ticket": one plain-text line an action, in the action page words, times in UTC', async ({ context, page }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await open(page, '/board');
  await paste(page, `${seededActions.failedIsolation} ${seededActions.cancelledIsolation}`);
  await expect(rows(page).getByTestId('action-status')).toHaveText(['Failed', 'Cancelled']);
  await page.getByRole('button', { name: 'Copy the board for the ticket' }).click();
  await expect(page.getByRole('button', { name: 'Copied the board' })).toBeVisible();
  const lines = (await page.evaluate(() => navigator.clipboard.readText())).split('\n');
  expect(lines[0]).toMatch(/^Machine action watch: 2 machine actions as of \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);
  expect(lines).toHaveLength(3);
  expect(lines[1]).toMatch(new RegExp(`^Defender machine action ${seededActions.failedIsolation}; Type: Isolate device .*; Status: Failed; .*Error \\(HRESULT\\): -2147024891 \\(0x80070005\\) E_ACCESSDENIED`));
  expect(lines[2]).toMatch(new RegExp(`^Defender machine action ${seededActions.cancelledIsolation}; .*Status: Cancelled; .*Created: \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC`));
  expect(lines.join('\n')).not.toMatch(/[<>]/);
});

test("a device's recent actions are a click away from being watched", async ({ page }) => {
  await open(page, `/actions/${seededActions.failedIsolation}`);
  await expect(page.getByTestId('action-status')).toHaveText('Failed');
  await page.getByRole('button', { name: 'Show the last 10' }).click();
  const table = page.getByTestId('device-actions');
  await expect(table.getByRole('row')).not.toHaveCount(0);
  const watchButtons = table.getByRole('button', { name: /^Watch / });
  await expect(watchButtons.first()).toBeVisible();
  await watchButtons.first().click();
  await page.getByRole('link', { name: 'Watch board' }).click();
  await expect(rows(page)).toHaveCount(1);
});
