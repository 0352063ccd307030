import { test as base, expect, type Page } from '@playwright/test';
import { isBenignConsoleError } from './console-errors';
import { simulator } from './simulator';

export type DemoUser = 'analyst' | 'no-access';

const userNames: Record<DemoUser, string> = { analyst: 'Dana Analyst', 'no-access': 'Riley Reader' };

/**
 * Signs in through the real MSAL redirect flow: the app's button, the simulator's sign-in page, the redirect
 * bridge, back to the page the sign-in started from. No session is ever written into storage by hand.
 */
export async function signIn(page: Page, user: DemoUser = 'analyst', path = '/') {
  await page.goto(path);
  // The header offers "Sign in" on every page; a page that needs sign-in offers it in its body too.
  await page.getByRole('button', { name: 'Sign in' }).first().click();
  // A second tab of the same browser is signed in by the provider's session cookie, without its page.
  const picker = page.getByLabel(new RegExp(userNames[user]));
  const account = page.getByTestId('signed-in-account');
  await expect(picker.or(account)).toBeVisible();
  if (await picker.isVisible()) {
    await picker.check();
    await page.getByRole('button', { name: 'Sign in' }).click();
  }
  await expect(account).toHaveText(userNames[user]);
}

/** A `securitypolicyviolation` event, as the page saw it. */
export interface CspViolation {
  directive: string;
  blockedUri: string;
  documentUri: string;
  sample: string;
}

type ViolationReporter = { reportCspViolation: (violation: CspViolation) => Promise<void> };

interface Fixtures {
  /** Every test starts from the seeded simulator with its clock at real time, whatever the test before did. */
  freshSimulator: void;
  /** Fails the test on any uncaught error in the page. */
  pageErrors: Error[];
  /** Fails the test on any console.error line but the few listed in console-errors.ts. */
  consoleErrors: string[];
  /** Fails the test on any Content-Security-Policy violation in any frame of the page. */
  cspViolations: CspViolation[];
}

export const test = base.extend<Fixtures>({
  // A fixture, not a top-level beforeEach: a hook in a helper module is registered only for the first
  // spec file that imports it, so the other files' tests would inherit the simulator's state.
  freshSimulator: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern; it has none
    async ({}, use) => {
      await simulator.reset();
      await use();
    },
    { auto: true },
  ],
  pageErrors: [
    async ({ page }, use) => {
      const errors: Error[] = [];
      page.on('pageerror', (error) => errors.push(error));
      await use(errors);
      expect(errors, 'uncaught errors in the page').toEqual([]);
    },
    { auto: true },
  ],
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' && !isBenignConsoleError(message)) errors.push(`${message.text()} (${message.location().url})`);
      });
      await use(errors);
      expect(errors, 'console errors in the page').toEqual([]);
    },
    { auto: true },
  ],
  cspViolations: [
    async ({ page }, use) => {
      const violations: CspViolation[] = [];
      // A binding outlives navigations (sign-in crosses several pages); a global in the page would not.
      await page.exposeFunction('reportCspViolation', (violation: CspViolation) => {
        violations.push(violation);
      });
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (event) => {
          void (window as unknown as ViolationReporter).reportCspViolation({
            directive: event.effectiveDirective,
            blockedUri: event.blockedURI,
            documentUri: event.documentURI,
            sample: event.sample,
          });
        });
      });
      await use(violations);
      expect(violations, 'Content-Security-Policy violations in the page').toEqual([]);
    },
    { auto: true },
  ],
});


export { expect };
