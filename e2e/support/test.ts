import { test as base, expect, type Page } from '@playwright/test';
import { signInThroughApp, type DemoLogin } from '../../sim/testing/sign-in-through-app.ts';
import { isBenignConsoleError } from './console-errors.ts';
import { simulator } from './simulator.ts';

/** Signs in through the real MSAL redirect flow (sim/testing), then checks the header names the user. */
export async function signIn(page: Page, user: DemoLogin = 'analyst', path = '/') {
  const account = await signInThroughApp(page, path, user);
  await expect(page.getByTestId('signed-in-account')).toHaveText(account.name);
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
