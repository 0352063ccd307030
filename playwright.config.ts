import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunchOptions } from './sim/testing/chromium.ts';

// Ports and build folder can be moved so that two runs (a benchmark and the suite, say) can share a machine.
const appPort = Number(process.env.E2E_APP_PORT ?? 4173);
const identityPort = process.env.SIM_IDENTITY_PORT ?? '4010';
const apiPort = process.env.SIM_API_PORT ?? '4020';
const outDir = process.env.E2E_OUT_DIR ?? 'dist';
// The team relay e2e/relay.spec.ts starts: the preview server's Content-Security-Policy lets the app reach it.
const relayPort = process.env.E2E_RELAY_PORT ?? '4031';
const appUrl = `http://localhost:${appPort}`;
const vite = 'node node_modules/vite/bin/vite.js';

export default defineConfig({
  testDir: 'e2e',
  // One simulator serves every test and each test resets it: run them one at a time.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    ...devices['Desktop Chrome'],
    baseURL: appUrl,
    trace: 'retain-on-failure',
    // Debian's chromium where there is one, Playwright's own browser otherwise (sim/testing/chromium.ts).
    launchOptions: chromiumLaunchOptions,
  },
  webServer: {
    // The production build, served by Vite's preview server, which starts the simulator (sim/vite-plugin.ts).
    command: `${vite} build --outDir ${outDir} --emptyOutDir --logLevel warn && ${vite} preview --outDir ${outDir} --port ${appPort} --strictPort`,
    url: appUrl,
    // Never reuse a server left running: it may serve an older build.
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    env: {
      SIM_IDENTITY_PORT: identityPort,
      SIM_API_PORT: apiPort,
      VITE_SIMULATOR_IDENTITY_URL: `http://localhost:${identityPort}`,
      VITE_SIMULATOR_API_URL: `http://localhost:${apiPort}`,
      RELAY_ORIGINS: `http://localhost:${relayPort}`,
    },
  },
});
