import type { Page, Response } from '@playwright/test';
import { advanceClock, advanceToNextCheck, advanceUntilCheckSent, countRequests, expectNoCheckWithin, isCheckOf, isMachineActionsUrl, isTokenPath } from './support/checks.ts';
import { simulator } from './support/simulator.ts';
import { expect, open, signIn, test } from './support/test.ts';
import { expectPageIntact, expectWatching } from './support/watch-page.ts';

// One test per fault between the app and Defender (README, "Fault matrix"): each shows its own state, the
// page never goes blank, and polling recovers by itself once the fault clears, unless only the analyst can
// fix it. Uncaught errors and console errors fail any test through the fixtures in support/test.ts.

const problem = (page: Page) => page.getByTestId('problem');

/** A new isolation that stays Pending: polled for as long as a test runs. */
async function createRunningAction(): Promise<string> {
  const action = await simulator.createAction({ type: 'Isolate', scope: 'Full', timeline: [{ status: 'Pending', afterMs: 0 }] });
  return action.id;
}

/**
 * Watches a running action with Playwright's clock installed, just after a check was answered: the next
 * check is a whole interval away, so a fault injected now meets the check the test sets off. The tests about
 * signing in start signed out and sign in here (`signingIn`).
 */
async function watchRunningAction(page: Page, { signingIn = false } = {}): Promise<string> {
  const id = await createRunningAction();
  await page.clock.install();
  if (signingIn) await signIn(page, 'analyst', `/actions/${id}`);
  else await open(page, `/actions/${id}`);
  await expectWatching(page, 'Pending');
  await advanceToNextCheck(page, id);
  return id;
}

/** The last good read stays on screen, marked stale, under the problem. */
async function expectStaleRead(page: Page): Promise<void> {
  await expect(page.getByTestId('action-status')).toHaveText('Pending');
  await expect(page.getByTestId('stale-note')).toBeVisible();
  await expect(page.getByLabel('Action details')).toBeVisible();
}

function isTokenRequest(response: Response): boolean {
  return isTokenPath(new URL(response.url()).pathname) && response.request().method() === 'POST';
}

test.describe('401 Unauthorized', () => {
  test('once: the token is renewed silently and the check retried, nothing shows', async ({ page }) => {
    const id = await watchRunningAction(page);
    await simulator.injectFault({ status: 401, match: id });
    const renewed = page.waitForResponse(isTokenRequest);
    const retried = page.waitForResponse((response) => isCheckOf(id)(response.request()) && response.status() === 200);
    const refusal = await advanceToNextCheck(page, id);
    expect(refusal.status()).toBe(401);
    expect((await renewed).ok()).toBe(true);
    // The retry carries the renewed token, not the one Defender refused.
    const retry = await retried;
    expect(await retry.request().headerValue('authorization')).not.toBe(await refusal.request().headerValue('authorization'));
    await expectWatching(page, 'Pending');
  });

  test.describe('signed in by the test', () => {
    test.use({ account: 'signed out' });

    test('again after the renewal: "Sign in again", which signs in through the simulator and resumes the watch', async ({ page }) => {
      const id = await watchRunningAction(page, { signingIn: true });
      await simulator.injectFault({ status: 401, count: 2, match: id });
      await advanceToNextCheck(page, id);
      await expect(problem(page)).toContainText('Sign in again');
      await expect(problem(page)).toContainText('could not be renewed silently');
      await expectStaleRead(page);
      await expectPageIntact(page);
      await expect(page.getByTestId('check-status')).toContainText('not checking any more');
      await expectNoCheckWithin(page, id, 30_000); // only the analyst can fix this: no request loop

      // The simulator still has a session, so signing in again needs no page of its own, as with Entra.
      await problem(page).getByRole('button', { name: 'Sign in again' }).click();
      await expect(page).toHaveURL(`/actions/${id}`);
      await expectWatching(page, 'Pending');
    });
  });
});

test('403 Forbidden mid-watch: access denied, the last read kept, and no more checks until the page is reloaded', async ({ page }) => {
  const id = await watchRunningAction(page);
  await simulator.injectFault({ status: 403, match: id });
  await advanceToNextCheck(page, id);
  await expect(problem(page)).toContainText('Access denied');
  await expect(problem(page)).toContainText('Machine.Read');
  await expect(problem(page)).toContainText('Correlation ID for support');
  await expectStaleRead(page);
  await expectPageIntact(page);
  await expect(page.getByTestId('check-status')).toContainText('not checking any more');
  await expectNoCheckWithin(page, id, 30_000);

  // Once the permission is back (here: the fault is spent), a reload watches again.
  await page.reload();
  await expectWatching(page, 'Pending');
});

