import type { Page } from '@playwright/test';
import { isDefenderRead, readsAction } from '../sim/testing/logged-reads.ts';
import { paceByAge, simulator } from './support/simulator.ts';
import { expect, signIn, test } from './support/test.ts';

// Tabs of one browser share one poller: what the polling tab knows, its 429 pause and its sign-out are
// every tab's. The browser's sign-in is shared by the tabs of one context, so a second tab needs no click.

async function paste(page: Page, text: string) {
  await page.getByLabel('Paste action IDs').fill(text);
  await page.getByRole('button', { name: 'Watch these' }).click();
}

const rows = (page: Page) => page.getByTestId('watch-row');

/** The simulator's time now, in ms: its log is stamped with it. */
const simulatorNow = async () => Date.parse((await simulator.clock()).now);

test('a tab opened after the polling tab saw an action finish shows it at once, without reading it again', async ({ context, page }) => {
  await paceByAge();
  test.setTimeout(90_000);
  const action = await simulator.createAction({
    type: 'Isolate',
    timeline: [
      { status: 'Pending', afterMs: 0 },
      { status: 'Succeeded', afterMs: 6_000 },
    ],
    startsOn: 'first-read',
  });
  await signIn(page, 'analyst', '/board');
  await paste(page, action.id);
  await expect(rows(page).getByTestId('action-status')).toHaveText('Succeeded', { timeout: 20_000 });
  const readsBefore = await simulator.readsOf(action.id);

  // The board's IDs are kept in localStorage, so the new tab's board watches the finished action too.
  const board = await context.newPage();
  await signIn(board, 'analyst', '/board');
  await expect(rows(board).getByTestId('action-status')).toHaveText('Succeeded', { timeout: 5_000 });
  const actionPage = await context.newPage();
  await signIn(actionPage, 'analyst', `/actions/${action.id}`);
  await expect(actionPage.getByTestId('action-status')).toHaveText('Succeeded', { timeout: 5_000 });
  expect(await simulator.readsOf(action.id), 'reads of the finished action since it finished').toBe(readsBefore);
});

test('the tab that takes over from a polling tab closed during a 429 pause waits out Retry-After, even for a newly pasted ID', async ({ context, page }) => {
  test.setTimeout(120_000);
  // Created just now, so checked every 5 s; the second is pasted only once the polling tab is gone.
  const watched = await simulator.createAction({ type: 'Isolate', status: 'Pending' });
  const pastedLater = await simulator.createAction({ type: 'RunAntiVirusScan', status: 'InProgress' });
  await signIn(page, 'analyst', '/board');
  await paste(page, watched.id);
  await expect(rows(page).getByTestId('action-status')).toHaveText('Pending');
  const second = await context.newPage();
  await signIn(second, 'analyst', '/board');
  await expect(rows(second).getByTestId('action-status')).toHaveText('Pending');

  await simulator.injectFault({ status: 429, retryAfter: '30', count: 1 });
  await expect(second.getByTestId('board-paused')).toBeVisible({ timeout: 15_000 });
  const throttled = (await simulator.requests()).find((request) => request.status === 429);
  if (!throttled) throw new Error('the simulator logged no 429');
  const pauseEnds = Date.parse(throttled.at) + 30_000;

  await page.close();
  await paste(second, pastedLater.id);
  await expect(rows(second)).toHaveCount(2);
  // The next call comes once the pause is over, not before; the new ID is read then.
  await expect.poll(() => simulator.readsOf(pastedLater.id), { timeout: 45_000, intervals: [1_000] }).toBeGreaterThan(0);
  const after = (await simulator.requests()).filter((request) => isDefenderRead(request) && Date.parse(request.at) > Date.parse(throttled.at));
  const early = after.filter((request) => Date.parse(request.at) < pauseEnds);
  expect(
    early.map((request) => `${request.at}: ${request.path}${readsAction(request, pastedLater.id) ? ' (the new ID)' : ''}`),
    `calls before the pause ends at ${new Date(pauseEnds).toISOString()}`,
  ).toEqual([]);
  await expect(second.locator(`[data-testid="watch-row"][data-action-id="${pastedLater.id}"]`).getByTestId('action-status')).toHaveText('In progress');
});

// With the browser's shared sign-in, the sign-out takes every tab's tokens with it; with a sign-in per tab
// ("signInCache": "tab") the other tab keeps its own, and only the sign-out broadcast stops it using them.
for (const signInCache of ['browser', 'tab'] as const) {
  test(`after a sign-out in the polling tab, no tab calls Defender (signInCache "${signInCache}")`, async ({ context, page }) => {
    await paceByAge();
    test.setTimeout(90_000);
    if (signInCache === 'tab') await context.route('**/config.json', (route) => route.fulfill({ json: { signInCache } }));
    const action = await simulator.createAction({ type: 'Isolate', status: 'Pending' }); // checked every 5 s
    await signIn(page, 'analyst', '/board');
    await paste(page, action.id);
    await expect(rows(page).getByTestId('action-status')).toHaveText('Pending');
    const second = await context.newPage();
    await signIn(second, 'analyst', '/board');
    await expect(rows(second).getByTestId('action-status')).toHaveText('Pending');
    // The watch is live: the polling tab reads the action every 5 s.
    await simulator.clearRequests();
    await expect.poll(() => simulator.readsOf(action.id), { timeout: 15_000 }).toBeGreaterThan(0);

    const signedOutAt = await simulatorNow();
    await page.getByRole('button', { name: 'Sign out' }).click();
    // Over 12 s (two checks and more at the 5 s pace), nothing reaches Defender from either tab.
    await second.waitForTimeout(12_000);
    const calls = (await simulator.requests()).filter((request) => Date.parse(request.at) >= signedOutAt);
    expect(calls.map((request) => `${request.at}: ${request.method} ${request.path} (${request.status ?? 'no answer'})`)).toEqual([]);
    await expect(second.getByTestId('signed-out-elsewhere')).toBeVisible();
  });
}
