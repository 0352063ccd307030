// Takes the README's screenshot: signs in to the running app (npm run preview) through the simulator and
// captures an action page. Usage: npx tsx scripts/screenshot.ts [actionId] [out.png]
import { chromium } from '@playwright/test';
import { seededActions } from '../sim/seed.ts';
import { chromiumLaunchOptions } from '../sim/testing/chromium.ts';
import { signInThroughApp } from '../sim/testing/sign-in-through-app.ts';

const appUrl = process.env.APP_URL ?? 'http://localhost:4173';
const actionId = process.argv[2] ?? seededActions.timedOutLiveResponse;
const out = process.argv[3] ?? 'docs/screenshot.png';

const browser = await chromium.launch(chromiumLaunchOptions);
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 1000 } });
  await signInThroughApp(page, `${appUrl}/actions/${actionId}`);
  await page.getByTestId('action-status').waitFor();
  await page.screenshot({ path: out, fullPage: true });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
}
