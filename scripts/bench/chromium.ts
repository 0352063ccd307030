import { chromium, type Browser } from '@playwright/test';
import { existsSync } from 'node:fs';

/** Debian's chromium when there is one; otherwise Playwright's own browser (left undefined). */
export const chromiumPath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

/** Flags for a headless Chromium on a machine with no internet (see ../shared/docs/local-sign-in.md). */
export const chromiumFlags = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'];

/** A headless Chromium with the settings above. */
export async function launchBenchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: chromiumPath ? chromiumFlags : [] });
}
