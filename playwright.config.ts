import { defineConfig, devices } from '@playwright/test';
import { existsSync } from 'node:fs';

// Debian's chromium where there is one (Playwright's own download needs the internet); Playwright's browser otherwise.
const systemChromium = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const appUrl = 'http://localhost:4173';

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
    launchOptions: {
      executablePath: systemChromium,
      args: systemChromium
        ? ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
        : [],
    },
  },
  webServer: {
    // The production build, served by Vite's preview server, which starts the simulator (sim/vite-plugin.ts).
    command: 'node node_modules/vite/bin/vite.js preview --port 4173 --strictPort',
    url: appUrl,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
    stdout: 'pipe',
  },
});
