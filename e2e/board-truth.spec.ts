import type { Page } from '@playwright/test';
import { advanceClock, advanceToNextCheck } from './support/checks.ts';
import { simulator } from './support/simulator.ts';
import { expect, open, test } from './support/test.ts';

// A board row says what its action page would: an action that stops answering is not left saying
// "In progress". Its last good read stays, outlined and dated, as possibly out of date.

/** A new scan, running, on the board, read once; the page's clock is Playwright's. */
async function watchOnBoard(page: Page): Promise<string> {
  const action = await simulator.createAction({ type: 'RunAntiVirusScan', scope: 'Quick', timeline: [{ status: 'InProgress', afterMs: 0 }] });
  await page.clock.install();
  await open(page, '/board');
  await page.getByLabel('Paste action IDs').fill(action.id);
  await page.getByRole('button', { name: 'Watch these' }).click();
  await expect(row(page, action.id).getByTestId('action-status')).toHaveText('In progress');
  return action.id;
}

const row = (page: Page, id: string) => page.locator(`[data-testid="watch-row"][data-action-id="${id}"]`);

/** The row keeps its last status, outlined rather than filled, with the time of that read. */
async function expectStaleStatus(page: Page, id: string): Promise<void> {
  const status = row(page, id).getByTestId('action-status');
  await expect(status).toHaveText('In progress');
  await expect(status).toHaveAttribute('data-stale', 'true');
  await expect(row(page, id).getByTestId('stale-note')).toHaveText(/^as of \d{1,2}:\d{2}:\d{2}.*, may be out of date$/);
}

test('an action read once that then answers 404: "Not found, or not yours to see", its last status kept and marked stale', async ({ page }) => {
  const id = await watchOnBoard(page);
  await simulator.injectFault({ status: 404, match: id, count: 100 });
  await advanceToNextCheck(page, id);
  // The grace a new action gets, as on its page: re-checked for 20 s before it is called missing.
  await expect(row(page, id).getByTestId('row-problem')).toHaveText('Not listed yet, checking again…');
  await expectStaleStatus(page, id);

  await advanceClock(page, 25_000);
  await expect(row(page, id).getByTestId('row-problem')).toHaveText('Not found, or not yours to see');
  await expect(row(page, id).getByTestId('row-problem-brief')).toHaveText("Check the ID, or ask for access to the device's group.");
  await expectStaleStatus(page, id);
  // Read running once, but past reading now: never counted as running.
  await expect(page.getByTestId('board-counts')).toHaveText("0 running · 0 succeeded · 0 need attention · 1 can't be read");
  // Its page says the same.
  await row(page, id).getByRole('link', { name: 'Run antivirus scan (Quick)' }).click();
  await expect(page.getByTestId('problem')).toContainText('Not found, or not yours to see');
});

test('an action whose check is refused (403): "Access denied", its last status kept and marked stale', async ({ page }) => {
  const id = await watchOnBoard(page);
  await simulator.injectFault({ status: 403, match: id });
  await advanceToNextCheck(page, id);
  await expect(row(page, id).getByTestId('row-problem')).toHaveText('Access denied');
  await expectStaleStatus(page, id);
});
