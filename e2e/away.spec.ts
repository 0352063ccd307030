import type { Browser, BrowserContext, Page } from '@playwright/test';
import { simulator } from './support/simulator.ts';
import { expect, open, test } from './support/test.ts';

// Back at the desk after the browser was closed: the app says what finished meanwhile, once, on the start
// page and on the board, and marks those rows until the analyst has looked.

const row = (page: Page, id: string) => page.locator(`[data-testid="watch-row"][data-action-id="${id}"]`);

/** Three running actions on the board, seen running; then the browser is closed (its storage kept). */
async function leaveThreeRunning(page: Page) {
  const running = [{ status: 'InProgress', afterMs: 0 }];
  const finishing = (status: string) => [...running, { status, afterMs: 10 * 60_000 }];
  const succeeds = await simulator.createAction({ type: 'RunAntiVirusScan', scope: 'Quick', computerDnsName: 'hr-lt-203.contoso.example', timeline: finishing('Succeeded') });
  const fails = await simulator.createAction({ type: 'Isolate', scope: 'Full', computerDnsName: 'build-srv-07.contoso.example', timeline: finishing('Failed') });
  const runs = await simulator.createAction({ type: 'CollectInvestigationPackage', timeline: running });
  await open(page, '/board');
  await page.getByLabel('Paste action IDs').fill([succeeds.id, fails.id, runs.id].join('\n'));
  await page.getByRole('button', { name: 'Watch these' }).click();
  for (const { id } of [succeeds, fails, runs]) await expect(row(page, id).getByTestId('action-status')).toHaveText('In progress');
  // What the board showed is what the analyst saw: kept in this browser, IDs and statuses only.
  await expect
    .poll(() => page.evaluate(() => Object.values(JSON.parse(localStorage.getItem('machine-action-watch:seen-statuses') ?? '{}') as Record<string, { status: string }>).map((seen) => seen.status)))
    .toEqual(['InProgress', 'InProgress', 'InProgress']);
  const state = await page.context().storageState();
  await page.close();
  return { state, succeeds: succeeds.id, fails: fails.id, runs: runs.id };
}

async function reopen(browser: Browser, state: Awaited<ReturnType<BrowserContext['storageState']>>, baseURL: string | undefined) {
  const context = await browser.newContext({ storageState: state, baseURL });
  return { context, page: await context.newPage() };
}

test('after a closed browser: the start page and the board say exactly what finished meanwhile, and mark those rows until seen', async ({ page, browser, baseURL }) => {
  const { state, succeeds, fails, runs } = await leaveThreeRunning(page);
  await simulator.advanceClock(11 * 60_000);

  const { context, page: back } = await reopen(browser, state, baseURL);
  try {
    await open(back, '/');
    const onStart = back.getByTestId('away-summary');
    await expect(onStart).toContainText('While you were away');
    await expect(onStart.getByTestId('away-words')).toHaveText(/^Since \d{1,2}:\d{2}.*: 1 succeeded, 1 failed \(Isolate device on build-srv-07\.contoso\.example\)\.$/);
    await expect(back).toHaveTitle('(2) Machine action watch');

    await onStart.getByRole('link', { name: 'Open the board' }).click();
    const onBoard = back.getByTestId('away-summary');
    await expect(onBoard.getByTestId('away-words')).toHaveText(/: 1 succeeded, 1 failed \(Isolate device on build-srv-07\.contoso\.example\)\.$/);
    await expect(row(back, succeeds)).toHaveAttribute('data-finished-away', 'true');
    await expect(row(back, fails)).toHaveAttribute('data-finished-away', 'true');
    await expect(row(back, fails).getByTestId('finished-away')).toHaveText('New');
    await expect(row(back, runs)).not.toHaveAttribute('data-finished-away');
    // The tab counts them as the board's summary does: two new, one of which needs attention.
    await expect(back).toHaveTitle('(2) 1 needs attention · Machine action watch');
    // Nothing here was seen live: no finish notice repeats the summary.
    await expect(back.getByTestId('finish-notice')).toHaveCount(0);

    await onBoard.getByRole('button', { name: 'Mark as seen' }).click();
    await expect(back.getByTestId('away-summary')).toHaveCount(0);
    await expect(back.locator('[data-finished-away]')).toHaveCount(0);
    await expect(back).toHaveTitle('1 needs attention · Machine action watch');
    await back.reload();
    await expect(row(back, fails).getByTestId('action-status')).toHaveText('Failed');
    await expect(back.getByTestId('away-summary')).toHaveCount(0);
  } finally {
    await context.close();
  }
});
