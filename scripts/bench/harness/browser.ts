import { chromium, type Browser } from '@playwright/test';
import { chromiumLaunchOptions } from '../../../sim/testing/chromium.ts';

/** A headless Chromium launched as the end-to-end tests launch theirs. */
export function launchBenchBrowser(): Promise<Browser> {
  return chromium.launch(chromiumLaunchOptions);
}
