import { expect, type Page } from '@playwright/test';
import { expectNoAccessibilityViolations } from './accessibility.ts';

// What every state of a screen is held to, in each project: WCAG 2.1 A and AA (axe) everywhere; really dark
// in the dark project; on the phone, no sideways scroll, a one-line header and fingertip-sized controls.

/** sRGB relative luminance of a computed `rgb(…)` colour (WCAG's formula). */
export function luminance(rgb: string): number {
  const channels = (rgb.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
  const [r, g, b] = channels.map((value) => {
    const c = value / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The page really is dark: Mantine's scheme on <html>, and a dark body behind light text. */
export async function expectDark(page: Page, state: string): Promise<void> {
  await expect(page.locator('html'), state).toHaveAttribute('data-mantine-color-scheme', 'dark');
  const { background, text } = await page.evaluate(() => {
    const style = getComputedStyle(document.body);
    return { background: style.backgroundColor, text: style.color };
  });
  expect(luminance(background), `${state}: the body's background ${background}`).toBeLessThan(0.05);
  expect(luminance(text), `${state}: the body's text ${text}`).toBeGreaterThan(0.4);
}

/** The header's height on a wide screen too (app-layout.module.css): one line of controls. */
const headerHeightPx = 56;
const touchTargetPx = 44;

interface PhoneLayout {
  scrollWidth: number;
  innerWidth: number;
  headerHeight: number;
  /** Header controls that fall outside the header's one line. */
  offTheLine: string[];
  /** Controls smaller than a fingertip, with their size. */
  smallTargets: string[];
}

function measureLayout(page: Page): Promise<PhoneLayout> {
  return page.evaluate((minimum) => {
    const shown = (element: Element) => element.checkVisibility({ visibilityProperty: true, opacityProperty: true }) && element.getBoundingClientRect().width > 0;
    const describe = (element: Element) => `<${element.tagName.toLowerCase()}> "${(element.getAttribute('aria-label') ?? element.textContent ?? '').trim().slice(0, 40)}"`;
    const header = document.querySelector('header');
    const bar = header?.getBoundingClientRect();
    const headerItems = header ? Array.from(header.querySelectorAll('a, button, select, [data-testid="signed-in-account"]')).filter(shown) : [];
    const targets = Array.from(document.querySelectorAll('a[href], button, select, input:not([type="hidden"]), textarea, summary'))
      .filter(shown)
      // A link inside a sentence is exempt (WCAG 2.5.8, "inline"); one standing alone is a block or flex item.
      .filter((element) => !(element.tagName === 'A' && getComputedStyle(element).display === 'inline'));
    return {
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
      headerHeight: bar?.height ?? 0,
      offTheLine: headerItems
        .filter((element) => {
          const box = element.getBoundingClientRect();
          return !bar || box.top < bar.top || box.bottom > bar.bottom;
        })
        .map(describe),
      smallTargets: targets
        .map((element) => ({ element, box: element.getBoundingClientRect() }))
        .filter(({ box }) => box.width < minimum || box.height < minimum)
        .map(({ element, box }) => `${describe(element)} ${Math.round(box.width)}×${Math.round(box.height)}`),
    };
  }, touchTargetPx);
}

/** The page fits the phone: no sideways scroll, a one-line header, and touch targets of 44 px or more. */
export async function expectFitsPhone(page: Page, state: string): Promise<void> {
  const layout = await measureLayout(page);
  expect(layout.scrollWidth, `${state}: the page is wider than the screen`).toBeLessThanOrEqual(layout.innerWidth);
  expect(layout.headerHeight, `${state}: the header's height`).toBeLessThanOrEqual(headerHeightPx + 1);
  expect(layout.offTheLine, `${state}: header controls off its one line`).toEqual([]);
  expect(layout.smallTargets, `${state}: touch targets under ${touchTargetPx} px`).toEqual([]);
}

/** How the project shows the app: its colour scheme and whether it is a phone. */
export interface ScreenKind {
  colorScheme: 'light' | 'dark' | 'no-preference' | null | undefined;
  isMobile: boolean | undefined;
}

/** Checks the page as it is now against everything its project holds it to. */
export async function expectScreen(page: Page, kind: ScreenKind, state: string): Promise<void> {
  if (kind.colorScheme === 'dark') await expectDark(page, state);
  if (kind.isMobile) await expectFitsPhone(page, state);
  await expectNoAccessibilityViolations(page, `${state}${kind.colorScheme === 'dark' ? ', dark' : ''}${kind.isMobile ? ', phone' : ''}`);
}