test.describe('404 Not Found', () => {
  test('a new action not listed yet is re-checked every few seconds and shown as soon as Defender lists it', async ({ page }) => {
    const id = await createRunningAction();
    await simulator.injectFault({ status: 404, count: 2, match: id });
    await page.clock.install();
    await open(page, `/actions/${id}`);
    await expect(page.getByText('Not listed yet')).toBeVisible();
    await expectPageIntact(page);
    const second = await advanceToNextCheck(page, id, 5_000);
    expect(second.status()).toBe(404);
    await expect(page.getByText('Not listed yet')).toBeVisible();
    await advanceToNextCheck(page, id, 5_000);
    await expectWatching(page, 'Pending');
    await expect(page.getByText('Not listed yet')).toHaveCount(0);
  });

  test('an unknown ID is re-checked for a grace period, then reported as not found; "Check again" finds it once it exists', async ({ page }) => {
    const id = '0badf00d-0000-4000-8000-000000000000';
    await page.clock.install();
    await open(page, `/actions/${id}`);
    await expect(page.getByText('Not listed yet')).toBeVisible();
    await advanceToNextCheck(page, id, 5_000);
    await expect(page.getByText('Not listed yet')).toBeVisible();
    await advanceClock(page, 25_000);
    // Words true of both causes the API cannot tell apart: an unknown ID, or a device outside the analyst's device groups.
    await expect(problem(page)).toContainText('Not found, or not yours to see');
    await expect(problem(page)).toContainText('it does not exist in this tenant, or it is on a device outside your device groups');
    await expect(problem(page)).toContainText('few seconds');
    await expectPageIntact(page);
    await expect(page.getByTestId('check-status')).toContainText('not checking any more');

    // The analyst's way out: the action exists after all (a slow tenant, say), and "Check again" starts over.
    await simulator.createAction({ id, type: 'Isolate', timeline: [{ status: 'Pending', afterMs: 0 }] });
    await page.getByRole('button', { name: 'Check again' }).click();
    await expectWatching(page, 'Pending');
  });
});

test.describe('429 Too Many Requests', () => {
  test('with a readable Retry-After: no check before it has passed, then the watch resumes', async ({ page }) => {
    const id = await watchRunningAction(page);
    await simulator.injectFault({ status: 429, retryAfter: '30', match: id });
    await advanceToNextCheck(page, id);
    await expect(problem(page)).toContainText('pause of 30 s');
    await expect(problem(page)).toContainText('shared by everyone using this app');
    await expectStaleRead(page);
    await expectPageIntact(page);
    await expectNoCheckWithin(page, id, 20_000);
    await advanceToNextCheck(page, id, 15_000);
    await expectWatching(page, 'Pending');
  });

  for (const retryAfter of [null, 'in a minute']) {
    test(`with ${retryAfter === null ? 'no' : 'an unreadable'} Retry-After: no check during a long pause, then the watch resumes`, async ({ page }) => {
      const id = await watchRunningAction(page);
      await simulator.injectFault({ status: 429, retryAfter, match: id });
      await advanceToNextCheck(page, id);
      await expect(problem(page)).toContainText('Checking again after a growing pause');
      await expectStaleRead(page);
      await expectPageIntact(page);
      await expectNoCheckWithin(page, id, 12_000);
      await advanceToNextCheck(page, id, 30_000);
      await expectWatching(page, 'Pending');
    });
  }
});

for (const [status, code] of [
  [500, 'InternalServerError'],
  [503, 'ServiceUnavailable'],
] as const) {
  test(`${status} ${code}, twice: the last good read kept, marked stale, and polling recovers`, async ({ page }) => {
    const id = await watchRunningAction(page);
    await simulator.injectFault({ status, count: 2, match: id });
    await advanceToNextCheck(page, id);
    await expect(problem(page)).toContainText('Defender is having trouble');
    await expect(problem(page)).toContainText(`HTTP ${status} ${code}`);
    await expectStaleRead(page);
    await expectPageIntact(page);
    expect((await advanceToNextCheck(page, id, 10_000)).status()).toBe(status); // backing off: 2.5 to 5 s first
    await expect(problem(page)).toContainText('Defender is having trouble');
    expect((await advanceToNextCheck(page, id, 15_000)).status()).toBe(200); // then 5 to 10 s
    await expectWatching(page, 'Pending');
  });
}

test('the network dropping: "Cannot reach Defender", the last read kept, and polling recovers when it is back', async ({ page }) => {
  const id = await watchRunningAction(page);
  const isCheck = isCheckOf(id);
  const cutOff = (url: URL) => isMachineActionsUrl(url) && decodeURIComponent(url.href).includes(id);
  await page.route(cutOff, (route) => (isCheck(route.request()) ? route.abort('connectionreset') : route.fallback()));
  const failed = await advanceUntilCheckSent(page, id);
  await expect.poll(() => failed.failure()?.errorText).toBeTruthy();
  await expect(problem(page)).toContainText('Cannot reach Defender');
  await expectStaleRead(page);
  await expectPageIntact(page);

  await page.unroute(cutOff);
  await advanceToNextCheck(page, id, 10_000); // backing off: 2.5 to 5 s
  await expectWatching(page, 'Pending');
});

