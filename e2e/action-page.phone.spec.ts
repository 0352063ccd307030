import type { Locator, Page } from '@playwright/test';
import { seededActions } from '../sim/seed.ts';
import { expectNoAccessibilityViolations } from './support/accessibility.ts';
import { expectDark, expectFitsPhone } from './support/screen-checks.ts';
import { expect, open, test } from './support/test.ts';

// Runs in the phone project only (playwright.config.ts): Pixel 5's emulation, at its own width (393 px) and
// at 360 px, the narrowest phone we hold to. A table there hid its last columns off to the right; cards
// must show every field on the screen.

const phoneWidths = [393, 360];
const commandLabels = ['Command', 'Status', 'Parameters', 'Ended', 'Errors'];
const deviceActionLabels = ['Status', 'Action', 'Requestor', 'Created'];
const failedCommandError = 'File C:\\Users\\Public\\Downloads\\invoice.pdf.exe was not found on the device.';

/** The page does not scroll sideways: nothing lies beyond the screen's right edge. */
async function expectNoSidewaysScroll(page: Page, state: string): Promise<void> {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
  expect(scrollWidth, `${state}: the page scrolls sideways`).toBeLessThanOrEqual(clientWidth);
}

/** The element lies across the screen's width, its left and right edges inside it (to a rounding). */
async function expectWithinWidth(element: Locator, screenWidth: number, what: string): Promise<void> {
  const box = await element.boundingBox();
  expect(box, `${what}: shown`).not.toBeNull();
  expect(box?.x ?? -1, `${what}: left edge`).toBeGreaterThanOrEqual(0);
  expect((box?.x ?? 0) + (box?.width ?? 0), `${what}: right edge`).toBeLessThanOrEqual(screenWidth + 0.5);
}

/** Every card shows each label and its value, on the screen once scrolled to (down, never across). */
async function expectEveryFieldOnScreen(cards: Locator, labels: string[], screenWidth: number): Promise<void> {
  for (const card of await cards.all()) {
    await expect(card.getByRole('term')).toHaveText(labels);
    for (const [at, label] of labels.entries()) {
      const value = card.getByRole('definition').nth(at);
      await value.scrollIntoViewIfNeeded();
      await expect(value, label).toBeInViewport();
      await expect(value, label).not.toHaveText('');
      await expectWithinWidth(card.getByRole('term').nth(at), screenWidth, `the label ${label}`);
      await expectWithinWidth(value, screenWidth, `the value of ${label}`);
    }
  }
}

/** Opens the timed-out live response session, its commands and its device's last actions on show. */
async function openLiveResponse(page: Page): Promise<{ commands: Locator; deviceActions: Locator }> {
  await open(page, `/actions/${seededActions.timedOutLiveResponse}`);
  await expect(page.getByTestId('action-status')).toHaveText('Timed out');
  await page.getByRole('button', { name: 'Show the last 10' }).click();
  const deviceActions = page.getByTestId('device-actions').getByRole('listitem');
  await expect(deviceActions).not.toHaveCount(0);
  return { commands: page.getByRole('list', { name: 'Live response commands' }).getByRole('listitem'), deviceActions };
}

test('a live response session on a phone: every field of each command and of the device’s actions on the screen, no sideways scroll', async ({ page }) => {
  const { commands, deviceActions } = await openLiveResponse(page);
  await expect(page.getByRole('table')).toHaveCount(0);
  await expect(commands).toHaveCount(2);
  const failed = commands.filter({ hasText: failedCommandError });
  await expect(failed.getByRole('definition').nth(1)).toHaveText('Failed');

  for (const width of phoneWidths) {
    await page.setViewportSize({ width, height: 740 });
    const state = `a live response, ${width} px`;
    await expectEveryFieldOnScreen(commands, commandLabels, width);
    await expectEveryFieldOnScreen(deviceActions, deviceActionLabels, width);
    await expectNoSidewaysScroll(page, state);
    await expectFitsPhone(page, state);
    // The errors take the card's width: a sentence to read, not one fragment a line.
    const errors = await failed.getByRole('definition').nth(4).boundingBox();
    const card = await failed.boundingBox();
    expect(errors?.width ?? 0, `${state}: the errors' width`).toBeGreaterThan((card?.width ?? 0) / 2);
  }
});

test('on a phone, in light and in dark: the live response session and a cancelled isolation (grey, not red) are accessible', async ({ page }) => {
  await openLiveResponse(page);
  await expectNoAccessibilityViolations(page, 'a live response with its device’s actions, phone');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectDark(page, 'a live response, dark');
  await expectNoAccessibilityViolations(page, 'a live response with its device’s actions, dark, phone');

  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(`/actions/${seededActions.cancelledIsolation}`);
  await expect(page.getByTestId('action-status')).toHaveText('Cancelled');
  await expectNoAccessibilityViolations(page, 'a cancelled isolation, phone');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectDark(page, 'a cancelled isolation, dark');
  await expectNoAccessibilityViolations(page, 'a cancelled isolation, dark, phone');
});
