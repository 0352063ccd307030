import type { Browser, Page } from '@playwright/test';
import { RELAY_CLIENT_ID } from '../sim/constants.ts';
import { paceByAge, simulator } from './support/simulator.ts';
import { startTeamRelay, useRelay, type TeamRelay } from './support/team-relay.ts';
import { expect, signIn, test } from './support/test.ts';

// The team relay, for real: a redis-server and the relay's own process, against the simulator, read by
// the app in Chromium with config.json naming the relay.
let relay: TeamRelay;
test.beforeAll(async ({ baseURL }) => {
  relay = await startTeamRelay(new URL(baseURL ?? 'http://localhost:4173').origin);
});
test.afterAll(async () => {
  await relay?.close();
});

async function analyst(browser: Browser, login: Parameters<typeof signIn>[1], ids: string[]): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await useRelay(page);
  await signIn(page, login, '/board');
  await page.getByLabel('Paste action IDs').fill(ids.join('\n'));
  await page.getByRole('button', { name: 'Watch these' }).click();
  return page;
}

const row = (page: Page, id: string) => page.locator(`[data-testid="watch-row"][data-action-id="${id}"]`);
const isIdList = (query: Record<string, string>) => /\bid (in|eq) /.test(query.$filter ?? '');

test('two analysts watch through one relay: one list call a check for both, each seeing only what their own account may', async ({ browser }) => {
  const workstation = await simulator.createAction({ type: 'Isolate', scope: 'Full', status: 'InProgress' });
  const branch = await simulator.createAction({ type: 'RunAntiVirusScan', scope: 'Quick', status: 'InProgress', deviceGroup: 'Branch Office', timeline: [{ status: 'Succeeded', afterMs: 25_000 }] });
  const dana = await analyst(browser, 'analyst', [workstation.id, branch.id]);
  const robin = await analyst(browser, 'branch', [branch.id, workstation.id]);
  for (const page of [dana, robin]) await expect(page.getByTestId('relay-notice')).toHaveAttribute('data-relay-state', 'connected');

  await expect(row(dana, workstation.id).getByTestId('action-status')).toHaveText('In progress');
  await expect(row(dana, branch.id).getByTestId('action-status')).toHaveText('In progress');
  await expect(row(robin, branch.id).getByTestId('action-status')).toHaveText('In progress');
  // Robin Branch sees only the Branch Office: the relay checked with his own account and never sends him the other.
  await expect(row(robin, workstation.id).getByTestId('row-problem')).toBeVisible();
  await expect(row(robin, workstation.id).getByTestId('action-status')).toHaveCount(0);
  await expect(robin.getByText('finance-ws-014.contoso.example')).toHaveCount(0);

  // The finish reaches both boards from the relay's one poller.
  await expect(row(dana, branch.id).getByTestId('action-status')).toHaveText('Succeeded', { timeout: 45_000 });
  await expect(row(robin, branch.id).getByTestId('action-status')).toHaveText('Succeeded');
  await expect(robin.getByText('finance-ws-014.contoso.example')).toHaveCount(0);

  const lists = (await simulator.requests()).filter((request) => request.method === 'GET' && isIdList(request.query));
  expect(lists.length).toBeGreaterThan(1);
  // Every list of IDs came from the relay, none from a browser; once both watched, each named the union.
  expect(lists.every((request) => request.user === RELAY_CLIENT_ID)).toBe(true);
  const both = lists.filter((request) => request.query.$filter?.includes(branch.id) && request.query.$filter.includes(workstation.id));
  expect(both.length).toBeGreaterThan(0);
  const afterBoth = lists.slice(lists.indexOf(both[0] ?? lists[0]));
  expect(afterBoth.filter((request) => request.query.$filter?.includes(workstation.id)).length).toBe(afterBoth.length);
  await dana.context().close();
  await robin.context().close();
});

test('the relay stopped: the browser says so and reads Defender itself, then goes back to the relay when it answers', async ({ browser }) => {
  await paceByAge();
  const action = await simulator.createAction({ type: 'Isolate', scope: 'Full', status: 'InProgress' });
  const dana = await analyst(browser, 'analyst', [action.id]);
  await expect(dana.getByTestId('relay-notice')).toHaveAttribute('data-relay-state', 'connected');
  await expect(row(dana, action.id).getByTestId('action-status')).toHaveText('In progress');

  await relay.stop();
  await expect(dana.getByTestId('relay-notice')).toHaveAttribute('data-relay-state', 'unreachable');
  await expect(dana.getByTestId('relay-notice')).toContainText('The team relay is not answering');
  await simulator.clearRequests();
  // Meanwhile the browser reads the action with the analyst's own account, within its own share.
  await expect.poll(async () => (await simulator.requests()).filter((request) => request.user === 'dana.analyst@contoso.example').length, { timeout: 20_000 }).toBeGreaterThan(0);

  await relay.start();
  await expect(dana.getByTestId('relay-notice')).toHaveAttribute('data-relay-state', 'connected', { timeout: 40_000 });
  await dana.waitForTimeout(1_000); // a direct check under way when the relay answered may still land
  await simulator.clearRequests();
  await dana.waitForTimeout(8_000);
  const fromBrowser = (await simulator.requests()).filter((request) => request.user === 'dana.analyst@contoso.example' && request.path.toLowerCase().startsWith('/api/machineactions'));
  expect(fromBrowser).toHaveLength(0);
  await dana.context().close();
});
