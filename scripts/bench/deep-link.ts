// Time to status from a deep link: with a signed-in session, load /actions/<id> afresh and time from the
// navigation's start to the status badge on screen (performance.now() in the page, so Node's own
// scheduling does not count). The simulator adds no latency.
import { chromium, type Page } from '@playwright/test';
import { chromiumFlags, chromiumPath } from './chromium.ts';
import { median } from './statistics.ts';

const seededSucceeded = '11111111-1111-4111-8111-000000000003';

async function signIn(page: Page, appUrl: string): Promise<void> {
  await page.goto(`${appUrl}/actions/${seededSucceeded}`);
  await page.getByRole('button', { name: 'Sign in' }).first().click();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('action-status').waitFor();
}

export async function timeToStatus(appUrl: string, runs = 10): Promise<{ medianMs: number; samplesMs: number[] }> {
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumPath ? chromiumFlags : [] });
  try {
    const page = await browser.newPage();
    // Records when the status badge first appears, relative to the navigation's start. A string, not a
    // function: tsx would wrap a function in helpers that do not exist in the page.
    await page.addInitScript(`
      new MutationObserver(() => {
        if (window.statusShownAt === undefined && document.querySelector('[data-testid="action-status"]')) {
          window.statusShownAt = performance.now();
        }
      }).observe(document, { childList: true, subtree: true });
    `);
    await signIn(page, appUrl);
    const samples: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      await page.goto('about:blank');
      await page.goto(`${appUrl}/actions/${seededSucceeded}`);
      await page.getByTestId('action-status').waitFor();
      samples.push(Math.round(await page.evaluate(() => (window as unknown as { statusShownAt: number }).statusShownAt)));
    }
    return { medianMs: median(samples), samplesMs: samples };
  } finally {
    await browser.close();
  }
}
