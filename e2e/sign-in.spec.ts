import { seeded } from './support/simulator';
import { expect, signIn, test } from './support/test';

test('signs in through the real redirect flow, shows the account, and signs out', async ({ page }) => {
  const consoleLines: string[] = [];
  const visitedUrls: string[] = [];
  page.on('console', (message) => consoleLines.push(message.text()));
  page.on('framenavigated', (frame) => visitedUrls.push(frame.url()));
  // The start page needs no sign-in (it only reads what is pasted); the header offers it.
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Watch a machine action' })).toBeVisible();
  await expect(page.getByRole('banner').getByRole('button', { name: 'Sign in' })).toBeVisible();
  await signIn(page);
  await expect(page.getByRole('heading', { name: 'Watch a machine action' })).toBeVisible();
  await expect(page.getByLabel('Machine action ID')).toBeFocused();

  // Tokens live in sessionStorage (encrypted by MSAL), never in localStorage, a URL or the console.
  await page.getByLabel('Machine action ID').fill(seeded.succeededPackage);
  await page.getByLabel('Machine action ID').press('Enter');
  await expect(page.getByTestId('action-status')).toHaveText('Succeeded');
  const localStorageText = await page.evaluate(() => JSON.stringify({ ...window.localStorage }));
  expect(localStorageText).not.toMatch(/eyJ|token|msal/i);
  const jwt = /eyJ[\w-]+\.[\w-]+\./;
  expect(consoleLines.filter((line) => jwt.test(line))).toEqual([]);
  expect(visitedUrls.filter((url) => jwt.test(url) || /access_token|id_token|refresh_token/.test(url))).toEqual([]);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('banner').getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByTestId('signed-in-account')).toHaveCount(0);
  // Signed out, an action page asks for sign-in again instead of reading anything.
  await page.goto(`/actions/${seeded.succeededPackage}`);
  await expect(page.getByRole('heading', { name: 'Sign in to watch machine actions' })).toBeVisible();
});

test('a deep link survives sign-in, reload, back and forward', async ({ page }) => {
  const link = `/actions/${seeded.failedIsolation}`;
  await signIn(page, 'analyst', link);
  await expect(page).toHaveURL(link);
  await expect(page.getByTestId('action-status')).toHaveText('Failed');

  await page.reload();
  await expect(page.getByTestId('action-status')).toHaveText('Failed');

  await page.getByLabel('Watch another action').fill(seeded.succeededPackage);
  await page.getByLabel('Watch another action').press('Enter');
  await expect(page).toHaveURL(`/actions/${seeded.succeededPackage}`);
  await expect(page.getByTestId('action-status')).toHaveText('Succeeded');

  await page.goBack();
  await expect(page).toHaveURL(link);
  await expect(page.getByTestId('action-status')).toHaveText('Failed');
  await page.goForward();
  await expect(page.getByTestId('action-status')).toHaveText('Succeeded');
});

test('the user without Machine.Read sees what permission and role are missing', async ({ page }) => {
  await signIn(page, 'no-access', `/actions/${seeded.succeededPackage}`);
  const problem = page.getByTestId('problem');
  await expect(problem).toContainText('Access denied');
  await expect(problem).toContainText('Machine.Read');
  await expect(problem).toContainText("'View Data'");
  await expect(problem).toContainText('Correlation ID for support');
});
