import type { Request } from '@playwright/test';
import { seededActions } from '../sim/seed.ts';
import { advanceClock, advanceUntilCheckSent, countRequests, expectNoCheckWithin } from './support/checks.ts';
import { simulator } from './support/simulator.ts';
import { expect, open, test } from './support/test.ts';
import { workerPorts } from './support/worker-ports.ts';

// By default the app reads Defender through its own origin (/defender-api), as the real API refuses
// browsers' cross-origin calls; the simulator refuses them too. These tests set `apiBaseUrl` to the API's
// own host, as a deployment without a same-origin path would.
const apiOrigin = `http://localhost:${workerPorts.api}`;

// The app's server started again with API_BASE_URL set to the API's host: its config.json names that host
// and its Content-Security-Policy allows it, as a deployment that chose direct calls would have them.
test.beforeEach(async ({ appServer }) => {
  await appServer.restart({ API_BASE_URL: apiOrigin });
});
test.afterEach(async ({ appServer, page }) => {
  // The page first: a request still in flight (its icon, say) would fail as the server restarts, and be
  // reported as the page's console error.
  await page.close();
  await appServer.restart({});
});

const isDirectRead = (request: Request) => request.url().startsWith(`${apiOrigin}/api/machineactions`);
/** The client's cross-origin probe: a direct read without the token, which a `no-cors` request cannot carry. */
const isProbe = (request: Request) => isDirectRead(request) && request.headers()['authorization'] === undefined;

test('an API that answers cross-origin calls is read directly', async ({ page }) => {
  await simulator.allowCrossOriginCalls();
  const direct = page.waitForRequest(isDirectRead);
  await open(page, `/actions/${seededActions.investigationPackage}`);
  await direct;
  await expect(page.getByTestId('action-status')).toHaveText('Succeeded');
});

test('an API that refuses cross-origin calls, as the real one does: the page says so and names the fix, and checks again only every 5 min', async ({
  page,
  consoleErrors,
}) => {
  const id = seededActions.investigationPackage;
  const problem = page.getByTestId('problem');
  await page.clock.install();
  const refused = page.waitForEvent('requestfailed', isDirectRead);
  const probe = page.waitForRequest(isProbe);
  await open(page, `/actions/${id}`);
  await refused;
  await expect(problem).toHaveAttribute('data-problem', 'cross-origin');
  await expect(problem).toContainText('Defender refuses calls from this page');
  await expect(problem).toContainText(`Defender answered, but it refuses calls from this page's address (${new URL(page.url()).origin}) to ${apiOrigin}`);
  await expect(problem).toContainText("serve the Defender API under this app's own address and set apiBaseUrl to that path");
  await expect(problem).not.toContainText('Cannot reach Defender');
  // What told it apart: the same URL asked once more without CORS, and without the analyst's token.
  expect((await probe).url()).toBe(`${apiOrigin}/api/machineactions/${id}`);

  // Not a network fault's backoff (2.5 s, doubling to 2 min at most): nothing for 4 minutes...
  const calls = countRequests(page.context(), isDirectRead);
  const probes = countRequests(page.context(), isProbe);
  await expectNoCheckWithin(page, id, 4 * 60_000);
  // ...then one check at 5 min, the verdict remembered: one refused call, and no probe with it.
  const again = page.waitForEvent('requestfailed', isDirectRead);
  await advanceUntilCheckSent(page, id, 90_000);
  await again;
  await advanceClock(page, 5_000);
  await expect(problem).toHaveAttribute('data-problem', 'cross-origin');
  expect({ calls: calls.count(), probes: probes.count() }).toEqual({ calls: 1, probes: 0 });
  calls.stop();
  probes.stop();

  // Chromium's own lines about the refusal, which this test causes on purpose; anything else still fails it.
  const isCorsLine = (line: string) => /blocked by CORS policy/.test(line);
  await expect.poll(() => consoleErrors.filter(isCorsLine).length).toBeGreaterThan(0);
  consoleErrors.splice(0, consoleErrors.length, ...consoleErrors.filter((line) => !isCorsLine(line)));
});
