import { test as base, expect, type Page } from '@playwright/test';
import { simulator } from './simulator';

export type DemoUser = 'analyst' | 'no-access';

const userNames: Record<DemoUser, string> = { analyst: 'Dana Analyst', 'no-access': 'Riley Reader' };

/**
 * Signs in through the real MSAL redirect flow: the app's button, the simulator's sign-in page, the redirect
 * bridge, back to the page the sign-in started from. No session is ever written into storage by hand.
 */
export async function signIn(page: Page, user: DemoUser = 'analyst', path = '/') {
  await page.goto(path);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel(new RegExp(userNames[user])).check();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in-account')).toHaveText(userNames[user]);
}

interface Fixtures {
  /** Fails the test on any uncaught error in the page. */
  pageErrors: Error[];
}

export const test = base.extend<Fixtures>({
  pageErrors: [
    async ({ page }, use) => {
      const errors: Error[] = [];
      page.on('pageerror', (error) => errors.push(error));
      await use(errors);
      expect(errors, 'uncaught errors in the page').toEqual([]);
    },
    { auto: true },
  ],
});

test.beforeEach(async () => {
  await simulator.reset();
});

export { expect };
