import { expect, type Page, type Request, type Response } from '@playwright/test';

// Moving the page's clock while the app polls. The clock goes forward a second at a time, with a pause
// for the page to act after each step: Playwright's clock drives AbortSignal.timeout too, so one long jump
// made while a request is in flight would time it out, and small steps find the next check whatever
// the polling cadence is.

const stepMs = 1_000;
const reactionMs = 100;

/**
 * Whether a request is a check of this action: its own read (`/api/machineactions/{id}`) or a list call
 * whose filter names it. GET only: a CORS preflight is not a check.
 */
export function isCheckOf(actionId: string): (request: Request) => boolean {
  return (request) => {
    if (request.method() !== 'GET') return false;
    const url = new URL(request.url());
    const id = actionId.toLowerCase();
    return url.pathname.toLowerCase().startsWith('/api/machineactions') && decodeURIComponent(`${url.pathname}${url.search}`).toLowerCase().includes(id);
  };
}

/** Counts the checks of an action the page sends from now on. */
function countChecks(page: Page, actionId: string): { count: () => number; stop: () => void } {
  let count = 0;
  const isCheck = isCheckOf(actionId);
  const onRequest = (request: Request) => {
    if (isCheck(request)) count += 1;
  };
  page.on('request', onRequest);
  return { count: () => count, stop: () => page.off('request', onRequest) };
}

/** Moves the clock forward by `ms`, a step at a time, letting the page act after each step. */
export async function advanceClock(page: Page, ms: number, until: () => boolean = () => false): Promise<void> {
  for (let advanced = 0; advanced < ms && !until(); advanced += stepMs) {
    await page.clock.fastForward(Math.min(stepMs, ms - advanced));
    await page.waitForTimeout(reactionMs);
  }
}

/** Moves the clock forward until a check of the action is sent; returns it without waiting for an answer. */
export async function advanceUntilCheckSent(page: Page, actionId: string, maxMs = 120_000): Promise<Request> {
  let sent: Request | undefined;
  const isCheck = isCheckOf(actionId);
  const onRequest = (request: Request) => {
    if (isCheck(request)) sent ??= request;
  };
  page.on('request', onRequest);
  try {
    await advanceClock(page, maxMs, () => sent !== undefined);
  } finally {
    page.off('request', onRequest);
  }
  if (!sent) throw new Error(`No check of ${actionId} was sent within ${maxMs / 1000} s of the page's clock`);
  return sent;
}

/**
 * Moves the clock forward until a check of the action is sent and answered, and the page has read the
 * answer, so that the next step of a test starts from a settled page.
 */
export async function advanceToNextCheck(page: Page, actionId: string, maxMs?: number): Promise<Response> {
  const request = await advanceUntilCheckSent(page, actionId, maxMs);
  const response = await request.response();
  if (!response) throw new Error(`The check ${request.url()} failed: ${request.failure()?.errorText ?? 'no answer'}`);
  await response.finished();
  await page.evaluate(() => undefined); // one round trip: the page has run what the answer set off
  return response;
}

/** Fails if the page sends a check of the action while the clock moves forward by `ms`. */
export async function expectNoCheckWithin(page: Page, actionId: string, ms: number): Promise<void> {
  const checks = countChecks(page, actionId);
  try {
    await advanceClock(page, ms);
    await page.waitForTimeout(500); // a check set off by the last step is sent well within this
  } finally {
    checks.stop();
  }
  expect(checks.count(), `checks of ${actionId} within ${ms / 1000} s`).toBe(0);
}
