// Time to status from a deep link: with a signed-in session, load /actions/<id> afresh and time from the
// navigation's start to the status badge on screen (performance.now() in the page, so Node's own
// scheduling does not count). The simulator adds no latency.
//
// Two ways in. From a page of the app itself (a reload, or a link pasted into the app's tab): that is the
// budgeted figure. From another site's page (about:blank stands for the ticket system): the app's
// Cross-Origin-Opener-Policy puts it in a new browser process, which costs a few hundred ms more on this
// machine; printed beside it. In a new tab of the signed-in browser (a link clicked in a ticket): the
// shared sign-in cache means no click, so this is the same path plus a new tab's start.
import type { BrowserContext, Page } from '@playwright/test';
import { seededActions } from '../../../sim/seed.ts';
import { signInThroughApp } from '../../../sim/testing/sign-in-through-app.ts';
import { launchBenchBrowser } from '../harness/browser.ts';
import { median } from '../harness/statistics.ts';

const seededSucceeded = seededActions.investigationPackage; // Succeeded: read once, then left alone

export interface DeepLinkTimes {
  /** From a page of the app: the budgeted figure. */
  medianMs: number;
  samplesMs: number[];
  /** From another site's page, in a new browser process. */
  fromAnotherSite: { medianMs: number; samplesMs: number[] };
  /** Opened in a new tab of the signed-in browser: no sign-in click, thanks to the shared cache. */
  inNewTab: { medianMs: number; samplesMs: number[] };
}

/** Each run opens the link in a tab of its own, as a click in a ticket does, and closes it after. */
async function sampleInNewTabs(context: BrowserContext, appUrl: string, runs: number): Promise<number[]> {
  const samples: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const tab = await context.newPage();
    await tab.goto(`${appUrl}/actions/${seededSucceeded}`);
    await tab.getByTestId('action-status').waitFor();
    samples.push(Math.round(await tab.evaluate(() => (window as unknown as { statusShownAt: number }).statusShownAt)));
    await tab.close();
  }
  return samples;
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
    const context = await browser.newContext();
    const page = await context.newPage();
    // Records when the status badge first appears, relative to the navigation's start. A string, not a
    // function: tsx would wrap a function in helpers that do not exist in the page.
    await context.addInitScript(`
      new MutationObserver(() => {
        if (window.statusShownAt === undefined && document.querySelector('[data-testid="action-status"]')) {
          window.statusShownAt = performance.now();
        }
      }).observe(document, { childList: true, subtree: true });
    `);
    await signInThroughApp(page, `${appUrl}/actions/${seededSucceeded}`);
    await page.getByTestId('action-status').waitFor();
    const samples = await sampleFrom(page, appUrl, `${appUrl}/favicon.svg`, runs);
    const fromAnotherSite = await sampleFrom(page, appUrl, 'about:blank', runs);
    const inNewTab = await sampleInNewTabs(context, appUrl, runs);
    return {
      medianMs: median(samples),
      samplesMs: samples,
      fromAnotherSite: { medianMs: median(fromAnotherSite), samplesMs: fromAnotherSite },
      inNewTab: { medianMs: median(inNewTab), samplesMs: inNewTab },
    };
  } finally {
    await browser.close();
  }
}
