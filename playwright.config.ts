import { availableParallelism } from 'node:os';
import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunchOptions } from './sim/testing/chromium.ts';

// Each worker serves the production build with a simulator of its own (e2e/support/app-server.ts), so
// tests share no state and run side by side: a worker per core, or E2E_WORKERS.
const workers = Number(process.env.E2E_WORKERS ?? availableParallelism());

const traceModes = ['off', 'on', 'retain-on-failure', 'on-first-retry'] as const;
function traceMode(setting: string | undefined): (typeof traceModes)[number] {
  const mode = traceModes.find((known) => known === (setting ?? 'off'));
  if (mode === undefined) throw new Error(`E2E_TRACE="${setting}" is not one of ${traceModes.join(', ')}`);
  return mode;
}

// One spec per behaviour; the screens' tour (screens.spec.ts) runs in each project, with axe on every
// state, and a dark check or a phone's layout check where the project calls for it.
const screens = /screens\.spec\.ts$/;
const phoneOnly = /\.phone\.spec\.ts$/;

export default defineConfig({
  testDir: 'e2e',
  globalSetup: './e2e/global-setup.ts',
  workers,
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    // Recording a trace costs a quarter of the suite's time: E2E_TRACE=retain-on-failure (or on) when chasing a red.
    trace: traceMode(process.env.E2E_TRACE),
    // Debian's chromium where there is one, Playwright's own browser otherwise (sim/testing/chromium.ts).
    launchOptions: chromiumLaunchOptions,
  },
  projects: [
    { name: 'desktop', use: { ...devices['Desktop Chrome'] }, testIgnore: phoneOnly },
    { name: 'dark', use: { ...devices['Desktop Chrome'], colorScheme: 'dark' }, testMatch: screens },
    // Pixel 5's emulation (touch, a mobile viewport), narrowed to 360 px: the narrowest phone we hold to.
    { name: 'phone', use: { ...devices['Pixel 5'], viewport: { width: 360, height: 740 } }, testMatch: [screens, phoneOnly] },
  ],
});
