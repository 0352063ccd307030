import { expect, type Locator, type Page } from '@playwright/test';

interface FocusedElement {
  description: string;
  /** A visible outline or box-shadow ring: what a keyboard user needs to see where they are. */
  showsFocus: boolean;
}

function describeFocus(page: Page): Promise<FocusedElement> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return { description: 'nothing (the page itself)', showsFocus: false };
    const style = getComputedStyle(element);
    const invisible = (color: string) => color === 'transparent' || /rgba\(.*,\s*0\)$/.test(color);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 && !invisible(style.outlineColor);
    const ring = style.boxShadow !== 'none';
    const name = element.getAttribute('aria-label') ?? element.textContent?.trim().slice(0, 40) ?? '';
    return { description: `<${element.tagName.toLowerCase()}> "${name}"`, showsFocus: outline || ring };
  });
}

/** Fails unless the focused element shows where the focus is. */
export async function expectVisibleFocus(page: Page): Promise<void> {
  const focused = await describeFocus(page);
  expect(focused.showsFocus, `no visible focus indicator on ${focused.description}`).toBe(true);
}

/**
 * Presses Tab (or Shift+Tab) until `target` has the focus, checking that every element the focus passes
 * on the way shows it.
 */
export async function tabTo(page: Page, target: Locator, { backwards = false, maxPresses = 30 } = {}): Promise<void> {
  for (let press = 0; press < maxPresses; press += 1) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    await expectVisibleFocus(page);
    if (await target.evaluate((element) => element === document.activeElement)) return;
  }
  throw new Error(`${target.toString()} was not reached in ${maxPresses} presses of ${backwards ? 'Shift+Tab' : 'Tab'}`);
}
