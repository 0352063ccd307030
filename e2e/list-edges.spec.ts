import type { Page, Request } from '@playwright/test';
import type { LoggedRequest } from '../sim/testing/simulator-client.ts';
import { advanceClock, countRequests, isDefenderCall } from './support/checks.ts';
import { isHistoryRead, paceByAge, simulator } from './support/simulator.ts';
import { expect, open, test } from './support/test.ts';

// The list call's edges (docs/defender-api.md): an API without `in`, paged answers, a URL limit, a big
// board. Each time the analyst sees every status, never "Request refused" for a filter of our choosing,
// and the calls the simulator logged show how the app got them.

const rows = (page: Page) => page.getByTestId('watch-row');

async function paste(page: Page, ids: string[]) {
  await page.getByLabel('Paste action IDs').fill(ids.join('\n'));
  await page.getByRole('button', { name: 'Watch these' }).click();
}

/** Actions that stay Pending for as long as a test runs, created `batch` at a time. */
async function createPending(count: number, batch = 100): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < count; start += batch) {
    const created = await Promise.all(
      Array.from({ length: Math.min(batch, count - start) }, () => simulator.createAction({ type: 'Isolate', timeline: [{ status: 'Pending', afterMs: 0 }] })),
    );
    ids.push(...created.map((action) => action.id));
  }
  return ids;
}

/** A list call naming actions by ID: the board's checks, not the other lists (a device's, the analyst's own). */
const isList = (request: LoggedRequest) => request.method === 'GET' && request.path.toLowerCase() === '/api/machineactions' && /^id (in|eq) /.test(request.query.$filter ?? '');
const isSingleRead = (request: LoggedRequest) => request.method === 'GET' && /^\/api\/machineactions\/[0-9a-f-]{36}$/i.test(request.path);
const usesIn = (request: LoggedRequest) => / in \(/.test(request.query.$filter ?? '');
const usesOr = (request: LoggedRequest) => / or /.test(request.query.$filter ?? '');
const idsNamed = (request: LoggedRequest) => (request.query.$filter ?? '').match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g) ?? [];

/** Every row shows a status: the badge, not a problem's title. */
async function expectEveryStatus(page: Page, count: number, timeout = 20_000) {
  await expect(rows(page)).toHaveCount(count);
  await expect(rows(page).getByTestId('action-status')).toHaveCount(count, { timeout });
  await expect(page.getByText('Request refused')).toHaveCount(0);
}

test('an API without `in`: every status arrives through `or` chains, and a reload does not ask with `in` again', async ({ page }) => {
  await paceByAge();
  const ids = await createPending(6);
  await simulator.refuseInFilters();
  await page.clock.install();
  await open(page, '/board');
  await paste(page, ids);
  await expectEveryStatus(page, ids.length);

  const calls = await simulator.requests();
  const refused = calls.filter((request) => isList(request) && usesIn(request));
  expect(refused.map((request) => request.status)).toEqual([400]); // one probe, never more
  expect(calls.filter((request) => isList(request) && usesOr(request) && request.status === 200).length).toBeGreaterThanOrEqual(1);
  expect(calls.filter(isSingleRead)).toEqual([]);

  // The shape is remembered for the tab's session (sessionStorage): the reload pays for no refusal.
  await simulator.clearRequests();
  await page.reload();
  await expectEveryStatus(page, ids.length);
  await advanceClock(page, 12_000); // two checks and more at the 5 s pace
  expect((await simulator.requests()).filter(isList).length).toBeGreaterThanOrEqual(2);
  expect((await simulator.requests()).filter(usesIn)).toEqual([]);
});

