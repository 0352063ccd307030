import type { Request } from '@playwright/test';
import { seededActions } from '../sim/seed.ts';
import { simulator } from './support/simulator.ts';
import { expect, open, test } from './support/test.ts';
import { workerPorts } from './support/worker-ports.ts';

// By default the app reads Defender through its own origin (/defender-api), as the real API refuses
// browsers' cross-origin calls; the simulator refuses them too. These tests set `apiBaseUrl` to the API's
// own host, as a deployment without a same-origin path would.
const apiOrigin = `http://localhost:${workerPorts.api}`;

test.beforeEach(async ({ page }) => {
  await page.route('**/config.json', (route) => route.fulfill({ json: { apiBaseUrl: apiOrigin } }));
});

const isDirectRead = (request: Request) => request.url().startsWith(`${apiOrigin}/api/machineactions`);

test('an API that answers cross-origin calls is read directly', async ({ page }) => {
  await simulator.allowCrossOriginCalls();
  const direct = page.waitForRequest(isDirectRead);
  await open(page, `/actions/${seededActions.investigationPackage}`);
  await direct;
  await expect(page.getByTestId('action-status')).toHaveText('Succeeded');
});

test('an API that refuses cross-origin calls, as the real one does: the call fails in the browser', async ({ page, consoleErrors }) => {
  const failed = page.waitForEvent('requestfailed', isDirectRead);
  await open(page, `/actions/${seededActions.investigationPackage}`);
  await failed;
  await expect(page.getByTestId('problem')).toContainText('Cannot reach Defender');
  // Chromium's own lines about the refusal, which this test causes on purpose; anything else still fails it.
  const isCorsLine = (line: string) => /blocked by CORS policy/.test(line);
  await expect.poll(() => consoleErrors.filter(isCorsLine).length).toBeGreaterThan(0);
  consoleErrors.splice(0, consoleErrors.length, ...consoleErrors.filter((line) => !isCorsLine(line)));
});
