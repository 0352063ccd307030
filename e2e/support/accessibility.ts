import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** The bar the app is held to: WCAG 2.1 levels A and AA (2.0's rules are tagged separately in axe). */
const wcag21aa = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Runs axe on the page as it is now and fails with one readable line per violation: rule, what it asks,
 * and the elements that break it, so a failure names what to fix without opening the trace.
 */
export async function expectNoAccessibilityViolations(page: Page, state: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(wcag21aa).analyze();
  const report = violations.map(
    (violation) =>
      `${violation.id} (${violation.impact ?? 'unknown impact'}): ${violation.help}\n` +
      violation.nodes.map((node) => `    at ${node.target.join(' > ')}: ${(node.failureSummary ?? '').replace(/\s+/g, ' ')}`).join('\n'),
  );
  expect(report, `WCAG 2.1 A/AA violations in the state "${state}"`).toEqual([]);
}