test('a request that hangs: abandoned after 20 s as "Defender did not answer", then retried', async ({ page }) => {
  const id = await watchRunningAction(page);
  await simulator.injectFault({ hang: true, match: id });
  await advanceUntilCheckSent(page, id);
  // The client's 20 s timeout runs on the page's clock: move it while the request hangs.
  await page.clock.fastForward(20_000);
  await expect(problem(page)).toContainText('Defender did not answer');
  await expect(problem(page)).toContainText('No answer within 20 s');
  await expectStaleRead(page);
  await expectPageIntact(page);
  await advanceToNextCheck(page, id, 10_000); // backing off: 2.5 to 5 s
  await expectWatching(page, 'Pending');
});

test('a malformed JSON body: "Unreadable answer" with the raw text shown, and polling recovers', async ({ page }) => {
  const id = await watchRunningAction(page);
  await simulator.injectFault({ malformed: true, match: id });
  await advanceToNextCheck(page, id);
  await expect(problem(page)).toContainText('Unreadable answer');
  await expect(problem(page)).toContainText('The answer is not JSON');
  await page.getByText('Raw answer', { exact: true }).click();
  await expect(page.getByRole('region', { name: 'Raw answer' })).toContainText('"value":[{"id":"');
  await expectStaleRead(page);
  await expectPageIntact(page);
  await advanceToNextCheck(page, id, 10_000); // backing off: 2.5 to 5 s
  await expectWatching(page, 'Pending');
  await expect(page.getByText('Raw answer', { exact: true })).toHaveCount(0);
});

test('the access token expiring mid-watch: renewed silently with the refresh token, no sign-in prompt', async ({ page }) => {
  const id = await watchRunningAction(page);
  const lastCheck = await advanceToNextCheck(page, id);
  const oldToken = await lastCheck.request().headerValue('authorization');

  // Access tokens last an hour; MSAL renews them 5 minutes before they expire, by the page's clock. The jump
  // is made just after an answer: no request is in flight for it to time out.
  const renewed = page.waitForResponse(isTokenRequest);
  await page.clock.fastForward(61 * 60_000);
  const check = await advanceToNextCheck(page, id);
  expect((await renewed).ok()).toBe(true);
  expect(check.status()).toBe(200);
  expect(await check.request().headerValue('authorization')).not.toBe(oldToken);
  await expectWatching(page, 'Pending');
  await expect(page.getByRole('button', { name: /Sign in/ })).toHaveCount(0);
});

test.describe('signed in by the test', () => {
  test.use({ account: 'signed out' });

  test('interaction required: the identity provider refuses the silent renewal, "Sign in again" resumes the watch', async ({ page }) => {
    const id = await watchRunningAction(page, { signingIn: true });
    // What Entra answers when Conditional Access wants the user back (MFA, sign-in frequency): MSAL cannot
    // renew silently and throws InteractionRequiredAuthError. The simulator itself never asks for it.
    const tokenEndpoint = (url: URL) => isTokenPath(url.pathname);
    await page.route(tokenEndpoint, async (route) => {
      if (route.request().method() !== 'POST') return route.fallback();
      await route.fulfill({
        status: 400,
        headers: { 'Access-Control-Allow-Origin': new URL(page.url()).origin },
        json: {
          error: 'interaction_required',
          error_description: 'AADSTS50076: Due to a configuration change made by your administrator, you must use multi-factor authentication.',
          error_codes: [50076],
          suberror: 'basic_action',
        },
      });
    });
    let refusal: Response | undefined;
    page.on('response', (response) => {
      if (isTokenRequest(response)) refusal ??= response;
    });
    await page.clock.fastForward(61 * 60_000); // past the access token's hour: MSAL has to renew it
    await advanceClock(page, 60_000, () => refusal !== undefined); // until the next check asks for a token
    expect(refusal?.status()).toBe(400);
    await expect(problem(page)).toContainText('Sign in again');
    await expectStaleRead(page);
    await expectPageIntact(page);
    await expect(page.getByTestId('check-status')).toContainText('not checking any more');

    await page.unroute(tokenEndpoint);
    await problem(page).getByRole('button', { name: 'Sign in again' }).click();
    await expect(page).toHaveURL(`/actions/${id}`);
    await expectWatching(page, 'Pending');
  });
});

test('going offline and back: checking pauses with the last read on screen, and resumes with the connection', async ({ page, context }) => {
  const id = await watchRunningAction(page);
  await context.setOffline(true);
  await expectNoCheckWithin(page, id, 10_000);
  await expect(page.getByTestId('check-status')).toContainText('Offline: checking is paused');
  await expect(page.getByTestId('action-status')).toHaveText('Pending');
  await expectPageIntact(page);

  // Counted from before the connection is back: the check the 'online' event sets off may leave at once.
  const checks = countRequests(context, isCheckOf(id));
  await context.setOffline(false);
  await advanceClock(page, 10_000, () => checks.count() > 0);
  checks.stop();
  expect(checks.count()).toBeGreaterThan(0);
  await expectWatching(page, 'Pending');
});
