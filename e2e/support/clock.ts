import type { Page } from '@playwright/test';

/**
 * Moves the page's clock forward and waits for the check it triggers to be answered. Waiting matters:
 * Playwright's clock drives AbortSignal.timeout too, so jumping again while a request is in flight
 * would time that request out.
 */
export async function fastForwardToNextCheck(page: Page, actionId: string, ms: number): Promise<void> {
  // A check reads the action by itself or in a list call whose filter names it.
  const answered = page.waitForResponse((response) => response.url().includes('/api/machineactions') && response.url().includes(actionId) && response.request().method() === 'GET');
  await page.clock.fastForward(ms);
  await answered;
}
