import { devices, type Page } from '@playwright/test';
import { advanceClock, advanceToNextCheck } from './support/checks';
import { seededActions } from '../sim/seed.ts';
import { simulator } from './support/simulator';
import { expect, signIn, test } from './support/test';

// The app on a 360 px phone (Chromium's mobile emulation: touch, a mobile viewport): no page scrolls
// sideways, the header stays one line, and every control is a 44 px touch target (WCAG 2.5.5).
test.use({ ...devices['Pixel 5'], viewport: { width: 360, height: 740 } });

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
async function expectFitsPhone(page: Page, state: string): Promise<void> {
  const layout = await measureLayout(page);
  expect(layout.scrollWidth, `${state}: the page is wider than the screen`).toBeLessThanOrEqual(layout.innerWidth);
  expect(layout.headerHeight, `${state}: the header's height`).toBeLessThanOrEqual(headerHeightPx + 1);
  expect(layout.offTheLine, `${state}: header controls off its one line`).toEqual([]);
  expect(layout.smallTargets, `${state}: touch targets under ${touchTargetPx} px`).toEqual([]);
}

test('the start page, signed out and signed in, and its header menu', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('banner').getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expectFitsPhone(page, 'signed out, start page');

  await signIn(page);
  await expect(page.getByRole('heading', { name: 'Your recent actions' })).toBeVisible();
  await expectFitsPhone(page, 'signed in, start page');
  const header = page.getByRole('banner');
  await expect(header.getByTestId('signed-in-account')).toBeVisible();
  await expect(header.getByRole('link', { name: 'Machine action watch' })).toBeVisible();
  await expect(header.getByRole('link', { name: 'Watch board' })).toBeVisible();

  // The cloud and the theme wait behind a button; Escape puts them away and the focus back on it.
  const menuButton = header.getByRole('button', { name: 'Cloud and theme' });
  await expect(header.getByLabel('Theme', { exact: true })).toBeHidden();
  await menuButton.click();
  await expect(menuButton).toHaveAttribute('aria-expanded', 'true');
  await expect(header.getByTitle('The cloud this app signs in to')).toBeVisible();
  await header.getByLabel('Theme', { exact: true }).selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await page.keyboard.press('Escape');
  await expect(header.getByLabel('Theme', { exact: true })).toBeHidden();
  await expect(menuButton).toBeFocused();
  await expectFitsPhone(page, 'start page in the dark');

  // A tap elsewhere closes it too.
  await menuButton.click();
  await expect(header.getByLabel('Theme', { exact: true })).toBeVisible();
  await page.getByRole('heading', { name: 'Watch a machine action' }).tap({ position: { x: 5, y: 5 } }); // left of the menu
  await expect(header.getByLabel('Theme', { exact: true })).toBeHidden();
});

const actionPages = [
  { what: 'Pending', id: seededActions.offlineDeviceIsolation, label: 'Pending' },
  { what: 'Succeeded', id: seededActions.investigationPackage, label: 'Succeeded' },
  { what: 'Failed, with its error', id: seededActions.failedIsolation, label: 'Failed' },
  { what: 'Timed out, with live response commands', id: seededActions.timedOutLiveResponse, label: 'Timed out' },
  { what: 'Cancelled', id: seededActions.cancelledIsolation, label: 'Cancelled' },
  { what: 'of an unknown type and status', id: seededActions.unknownTypeAndStatus, label: 'Queued' },
  { what: 'with hostile text: markup, a right-to-left override, a 10,000-character comment', id: seededActions.hostileStrings, label: undefined },
  { what: 'a file quarantine', id: seededActions.quarantinedFile, label: undefined },
] as const;

for (const { what, id, label } of actionPages) {
  test(`the action page: ${what}`, async ({ page }) => {
    await signIn(page, 'analyst', `/actions/${id}`);
    const status = page.getByTestId('action-status');
    if (label) await expect(status).toHaveText(label);
    else await expect(status).toBeVisible();
    await expectFitsPhone(page, what);
    // Opened, the raw JSON wraps rather than widen the page.
    await page.getByText('Raw JSON', { exact: true }).click();
    await expectFitsPhone(page, `${what}, raw JSON open`);
  });
}

test('the action page: in progress, with its device\'s last actions', async ({ page }) => {
  const action = await simulator.createAction({ type: 'RunAntiVirusScan', scope: 'Quick', timeline: [{ status: 'InProgress', afterMs: 0 }] });
  await signIn(page, 'analyst', `/actions/${action.id}`);
  await expect(page.getByTestId('action-status')).toHaveText('In progress');
  await page.getByRole('button', { name: 'Show the last 10' }).click();
  await expect(page.getByTestId('device-actions')).toBeVisible();
  await expectFitsPhone(page, 'in progress, device actions shown');
});

