import type { Page } from '@playwright/test';
import { advanceToNextCheck, expectNoRequestWithin, isDefenderCall } from './support/checks.ts';
import { paceByAge, simulator } from './support/simulator.ts';
import { expect, open, signIn, test } from './support/test.ts';

// Tabs of one browser share one poller: what the polling tab knows, its 429 pause and its sign-out are
// every tab's. The browser's sign-in is shared by the tabs of one context, so a second tab needs no click.
// One clock (the context's) runs every tab.

async function paste(page: Page, text: string) {
  await page.getByLabel('Paste action IDs').fill(text);
  await page.getByRole('button', { name: 'Watch these' }).click();
}

const rows = (page: Page) => page.getByTestId('watch-row');

test('a tab opened after the polling tab saw an action finish shows it at once, without reading it again', async ({ context, page }) => {
  await paceByAge();
  const action = await simulator.createAction({
    type: 'Isolate',
    timeline: [
      { status: 'Pending', afterMs: 0 },
      { status: 'Succeeded', afterMs: 6_000 },
    ],
    startsOn: 'first-read',
  });
  await context.clock.install();
  await open(page, '/board');
  await paste(page, action.id);
  await expect(rows(page).getByTestId('action-status')).toHaveText('Pending');
  await simulator.advanceClock(6_000);
  await advanceToNextCheck(page, action.id);
  await expect(rows(page).getByTestId('action-status')).toHaveText('Succeeded');
  const readsBefore = await simulator.readsOf(action.id);

  // The board's IDs are kept in localStorage, so the new tab's board watches the finished action too.
  const board = await context.newPage();
  await open(board, '/board');
  await expect(rows(board).getByTestId('action-status')).toHaveText('Succeeded');
  const actionPage = await context.newPage();
  await open(actionPage, `/actions/${action.id}`);
  await expect(actionPage.getByTestId('action-status')).toHaveText('Succeeded');
  expect(await simulator.readsOf(action.id), 'reads of the finished action since it finished').toBe(readsBefore);
});

test('the tab that takes over from a polling tab closed during a 429 pause waits out Retry-After, even for a newly pasted ID', async ({ context, page }) => {
  // Created just now, so checked every 5 s; the second is pasted only once the polling tab is gone.
  const watched = await simulator.createAction({ type: 'Isolate', status: 'Pending' });
  const pastedLater = await simulator.createAction({ type: 'RunAntiVirusScan', status: 'InProgress' });
  await context.clock.install();
  await open(page, '/board');
  await paste(page, watched.id);
  await expect(rows(page).getByTestId('action-status')).toHaveText('Pending');
  const second = await context.newPage();
  await open(second, '/board');
  await expect(rows(second).getByTestId('action-status')).toHaveText('Pending');

  await simulator.injectFault({ status: 429, retryAfter: '30', count: 1 });
  expect((await advanceToNextCheck(page, watched.id)).status()).toBe(429);
  await expect(second.getByTestId('board-paused')).toBeVisible();

  await page.close();
  await paste(second, pastedLater.id);
  await expect(rows(second)).toHaveCount(2);
  // Nothing is called before the pause is over, the new ID included; it is read once the pause has passed.
  await expectNoRequestWithin(second, isDefenderCall, 28_000, 'calls to Defender before the 30 s pause ends');
  await advanceToNextCheck(second, pastedLater.id, 15_000);
  await expect(second.locator(`[data-testid="watch-row"][data-action-id="${pastedLater.id}"]`).getByTestId('action-status')).toHaveText('In progress');
});

// With the browser's shared sign-in, the sign-out takes every tab's tokens with it; with a sign-in per tab
// ("signInCache": "tab") the other tab keeps its own, and only the sign-out broadcast stops it using them.
test.describe('signing out', () => {
  test.use({ account: 'signed out' });

  for (const signInCache of ['browser', 'tab'] as const) {
    test(`after a sign-out in the polling tab, no tab calls Defender (signInCache "${signInCache}")`, async ({ context, page }) => {
      await paceByAge();
      if (signInCache === 'tab') await context.route('**/config.json', (route) => route.fulfill({ json: { signInCache } }));
      const action = await simulator.createAction({ type: 'Isolate', status: 'Pending' }); // checked every 5 s
      await context.clock.install();
      await signIn(page, 'analyst', '/board');
      await paste(page, action.id);
      await expect(rows(page).getByTestId('action-status')).toHaveText('Pending');
      const second = await context.newPage();
      await signIn(second, 'analyst', '/board');
      await expect(rows(second).getByTestId('action-status')).toHaveText('Pending');
      // The watch is live: the polling tab reads the action every 5 s.
      await advanceToNextCheck(page, action.id);

      await page.getByRole('button', { name: 'Sign out' }).click();
      await expect(second.getByTestId('signed-out-elsewhere')).toBeVisible();
      // Over 12 s (two checks and more at the 5 s pace), nothing reaches Defender from either tab.
      await expectNoRequestWithin(second, isDefenderCall, 12_000, 'calls to Defender from either tab after the sign-out');
    });
  }
});
