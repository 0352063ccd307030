import { test as base, expect, type Page } from '@playwright/test';
import { signInThroughApp, type DemoLogin } from '../../sim/testing/sign-in-through-app.ts';
import { startAppServer, type AppServer } from './app-server.ts';
import { isBenignConsoleError } from './console-errors.ts';
import { expectScreen } from './screen-checks.ts';
import { signedInStates, type SignedInStates } from './signed-in-states.ts';
import { simulator } from './simulator.ts';
import { workerPorts } from './worker-ports.ts';

/**
 * Signs in through the real MSAL redirect flow (sim/testing), then checks the header names the user. For
 * the tests about signing in, which start signed out (`test.use({ account: 'signed out' })`).
 */
export async function signIn(page: Page, user: DemoLogin = 'analyst', path = '/') {
  const account = await signInThroughApp(page, path, user);
  await expect(page.getByTestId('signed-in-account')).toHaveText(account.name);
}

/** Opens `path` in a browser already signed in (the test's `account`) and waits for the header to say who. */
export async function open(page: Page, path = '/') {
  await page.goto(path);
  await expect(page.getByTestId('signed-in-account')).toBeVisible();
}

/** A `securitypolicyviolation` event, as the page saw it. */
export interface CspViolation {
  directive: string;
  blockedUri: string;
  documentUri: string;
  sample: string;
}

type ViolationReporter = { reportCspViolation: (violation: CspViolation) => Promise<void> };

interface WorkerFixtures {
  /** This worker's app server and simulator, on ports of its own (support/worker-ports.ts). */
  appServer: AppServer;
  /** One real sign-in per account in this worker, kept as browser state for the tests to start from. */
  signedInStates: SignedInStates;
}

interface Fixtures {
  /**
   * Who the browser is signed in as when the test starts: a state a real sign-in left in this worker.
   * `signed out` for the tests about signing in, which sign in themselves.
   */
  account: DemoLogin | 'signed out';
  /** Checks the page's state against what the project holds it to: axe, and dark or a phone's layout. */
  expectScreen: (state: string) => Promise<void>;
  /** Every test starts from the seeded simulator with its clock at real time, whatever the test before did. */
  freshSimulator: void;
  /** Fails the test on any uncaught error in the page. */
  pageErrors: Error[];
  /** Fails the test on any console.error line but the few listed in console-errors.ts. */
  consoleErrors: string[];
  /** Fails the test on any Content-Security-Policy violation in any frame of the page. */
  cspViolations: CspViolation[];
}

export const test = base.extend<Fixtures, WorkerFixtures>({
  appServer: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern; it has none
    async ({}, use) => {
      const server = await startAppServer(workerPorts);
      try {
        await use(server);
      } finally {
        await server.stop();
      }
    },
    { scope: 'worker', auto: true, timeout: 60_000 },
  ],
  signedInStates: [async ({ browser, appServer }, use) => use(signedInStates(browser, appServer.url)), { scope: 'worker' }],
  account: ['analyst', { option: true }],
  baseURL: async ({ appServer }, use) => use(appServer.url),
  expectScreen: async ({ page, colorScheme, isMobile }, use) => use((state) => expectScreen(page, { colorScheme, isMobile }, state)),
  storageState: async ({ account, signedInStates }, use) => use(account === 'signed out' ? undefined : await signedInStates.of(account)),
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
