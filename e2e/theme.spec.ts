import { expectNoAccessibilityViolations } from './support/accessibility.ts';
import { expectDark, luminance } from './support/screen-checks.ts';
import { expect, open, test } from './support/test.ts';

test('the header\'s theme choice overrides a dark system and is remembered; "System" follows it again', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await open(page, '/');
  const theme = page.getByRole('banner').getByLabel('Theme', { exact: true });
  await expect(theme).toHaveValue('auto');
  await expectDark(page, 'following a dark system');

  await theme.selectOption('light');
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'light');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Watch a machine action' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'light');
  await expect(theme).toHaveValue('light');
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(luminance(background), `light by choice: the body's background ${background}`).toBeGreaterThan(0.8);
  await expectNoAccessibilityViolations(page, 'light by choice on a dark system');

  await theme.selectOption('auto');
  await expectDark(page, 'following the system again');
});
