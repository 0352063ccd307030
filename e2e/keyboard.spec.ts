import { seededActions } from '../sim/seed.ts';
import { expectVisibleFocus, tabTo } from './support/keyboard.ts';
import { expect, test } from './support/test.ts';

// The journey starts signed out: signing in from the keyboard is part of it.
test.use({ account: 'signed out' });

test('the whole journey from the keyboard alone, with a visible focus at every stop', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/');
  const input = page.getByLabel('Machine action ID');
  await expect(input).toBeFocused();
  await expectVisibleFocus(page);

  // Sign in: the app's button by keyboard. The simulator's page stands in for Entra's and is not ours.
  const header = page.getByRole('banner');
  const signInButton = header.getByRole('button', { name: 'Sign in' });
  // Disabled until sign-in has started up, after the first paint: Tab would pass it by and leave the page.
  await expect(signInButton).toBeEnabled();
  await tabTo(page, signInButton, { backwards: true });
  await page.keyboard.press('Enter');
  await page.getByLabel(/Dana Analyst/).check();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in-account')).toHaveText('Dana Analyst');

  // Type the ID and submit it with Enter.
  await expect(input).toBeFocused();
  await expectVisibleFocus(page);
  await page.keyboard.type(`Ticket INC-2041: ${seededActions.investigationPackage}`);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(`/actions/${seededActions.investigationPackage}`);
  await expect(page.getByTestId('action-status')).toHaveText('Succeeded');

  // Expand the raw JSON with Space, copy it with Enter.
  const rawJson = page.getByText('Raw JSON', { exact: true });
  await tabTo(page, rawJson);
  await page.keyboard.press('Space');
  const copy = page.getByRole('button', { name: 'Copy', exact: true });
  await expect(copy).toBeVisible();
  await tabTo(page, copy);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Copied', exact: true })).toBeVisible();
  expect(JSON.parse(await page.evaluate(() => navigator.clipboard.readText()))).toMatchObject({ id: seededActions.investigationPackage, status: 'Succeeded' });
  // The answer itself scrolls: it takes the focus too, so that a keyboard can scroll it.
  await tabTo(page, page.getByRole('region', { name: 'Raw JSON' }));

  // Back up to the header and sign out.
  await tabTo(page, header.getByRole('button', { name: 'Sign out' }), { backwards: true });
  await page.keyboard.press('Enter');
  await expect(header.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByTestId('signed-in-account')).toHaveCount(0);
});
