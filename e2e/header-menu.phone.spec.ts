import { expectNoAccessibilityViolations } from './support/accessibility.ts';
import { expect, open, test } from './support/test.ts';

// Runs in the phone project only (playwright.config.ts): on a wide screen the cloud and the theme sit in
// the header itself.

test('on a phone the cloud and the theme wait behind a menu button; Escape or a tap elsewhere puts them away', async ({ page }) => {
  await open(page, '/');
  const header = page.getByRole('banner');
  await expect(header.getByRole('link', { name: 'Machine action watch' })).toBeVisible();
  await expect(header.getByRole('link', { name: 'Watch board' })).toBeVisible();

  const menuButton = header.getByRole('button', { name: 'Cloud and theme' });
  await expect(header.getByLabel('Theme', { exact: true })).toBeHidden();
  await menuButton.click();
  await expect(menuButton).toHaveAttribute('aria-expanded', 'true');
  await expect(header.getByTitle('The cloud this app signs in to')).toBeVisible();
  // Open, the menu hangs below the header's line: axe alone here (screens.spec.ts checks the closed header's fit).
  await expectNoAccessibilityViolations(page, 'the header menu open');
  await header.getByLabel('Theme', { exact: true }).selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await page.keyboard.press('Escape');
  await expect(header.getByLabel('Theme', { exact: true })).toBeHidden();
  await expect(menuButton).toBeFocused();

  await menuButton.click();
  await expect(header.getByLabel('Theme', { exact: true })).toBeVisible();
  await page.getByRole('heading', { name: 'Watch a machine action' }).tap({ position: { x: 5, y: 5 } }); // left of the menu
  await expect(header.getByLabel('Theme', { exact: true })).toBeHidden();
});
