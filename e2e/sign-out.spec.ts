import type { Page } from '@playwright/test';
import { seededActions } from '../sim/seed.ts';
import { expectNoAccessibilityViolations } from './support/accessibility.ts';
import { expectDark, expectFitsPhone } from './support/screen-checks.ts';
import { expect, signIn, test } from './support/test.ts';

// Each test signs in through the real flow and signs out through the simulator's end_session: the return
// from it is what they are about.
test.use({ account: 'signed out' });

const ids = [seededActions.investigationPackage, seededActions.failedIsolation];
const rows = (page: Page) => page.getByTestId('watch-row');
const watchedLately = (page: Page) => page.getByRole('heading', { name: /^Watched lately/ });
const signedOutNotice = (page: Page) => page.getByRole('group', { name: 'You signed out' });
const forgetNow = (page: Page) => page.getByRole('button', { name: "Forget this browser's lists now" });

/** Signs in on the board and watches two actions there: both lists of this browser now hold them. */
async function signInAndWatch(page: Page) {
  await signIn(page, 'analyst', '/board');
  await page.getByLabel('Paste action IDs').fill(ids.join('\n'));
  await page.getByRole('button', { name: 'Watch these' }).click();
  await expect(rows(page)).toHaveCount(2);
}

async function chooseToForgetOnSignOut(page: Page) {
  const header = page.getByRole('banner');
  await header.getByRole('button', { name: /^Dana Analyst/ }).click();
  const choice = header.getByRole('switch', { name: "Forget this browser's lists when I sign out (shared workstation)" });
  await choice.check();
  await expect(choice).toBeChecked();
}

/** Signs out from the header and waits for the start page the identity provider sends the tab back to. */
async function signOut(page: Page) {
  await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
  await expect(signedOutNotice(page)).toBeVisible();
  await expect(page.getByRole('banner').getByRole('button', { name: 'Sign in' })).toBeVisible();
}

async function expectCleanAddress(page: Page) {
  await expect.poll(() => new URL(page.url()).search, { message: 'the query string after signing out' }).toBe('');
  expect(new URL(page.url()).pathname).toBe('/');
}

test('signing out comes back to a clean start page that says so, and keeps the lists unless asked', async ({ page }) => {
  await signInAndWatch(page);
  await signOut(page);
  await expectCleanAddress(page);
  await expect(page.getByRole('status').filter({ hasText: 'You signed out.' })).toBeAttached();
  // The choice was off: the lists are still there, and the notice offers to forget them.
  await expect(watchedLately(page)).toBeVisible();
  await expect(forgetNow(page)).toBeVisible();
  await expectNoAccessibilityViolations(page, 'signed out, the notice on the start page');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectDark(page, 'signed out, the notice on the start page');
  await expectNoAccessibilityViolations(page, 'signed out, the notice on the start page, dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 360, height: 740 });
  await expectFitsPhone(page, 'signed out, the notice on the start page, phone');
  await expectNoAccessibilityViolations(page, 'signed out, the notice on the start page, phone');
  await page.setViewportSize({ width: 1280, height: 720 });

  // A normal load says nothing of it.
  await page.reload();
  await expect(page.getByRole('banner').getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expect(watchedLately(page)).toBeVisible();
  await expect(signedOutNotice(page)).toHaveCount(0);

  await signIn(page, 'analyst', '/board');
  await expect(rows(page)).toHaveCount(2);
});

test("the notice forgets this browser's lists at once for someone who did not choose it beforehand", async ({ page }) => {
  await signInAndWatch(page);
  await signOut(page);
  await expect(watchedLately(page)).toBeVisible();
  await forgetNow(page).click();
  await expect(signedOutNotice(page)).toContainText("This browser's lists are forgotten.");
  await expect(watchedLately(page)).toHaveCount(0);

  await signIn(page, 'analyst', '/board');
  await expect(page.getByText('No action is watched yet.')).toBeVisible();
  await expect(rows(page)).toHaveCount(0);
});

test('with the shared-workstation choice on, signing out forgets the lists in every tab, and the choice is remembered', async ({ page, context }) => {
  await signInAndWatch(page);
  const other = await context.newPage();
  await other.goto('/');
  await expect(watchedLately(other)).toBeVisible();

  await chooseToForgetOnSignOut(page);
  await signOut(page);
  await expectCleanAddress(page);
  await expect(signedOutNotice(page)).toContainText('were forgotten, as chosen for a shared workstation');
  await expect(forgetNow(page)).toHaveCount(0);
  await expect(watchedLately(page)).toHaveCount(0);
  // The other tab's start page does not keep showing what was forgotten.
  await expect(watchedLately(other)).toHaveCount(0);
  await other.close();

  await signIn(page, 'analyst', '/board');
  await expect(page.getByText('No action is watched yet.')).toBeVisible();
  await expect(rows(page)).toHaveCount(0);
  await page.getByRole('banner').getByRole('button', { name: /^Dana Analyst/ }).click();
  await expect(page.getByRole('switch', { name: "Forget this browser's lists when I sign out (shared workstation)" })).toBeChecked();
});
