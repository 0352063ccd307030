import { expect, type BrowserContext, type Page, type Request, type Response } from '@playwright/test';

// Moving the page's clock while the app polls, with no real time spent waiting. The clock goes forward a
// second at a time, and after each step the page settles: its requests in flight are answered. Playwright's
// clock drives AbortSignal.timeout too, so one long jump made while a request is in flight would time it
// out, and small steps find the next check whatever the polling cadence is.

const stepMs = 1_000;
/** The longest a step waits for the page's requests: a request made to hang must not hold the clock. */
const settleLimitMs = 1_000;

/** A URL of Defender's machine actions, as the page calls them: on its own origin (/defender-api/api/…) or directly. */
export function isMachineActionsUrl(url: URL): boolean {
  return /^(\/defender-api)?\/api\/machineactions(\/|$)/i.test(url.pathname);
}

/** The identity provider's token endpoint: the root's, or a tenant's (`/<tenant>/token`), as Entra serves each tenant. */
export function isTokenPath(pathname: string): boolean {
  return /^(\/[^/]+)?\/token$/.test(pathname);
}

/**
 * Whether a request is a check of this action: its own read (`…/api/machineactions/{id}`) or a list call
 * whose filter names it. GET only: a CORS preflight is not a check.
 */
export function isCheckOf(actionId: string): (request: Request) => boolean {
  return (request) => {
    if (request.method() !== 'GET') return false;
    const url = new URL(request.url());
    const id = actionId.toLowerCase();
    return isMachineActionsUrl(url) && decodeURIComponent(`${url.pathname}${url.search}`).toLowerCase().includes(id);
  };
}

/** Any call to Defender's machine actions, from any tab. */
export function isDefenderCall(request: Request): boolean {
  return isMachineActionsUrl(new URL(request.url())) && request.method() === 'GET';
}

/** Counts the requests of every tab of a context that match, from now on. */
export function countRequests(context: BrowserContext, matches: (request: Request) => boolean): { count: () => number; stop: () => void } {
  let count = 0;
  const onRequest = (request: Request) => {
    if (matches(request)) count += 1;
  };
  context.on('request', onRequest);
  return { count: () => count, stop: () => context.off('request', onRequest) };
}

/** The context's requests still waiting for an answer (a stream that stays open is not one). */
function requestsInFlight(context: BrowserContext): { idle: () => Promise<void>; stop: () => void } {
  const open = new Set<Request>();
  let waiters: (() => void)[] = [];
  const onRequest = (request: Request) => {
    if (request.resourceType() !== 'eventsource') open.add(request);
  };
  const onDone = (request: Request) => {
    open.delete(request);
    if (open.size === 0) {
      for (const wake of waiters) wake();
      waiters = [];
    }
  };
  context.on('request', onRequest);
  context.on('requestfinished', onDone);
  context.on('requestfailed', onDone);
  return {
    idle: () => (open.size === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
    stop: () => {
      context.off('request', onRequest);
      context.off('requestfinished', onDone);
      context.off('requestfailed', onDone);
    },
  };
}

/** Lets the page act on what its clock set off: one round trip, then its requests answered (or a second). */
async function settle(page: Page, inFlight: { idle: () => Promise<void> }): Promise<void> {
  await page.evaluate(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<void>((resolve) => (timer = setTimeout(resolve, settleLimitMs)));
  await Promise.race([inFlight.idle(), limit]);
  clearTimeout(timer);
  await page.evaluate(() => undefined);
}

/** Moves the clock forward by `ms`, a step at a time, letting the page settle after each step. */
export async function advanceClock(page: Page, ms: number, until: () => boolean = () => false): Promise<void> {
  const inFlight = requestsInFlight(page.context());
  try {
    for (let advanced = 0; advanced < ms && !until(); advanced += stepMs) {
      await page.clock.fastForward(Math.min(stepMs, ms - advanced));
      await settle(page, inFlight);
    }
  } finally {
    inFlight.stop();
  }
}

/** Moves the clock forward until a check of the action is sent; returns it without waiting for an answer. */
export async function advanceUntilCheckSent(page: Page, actionId: string, maxMs = 120_000): Promise<Request> {
  let sent: Request | undefined;
  const isCheck = isCheckOf(actionId);
  const onRequest = (request: Request) => {
    if (isCheck(request)) sent ??= request;
  };
  page.context().on('request', onRequest);
  try {
    await advanceClock(page, maxMs, () => sent !== undefined);
  } finally {
    page.context().off('request', onRequest);
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

/**
 * A check the clock set off just before a window closed may still be on its way (the token is read from
 * MSAL's encrypted cache first): this long, in real time, is far more than that takes.
 */
const lateCheckMs = 300;

/** Fails if any tab of the page's context sends a request that `matches` while the clock moves on by `ms`. */
export async function expectNoRequestWithin(page: Page, matches: (request: Request) => boolean, ms: number, what: string): Promise<void> {
  const requests = countRequests(page.context(), matches);
  try {
    await advanceClock(page, ms);
    await page.waitForTimeout(lateCheckMs);
  } finally {
    requests.stop();
  }
  expect(requests.count(), `${what} within ${ms / 1000} s`).toBe(0);
}

/** Fails if the page sends a check of the action while the clock moves forward by `ms`. */
export function expectNoCheckWithin(page: Page, actionId: string, ms: number): Promise<void> {
  return expectNoRequestWithin(page, isCheckOf(actionId), ms, `checks of ${actionId}`);
}
