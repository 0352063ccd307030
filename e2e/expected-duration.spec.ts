import { seededActions } from '../sim/seed.ts';
import type { LoggedRequest } from '../sim/testing/simulator-client.ts';
import { simulator } from './support/simulator.ts';
import { expect, signIn, test } from './support/test.ts';

const isHistoryCall = (type: string) => (request: LoggedRequest) => (request.query.$filter ?? '').startsWith(`type eq '${type}'`);

test('a running isolation says how long isolations usually take here, and how long this one has run', async ({ page }) => {
  await signIn(page, 'analyst', `/actions/${seededActions.pendingIsolation}`);
  const expected = page.getByTestId('expected-duration');
  await expect(expected).toContainText(/Isolations here usually finish in about .+; 9 in 10 within .+; from \d+ in the last 30 days/);
  await expect(expected).toContainText('This one has run for');
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
  await signIn(page, 'analyst', `/actions/${action.id}`);
  await expect(page.getByTestId('slower-than-usual')).toHaveText(': slower than 9 in 10 isolations here');
});

test('a history call that fails leaves the watch as it is', async ({ page }) => {
  await simulator.injectFault({ status: 500, count: 10, match: 'type%20eq' });
  await signIn(page, 'analyst', `/actions/${seededActions.pendingIsolation}`);
  await expect(page.getByTestId('action-status')).toHaveText(/Pending|In progress|Succeeded/);
  await expect(page.getByTestId('problem')).toHaveCount(0);
  await expect(page.getByTestId('check-status')).toContainText(/next check|not checking/);
  await expect(page.getByTestId('expected-duration')).toHaveCount(0);
});
