import type { Page } from '@playwright/test';

/**
 * Signs a page in through the app's real MSAL redirect flow as the simulator's demo analyst. A second tab
 * of the same browser context is signed in by the provider's session cookie, without its sign-in page.
 */
export async function signInAsAnalyst(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('button', { name: 'Sign in' }).first().click();
  const picker = page.getByLabel(/Dana Analyst/);
  const account = page.getByTestId('signed-in-account');
  await picker.or(account).first().waitFor();
  if (await picker.isVisible()) {
    await picker.check();
    await page.getByRole('button', { name: 'Sign in' }).click();
  }
  await account.waitFor();
}
