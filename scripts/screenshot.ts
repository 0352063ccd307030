// Takes the README's screenshot: signs in to the running app (npm run preview) through the simulator and
// captures an action page. Usage: npx tsx scripts/screenshot.ts [actionId] [out.png]
import { chromium } from '@playwright/test';
import { existsSync } from 'node:fs';

const appUrl = process.env.APP_URL ?? 'http://localhost:4173';
const actionId = process.argv[2] ?? '11111111-1111-4111-8111-000000000005';
const out = process.argv[3] ?? 'docs/screenshot.png';
const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

const browser = await chromium.launch({ executablePath, args: executablePath ? ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] : [] });
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 1000 } });
  await page.goto(`${appUrl}/actions/${actionId}`);
  await page.getByRole('button', { name: 'Sign in' }).first().click(); // the app's, then the simulator's
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('action-status').waitFor();
  await page.screenshot({ path: out, fullPage: true });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
}
