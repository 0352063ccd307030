import type { Browser, Locator, Page } from '@playwright/test';
import type { DemoLogin } from '../sim/testing/sign-in-through-app.ts';
import { RELAY_CLIENT_ID } from '../sim/constants.ts';
import { advanceClock, advanceToNextCheck, expectNoRequestWithin, isDefenderCall } from './support/checks.ts';
import type { SignedInStates } from './support/signed-in-states.ts';
import { paceByAge, simulator } from './support/simulator.ts';
import { startTeamRelay, type TeamRelay } from './support/team-relay.ts';
import { expect, open, test as base } from './support/test.ts';

// The team relay, for real: the app's own server with a redis-server of its own, against this worker's
// simulator, serving the relay on the app's origin; config.json names it. Each test has a relay of its own.
const test = base.extend<{ relay: TeamRelay }>({
  relay: [
    async ({ appServer }, use) => {
      const relay = await startTeamRelay(appServer);
      try {
        await use(relay);
      } finally {
        await relay.close();
      }
    },
    { auto: true },
  ],
});

/** An analyst's own browser, signed in (a state a real sign-in left in this worker), with the board watching `ids`. */
async function analyst(browser: Browser, states: SignedInStates, login: DemoLogin, ids: string[], { clock = false } = {}): Promise<Page> {
  const context = await browser.newContext({ storageState: await states.of(login) });
  if (clock) await context.clock.install();
  const page = await context.newPage();
  await open(page, '/board');
  await page.getByLabel('Paste action IDs').fill(ids.join('\n'));
  await page.getByRole('button', { name: 'Watch these' }).click();
  return page;
}

const row = (page: Page, id: string) => page.locator(`[data-testid="watch-row"][data-action-id="${id}"]`);
const isIdList = (query: Record<string, string>) => /\bid (in|eq) /.test(query.$filter ?? '');

/** Moves the page's clock on (the browser's reconnection backoff runs on it) until the locator has the attribute. */
async function advanceUntilAttribute(page: Page, locator: Locator, name: string, value: string, maxMs = 60_000): Promise<void> {
  for (let advanced = 0; (await locator.getAttribute(name)) !== value; advanced += 1_000) {
    if (advanced >= maxMs) throw new Error(`${name} is not "${value}" after ${maxMs / 1000} s of the page's clock`);
    await advanceClock(page, 1_000);
  }
}

test('two analysts watch through one relay: one list call a check for both, each seeing only what their own account may', async ({ browser, signedInStates }) => {
  const workstation = await simulator.createAction({ type: 'Isolate', scope: 'Full', status: 'InProgress' });
  const branch = await simulator.createAction({ type: 'RunAntiVirusScan', scope: 'Quick', status: 'InProgress', deviceGroup: 'Branch Office', timeline: [{ status: 'Succeeded', afterMs: 25_000 }] });
  const dana = await analyst(browser, signedInStates, 'analyst', [workstation.id, branch.id]);
  const robin = await analyst(browser, signedInStates, 'branch', [branch.id, workstation.id]);
  for (const page of [dana, robin]) await expect(page.getByTestId('relay-notice')).toHaveAttribute('data-relay-state', 'connected');

  await expect(row(dana, workstation.id).getByTestId('action-status')).toHaveText('In progress');
  await expect(row(dana, branch.id).getByTestId('action-status')).toHaveText('In progress');
  await expect(row(robin, branch.id).getByTestId('action-status')).toHaveText('In progress');
  // Robin Branch sees only the Branch Office: the relay checked with his own account and never sends him the other.
  // Defender's 404 cannot be told from an unknown ID's, so the words are true of both, and the row is not running.
  await expect(row(robin, workstation.id).getByTestId('row-problem')).toHaveText('Not found, or not yours to see');
  await expect(row(robin, workstation.id).getByTestId('row-problem-brief')).toHaveText("Check the ID, or ask for access to the device's group.");
  await expect(row(robin, workstation.id).getByTestId('action-status')).toHaveCount(0);
  await expect(robin.getByTestId('board-counts')).toHaveText("1 running · 0 succeeded · 0 need attention · 1 can't be read");
  await expect(robin).toHaveTitle("1 can't be read · Machine action watch");
  await expect(robin.getByText('finance-ws-014.contoso.example')).toHaveCount(0);
  // The relay keeps its histories to itself: the tab reads its type's history (with Dana's own token) for the board.
  await expect(row(dana, workstation.id).getByTestId('row-usual')).toHaveText(/^usually about/);

  // The finish reaches both boards from the relay's one poller (the simulator's clock skips the scan's 25 s).
  await simulator.advanceClock(25_000);
  await expect(row(dana, branch.id).getByTestId('action-status')).toHaveText('Succeeded', { timeout: 30_000 }); // the relay's own pace, in real time
  await expect(row(robin, branch.id).getByTestId('action-status')).toHaveText('Succeeded');
  await expect(robin.getByText('finance-ws-014.contoso.example')).toHaveCount(0);
  await expect(robin.getByTestId('board-counts')).toHaveText("0 running · 1 succeeded · 0 need attention · 1 can't be read");

  const lists = (await simulator.requests()).filter((request) => request.method === 'GET' && isIdList(request.query));
  expect(lists.length).toBeGreaterThan(1);
  // Every list of IDs came from the relay, none from a browser (a browser's reads are of histories only); once
  // both watched, each named the union.
  expect(lists.every((request) => request.user === RELAY_CLIENT_ID)).toBe(true);
  const both = lists.filter((request) => request.query.$filter?.includes(branch.id) && request.query.$filter.includes(workstation.id));
  expect(both.length).toBeGreaterThan(0);
  const afterBoth = lists.slice(lists.indexOf(both[0] ?? lists[0]));
  expect(afterBoth.filter((request) => request.query.$filter?.includes(workstation.id)).length).toBe(afterBoth.length);
  await dana.context().close();
  await robin.context().close();
});

