import { seededActions } from '../sim/seed.ts';
import type { LoggedRequest } from '../sim/testing/simulator-client.ts';
import { advanceClock } from './support/checks.ts';
import { simulator } from './support/simulator.ts';
import { expect, open, test } from './support/test.ts';

const isHistoryCall = (type: string) => (request: LoggedRequest) => (request.query.$filter ?? '').startsWith(`type eq '${type}'`);

test('a running isolation says how long isolations usually take here, and how long this one has run', async ({ page }) => {
  await open(page, `/actions/${seededActions.pendingIsolation}`);
  const expected = page.getByTestId('expected-duration');
  await expect(expected).toContainText(/Isolations here usually finish in about .+; 9 in 10 within .+; from \d+ that succeeded in the last 30 days/);
  await expect(expected).toContainText(/This one has (run|waited for its device) for/);
  await expect(expected.getByRole('progressbar')).toBeVisible();
  await expect(expected).toContainText(/isolations here failed/);
  await expect(page.getByTestId('slower-than-usual')).toHaveCount(0);
  // Read once a day: a reload reads the action again, and the history from the browser's cache.
  const historyCalls = async () => (await simulator.requests()).filter(isHistoryCall('Isolate')).length;
  expect(await historyCalls()).toBe(1);
  await page.reload();
  await expect(page.getByTestId('expected-duration')).toContainText('Isolations here usually finish in about');
  expect(await historyCalls()).toBe(1);
});

test('an isolation running past 9 in 10 of this tenant’s is flagged as slower than usual', async ({ page }) => {
  const tenMinutesAgo = new Date(Date.now() - 10 * 60_000).toISOString();
  const action = await simulator.createAction({ type: 'Isolate', scope: 'Full', status: 'InProgress', creationDateTimeUtc: tenMinutesAgo });
  await open(page, `/actions/${action.id}`);
  await expect(page.getByTestId('slower-than-usual')).toHaveText('slower than 9 in 10 isolations here');
});

test('a history call that fails leaves the watch as it is', async ({ page }) => {
  await simulator.injectFault({ status: 500, count: 10, match: 'type%20eq' });
  await open(page, `/actions/${seededActions.pendingIsolation}`);
  await expect(page.getByTestId('action-status')).toHaveText(/Pending|In progress|Succeeded/);
  await expect(page.getByTestId('problem')).toHaveCount(0);
  await expect(page.getByTestId('check-status')).toContainText(/next check|not checking/);
  await expect(page.getByTestId('expected-duration')).toHaveCount(0);
});

test('a pending isolation past the usual wait for its device says it may be offline, sooner than the fixed 10 minutes', async ({ page }) => {
  // The seeded isolations that a device picked up waited at most about 2 minutes, 19 in 20 of them.
  const fiveMinutesAgo = new Date(Date.now() - 5 * 60_000).toISOString();
  const action = await simulator.createAction({ type: 'Isolate', scope: 'Full', status: 'Pending', creationDateTimeUtc: fiveMinutesAgo });
  await open(page, `/actions/${action.id}`);
  await expect(page.getByTestId('long-pending')).toContainText(/Pending for over 2 min.*: longer than 19 in 20 isolations here waited for their device/);
  await expect(page.getByTestId('long-pending')).toContainText('The device may be offline');
});

test('the board shows how long each running action usually takes, and flags the one past 9 in 10', async ({ page }) => {
  const now = Date.now();
  const fresh = await simulator.createAction({ type: 'Isolate', scope: 'Full', status: 'InProgress', creationDateTimeUtc: new Date(now).toISOString() });
  const late = await simulator.createAction({ type: 'Isolate', scope: 'Full', status: 'InProgress', creationDateTimeUtc: new Date(now - 10 * 60_000).toISOString() });
  await open(page, '/board');
  await page.getByLabel('Paste action IDs').fill(`${fresh.id}\n${late.id}`);
  await page.getByRole('button', { name: 'Watch these' }).click();
  const row = (id: string) => page.locator(`[data-testid="watch-row"][data-action-id="${id}"]`);
  await expect(row(fresh.id).getByTestId('row-usual')).toHaveText(/^usually about \d+ (min|s)/);
  await expect(row(late.id).getByTestId('row-usual')).toHaveText(/^usually about/);
  await expect(row(late.id).getByTestId('row-slower')).toHaveText('slower than 9 in 10 isolations here');
  await expect(row(fresh.id).getByTestId('row-slower')).toHaveCount(0);
  await expect(row(fresh.id).getByRole('progressbar')).toBeVisible();
  // The summary and the tab count the late one as the row flags it.
  await expect(page.getByTestId('board-counts')).toHaveText('2 running (1 late) · 0 succeeded · 0 need attention');
  await expect(page).toHaveTitle('1 late · Machine action watch');
  // One history read for the type, however many of its actions the board shows.
  expect((await simulator.requests()).filter(isHistoryCall('Isolate'))).toHaveLength(1);
});

test('with calls to spare, an isolation done far sooner than isolations here usually finish is shown within seconds', async ({ page }) => {
  // Seeded isolations here first finish at about 40 s: the history's pace alone would not read this one
  // again before then. The planner spends the budget the page is not using, a check every 3 s.
  await page.clock.install();
  await open(page, `/actions/${seededActions.pendingIsolation}`);
  await expect(page.getByTestId('expected-duration')).toContainText('Isolations here usually finish in about');
  const action = await simulator.createAction({ type: 'Isolate', scope: 'Full', status: 'Pending', timeline: [{ status: 'Succeeded', afterMs: 12_000 }] });
  await page.goto(`/actions/${action.id}`);
  await expect(page.getByTestId('action-status')).toHaveText('Pending');
  await simulator.advanceClock(12_000); // Defender's side: the isolation is done
  await advanceClock(page, 4_000);
  await expect(page.getByTestId('action-status')).toHaveText('Succeeded');
});
