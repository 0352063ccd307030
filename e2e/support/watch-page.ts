import { expect, type Page } from '@playwright/test';

/** Never a blank page: the header, who is signed in, the page's heading and the way to another action all stay. */
export async function expectPageIntact(page: Page): Promise<void> {
  const header = page.getByRole('banner');
  await expect(header.getByRole('link', { name: 'Machine action watch' })).toBeVisible();
  await expect(header.getByTestId('signed-in-account')).toBeVisible();
  await expect(page.getByRole('main').getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByLabel('Watch another action')).toBeVisible();
}

/** The watch is healthy: the status is current, no problem or stale note is left, the next check is planned. */
export async function expectWatching(page: Page, statusLabel: string): Promise<void> {
  await expect(page.getByTestId('action-status')).toHaveText(statusLabel);
  await expect(page.getByTestId('problem')).toHaveCount(0);
  await expect(page.getByTestId('stale-note')).toHaveCount(0);
  await expect(page.getByTestId('check-status')).toContainText('next check');
}