test('Redis stopped: the relay cannot serve, the browser says so and reads Defender itself, then goes back to the relay when it answers', async ({ browser, signedInStates, relay }) => {
  await paceByAge();
  const action = await simulator.createAction({ type: 'Isolate', scope: 'Full', status: 'InProgress' });
  const dana = await analyst(browser, signedInStates, 'analyst', [action.id], { clock: true });
  const notice = dana.getByTestId('relay-notice');
  await expect(notice).toHaveAttribute('data-relay-state', 'connected');
  await expect(row(dana, action.id).getByTestId('action-status')).toHaveText('In progress');

  await relay.stop();
  // The server says it is not ready while its relay cannot reach Redis, so a load balancer would send no one there.
  await expect.poll(async () => (await dana.request.get('/readyz')).status()).toBe(503);
  expect(await (await dana.request.get('/readyz')).json()).toEqual({ ready: false, reason: 'redis' });
  await advanceUntilAttribute(dana, notice, 'data-relay-state', 'unreachable');
  await expect(notice).toContainText('The team relay is not answering');
  // Meanwhile the browser reads the action with the analyst's own account, within its own share.
  const direct = await advanceToNextCheck(dana, action.id);
  expect(direct.status()).toBe(200);

  await relay.start();
  await expect.poll(async () => (await dana.request.get('/readyz')).status()).toBe(200);
  await advanceUntilAttribute(dana, notice, 'data-relay-state', 'connected');
  await expectNoRequestWithin(dana, isDefenderCall, 8_000, "the browser's own calls to Defender once the relay is back");
  await dana.context().close();
});

test('SIGTERM: the server says it is not ready at once, ends the stream when it stops, and the browser is back with the next server', async ({ browser, signedInStates, appServer, relay }) => {
  await paceByAge();
  const action = await simulator.createAction({ type: 'Isolate', scope: 'Full', status: 'InProgress' });
  const dana = await analyst(browser, signedInStates, 'analyst', [action.id], { clock: true });
  const notice = dana.getByTestId('relay-notice');
  await expect(notice).toHaveAttribute('data-relay-state', 'connected');
  expect((await dana.request.get('/readyz')).status()).toBe(200);

  const exited = appServer.terminate();
  // Draining: still serving, but no longer ready, so that a load balancer sends the next request elsewhere.
  await expect.poll(async () => (await dana.request.get('/readyz')).status()).toBe(503);
  expect(await exited).toBe(0);
  await advanceUntilAttribute(dana, notice, 'data-relay-state', 'unreachable');

  await relay.restartServer();
  await advanceUntilAttribute(dana, notice, 'data-relay-state', 'connected');
  await expect(row(dana, action.id).getByTestId('action-status')).toHaveText('In progress');
  await dana.context().close();
});

test('an account the relay does not serve (no Machine.Read): told so, not that the relay is down, and never streamed anything', async ({ browser, signedInStates }) => {
  const action = await simulator.createAction({ type: 'Isolate', scope: 'Full', status: 'InProgress' });
  const riley = await analyst(browser, signedInStates, 'no-access', [action.id]);
  const notice = riley.getByTestId('relay-notice');
  await expect(notice).toHaveAttribute('data-relay-state', 'refused');
  await expect(notice).toContainText('The team relay does not accept your account');
  await expect(notice).not.toContainText('not answering');
  // Read directly instead, Defender itself says what her account may not do.
  await expect(row(riley, action.id).getByTestId('row-problem')).toBeVisible();
  await riley.context().close();
});
