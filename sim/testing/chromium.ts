import type { LaunchOptions } from '@playwright/test';
import { existsSync } from 'node:fs';

// One Chromium for the end-to-end tests, the benchmarks and the screenshot: Playwright's own download
// needs the internet, so Debian's chromium is used where there is one (../shared/docs/local-sign-in.md).

/** CHROMIUM_PATH, else Debian's chromium, else undefined: Playwright's own browser (or chrome-launcher's find). */
export const chromiumPath: string | undefined =
  process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

/** For a headless Chromium on a machine with no internet: no sandbox (containers), no calls home. */
export const chromiumFlags: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Playwright's launch options; its own browser gets no flags, as it brings its own. */
export const chromiumLaunchOptions: LaunchOptions = {
  executablePath: chromiumPath,
  args: chromiumPath === undefined ? [] : [...chromiumFlags],
};
