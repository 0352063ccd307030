import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { killProcess, startNodeProcess } from '../sim/testing/simulator-process.ts';
import { expectNoAccessibilityViolations } from './support/accessibility.ts';
import { e2eOutDir, e2eServerOutDir } from './support/app-server.ts';
import { expectFitsPhone } from './support/screen-checks.ts';
import { expect, test } from './support/test.ts';
import { workerPorts } from './support/worker-ports.ts';

// The production build as it ships (config.json is `{}`), on a host with no tenant and no simulator: it
// must say what to set, never sign in at a simulator nobody asked for (it used to try localhost:4010).

/** A port of this worker's that the app server, the simulator and the relay leave free (worker-ports.ts keeps ten). */
const staticHostPort = workerPorts.app + 5;
const staticHostUrl = `http://localhost:${staticHostPort}`;

test.use({ account: 'signed out' });

test.describe('an unconfigured build on a static host', () => {
  let host: ChildProcess | undefined;

  test.beforeAll(async () => {
    // `vite preview` with the simulator off: a plain web host for the built files, with the deployment's headers.
    host = await startNodeProcess('static host', ['node_modules/vite/bin/vite.js', 'preview', '--outDir', e2eOutDir, '--port', String(staticHostPort), '--strictPort'], {
      env: { SIMULATOR: 'off' },
      readyUrl: `${staticHostUrl}/config.json`,
    });
  });

  test.afterAll(async () => {
    if (host) await killProcess(host);
  });

  for (const screen of ['light', 'dark', 'phone'] as const) {
    test(`names tenantId and clientId, where to set them and how to run the simulator instead (${screen})`, async ({ page }) => {
      const colorScheme = screen === 'dark' ? 'dark' : 'light';
      const requested: string[] = [];
      page.on('request', (request) => requested.push(request.url()));
      await page.emulateMedia({ colorScheme });
      if (screen === 'phone') await page.setViewportSize({ width: 360, height: 740 });
      await page.goto(`${staticHostUrl}/board`);

      await expect(page.getByRole('heading', { level: 1 })).toHaveText('This app is not set up for a tenant yet');
      await expect(page.getByRole('list', { name: 'Settings to set' }).getByRole('listitem')).toHaveText([/^tenantId: /, /^clientId: /]);
      await expect(page.getByText('TENANT_ID', { exact: true })).toBeVisible();
      await expect(page.getByText('npm start', { exact: true })).toBeVisible();
      await expect(page.getByRole('button', { name: 'Sign in' })).toHaveCount(0);
      await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', colorScheme);
      expect(requested.filter((url) => new URL(url).origin !== staticHostUrl)).toEqual([]);
      if (screen === 'phone') await expectFitsPhone(page, 'unconfigured build, phone');
      await expectNoAccessibilityViolations(page, `unconfigured build, ${screen}`);
    });
  }
});

test("the app's server will not start without a tenant or a simulator, and names TENANT_ID and CLIENT_ID", async () => {
  const server = spawn(process.execPath, [`${e2eServerOutDir}/main.js`], {
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: String(workerPorts.app + 6), APP_DIR: e2eOutDir },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let output = '';
  server.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [code] = (await once(server, 'exit')) as [number | null];
  expect(code).toBe(1);
  expect(output).toContain('TENANT_ID is required');
  expect(output).toContain('CLIENT_ID is required');
});
