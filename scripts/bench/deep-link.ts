// Time to status from a deep link: with a signed-in session, load /actions/<id> afresh and time from the
// navigation's start to the status badge on screen (performance.now() in the page, so Node's own
// scheduling does not count). The simulator adds no latency.
//
// Two ways in. From a page of the app itself (a reload, or a link pasted into the app's tab): that is the
// budgeted figure. From another site's page (about:blank stands for the ticket system): the app's
// Cross-Origin-Opener-Policy puts it in a new browser process, which costs a few hundred ms more on this
// machine; printed beside it.
import type { Page } from '@playwright/test';
import { launchBenchBrowser } from './chromium.ts';
import { signInAsAnalyst } from './sign-in.ts';
import { median } from './statistics.ts';
import { seededActions } from '../../sim/seed.ts';

const seededSucceeded = seededActions.investigationPackage; // Succeeded: read once, then left alone

export interface DeepLinkTimes {
  /** From a page of the app: the budgeted figure. */
  medianMs: number;
  samplesMs: number[];
  /** From another site's page, in a new browser process. */
  fromAnotherSite: { medianMs: number; samplesMs: number[] };
}

async function sampleFrom(page: Page, appUrl: string, startUrl: string, runs: number): Promise<number[]> {
  const samples: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    await page.goto(startUrl);
    await page.goto(`${appUrl}/actions/${seededSucceeded}`);
    await page.getByTestId('action-status').waitFor();
    samples.push(Math.round(await page.evaluate(() => (window as unknown as { statusShownAt: number }).statusShownAt)));
  }
  return samples;
}

export async function timeToStatus(appUrl: string, runs = 10): Promise<DeepLinkTimes> {
  const browser = await launchBenchBrowser();
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
    await signInAsAnalyst(page, `${appUrl}/actions/${seededSucceeded}`);
    await page.getByTestId('action-status').waitFor();
    const samples = await sampleFrom(page, appUrl, `${appUrl}/favicon.svg`, runs);
    const fromAnotherSite = await sampleFrom(page, appUrl, 'about:blank', runs);
    return { medianMs: median(samples), samplesMs: samples, fromAnotherSite: { medianMs: median(fromAnotherSite), samplesMs: fromAnotherSite } };
  } finally {
    await browser.close();
  }
}