test('a paged list answer: its nextLinks are followed, and no action on a later page is read by itself', async ({ page }) => {
  await paceByAge();
  const ids = await createPending(5);
  await simulator.pageListsBy(2);
  await page.clock.install();
  await open(page, '/board');
  await paste(page, ids);
  await expectEveryStatus(page, ids.length);
  await advanceClock(page, 12_000); // a few more checks, in which a left-out action would be read alone

  const calls = (await simulator.requests()).filter((request) => !isHistoryRead(request)); // refused on purpose (paceByAge)
  const skips = calls.filter(isList).map((request) => request.query.$skip ?? '0');
  expect(skips.slice(0, 3)).toEqual(['0', '2', '4']);
  expect(calls.filter(isSingleRead)).toEqual([]);
  // A check the last step of the clock set off may still be under way (no status yet): answered ones are all 200.
  const answered = calls.filter((request) => request.status !== null);
  expect(answered.filter((request) => request.status !== 200).map((request) => `${request.status} ${request.path} ${JSON.stringify(request.query)}`)).toEqual([]);
});

test('long URLs refused (414): shorter list calls, every status shown', async ({ page }) => {
  const ids = await createPending(30);
  await simulator.refuseUrlsLongerThan(1_000);
  await open(page, '/board');
  await paste(page, ids);
  await expectEveryStatus(page, ids.length);

  const calls = (await simulator.requests()).filter(isList);
  expect(calls.filter((request) => request.status === 414).length).toBe(1);
  const after = calls.slice(calls.findIndex((request) => request.status === 414) + 1);
  expect(after.length).toBeGreaterThanOrEqual(2);
  expect(after.every((request) => request.status === 200 && idsNamed(request).length < 30)).toBe(true);
  expect((await simulator.requests()).filter(isSingleRead)).toEqual([]);
});

/** A check of actions by ID, as the page sends it: a list call naming them, or one read by itself. */
function isCheckOfIds(request: Request): boolean {
  if (!isDefenderCall(request)) return false;
  const url = new URL(request.url());
  return /\/machineactions\/[0-9a-f-]{36}$/i.test(url.pathname) || /^id (in|eq) /.test(url.searchParams.get('$filter') ?? '');
}

test('1,000 IDs pasted: the board\'s 500 are read at once, then checked a few calls at a time, and the first minute keeps to the budget', async ({ page }) => {
  const ids = await createPending(1_000);
  await page.clock.install();
  await open(page, '/board');
  // Every call counts against the budget; the checks (not the one history read of the type) are counted apart.
  const calls = countRequests(page.context(), isDefenderCall);
  const checks = countRequests(page.context(), isCheckOfIds);
  // The probe's answer comes in the machine's own time: a loaded machine must not spend the page's seconds.
  const probeAnswered = page.waitForResponse((response) => isCheckOfIds(response.request()));
  await paste(page, ids);
  const watched = await rows(page).count();
  expect(watched).toBe(500);
  await probeAnswered;

  // New IDs are not routine: the whole first read is sent within a few seconds of the page's clock (500 IDs
  // in chunks of 39: a probe of the list shape, then, once it is answered, the 12 other chunks at once; at
  // the routine pace, 3 calls every 9 s, it would take 40 s), and every row has its status as soon as the
  // answers are in, with no more of the page's time passing (a loaded machine answers in its own time).
  let waited = 0;
  while (checks.count() < 13 && waited < 5_000) {
    await advanceClock(page, 1_000);
    waited += 1_000;
  }
  expect(checks.count(), 'list calls sent in the first five seconds').toBeGreaterThanOrEqual(13);
  await expectEveryStatus(page, watched);

  // Then routine checks: the rest of the minute a second at a time, a few calls a check.
  const perSecond: number[] = [];
  for (let second = waited / 1_000; second < 60; second += 1) {
    const before = checks.count();
    await advanceClock(page, 1_000);
    perSecond.push(checks.count() - before);
  }
  calls.stop();
  checks.stop();
  expect(calls.count(), 'calls in the first minute').toBeLessThanOrEqual(80); // the default quotaShare 0.8 of Defender's 100
  expect(Math.max(...perSecond), `routine checks in any one second: ${perSecond.join(' ')}`).toBeLessThanOrEqual(3);
  expect(perSecond.reduce((sum, count) => sum + count, 0), 'routine checks after the first read').toBeGreaterThan(10);
  expect((await simulator.requests()).every((request) => request.status === 200)).toBe(true);
});