test('the board with several actions, as cards', async ({ page }) => {
  const running = await simulator.createAction({ type: 'Isolate', scope: 'Full', timeline: [{ status: 'InProgress', afterMs: 0 }] });
  await signIn(page, 'analyst', '/board');
  await expect(page.getByLabel('Paste action IDs')).toBeVisible();
  await expectFitsPhone(page, 'empty board');

  const ids = [running.id, seededActions.offlineDeviceIsolation, seededActions.failedIsolation, seededActions.hostileStrings, seededActions.unknownTypeAndStatus, seededActions.investigationPackage];
  await page.getByLabel('Paste action IDs').fill(ids.join('\n'));
  await page.getByRole('button', { name: 'Watch these' }).click();
  const cards = page.getByRole('list', { name: 'Watched actions' }).getByRole('listitem');
  await expect(cards).toHaveCount(ids.length);
  await expect(page.getByTestId('watch-row').getByTestId('action-status')).toHaveCount(ids.length);
  await expect(page.getByRole('table')).toHaveCount(0);

  // Each card: the status, the action in words, the device, and how long it has run or took.
  const card = page.locator(`[data-action-id="${running.id}"]`);
  await expect(card.getByTestId('action-status')).toHaveText('In progress');
  await expect(card.getByRole('link', { name: 'Isolate device (Full)' })).toBeVisible();
  await expect(card).toContainText(String(running.computerDnsName));
  await expect(card.getByTestId('duration')).toHaveText(/so far · usually about .+, 9 in 10 within .+$/);
  await expect(page.locator(`[data-action-id="${seededActions.investigationPackage}"]`).getByTestId('duration')).toHaveText(/^took /);
  await expectFitsPhone(page, 'board with six cards');

  await card.getByRole('button', { name: /^Stop watching Isolate device/ }).click();
  await expect(cards).toHaveCount(ids.length - 1);
});

test('not found: re-checking, then final', async ({ page }) => {
  const id = '0badf00d-0000-4000-8000-0000000000b1';
  await page.clock.install();
  await signIn(page, 'analyst', `/actions/${id}`);
  await expect(page.getByText('Not listed yet')).toBeVisible();
  await expectFitsPhone(page, 'not found, re-checking');
  await advanceClock(page, 25_000); // past the 20 s grace period
  await expect(page.getByTestId('problem')).toContainText('Action not found');
  await expectFitsPhone(page, 'not found (404)');
});

test('access denied (403), for an account without the permission', async ({ page }) => {
  await signIn(page, 'no-access', `/actions/${seededActions.investigationPackage}`);
  await expect(page.getByTestId('problem')).toContainText('Access denied');
  await expectFitsPhone(page, 'access denied (403)');
});

const faults = [
  { name: 'throttled (429)', fault: { status: 429, retryAfter: '30' }, words: 'Defender asked us to slow down' },
  { name: 'Defender trouble (500)', fault: { status: 500 }, words: 'Defender is having trouble' },
  { name: 'access denied mid-watch (403)', fault: { status: 403 }, words: 'Access denied' },
  { name: 'not found mid-watch (404)', fault: { status: 404, count: 100 }, words: 'Not listed yet' },
  { name: 'sign in again (401 after a renewal)', fault: { status: 401, count: 2 }, words: 'Sign in again' },
  { name: 'an unreadable answer', fault: { malformed: true }, words: 'Unreadable answer' },
] as const;

for (const { name, fault, words } of faults) {
  test(`a fault after the first read: ${name}, the last read kept`, async ({ page }) => {
    const id = seededActions.offlineDeviceIsolation;
    await page.clock.install();
    await signIn(page, 'analyst', `/actions/${id}`);
    await expect(page.getByTestId('action-status')).toHaveText('Pending');
    await simulator.injectFault({ ...fault, match: id });
    await advanceToNextCheck(page, id);
    await expect(page.getByText(words).first()).toBeVisible();
    await expect(page.getByTestId('stale-note')).toBeVisible();
    await expectFitsPhone(page, name);
  });
}

test('offline, and the settings error page, and an address that holds no action ID', async ({ page, context }) => {
  await signIn(page, 'analyst', '/actions/not-a-guid');
  await expect(page.getByRole('heading', { name: 'Not a machine action ID' })).toBeVisible();
  await expectFitsPhone(page, 'not a machine action ID');

  await page.goto(`/actions/${seededActions.offlineDeviceIsolation}`);
  await expect(page.getByTestId('action-status')).toHaveText('Pending');
  await context.setOffline(true);
  await expect(page.getByTestId('check-status')).toContainText('Offline', { timeout: 15_000 });
  await expectFitsPhone(page, 'offline');
  await context.setOffline(false);

  await page.route('**/config.json', (route) => route.fulfill({ json: { tenantId: 'contoso.onmicrosoft.com', clientId: 'my-app' } }));
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'The app cannot start with these settings' })).toBeVisible();
  await expectFitsPhone(page, 'settings error');
});
