import { seededActions } from '../sim/seed.ts';
import { expect, signIn, test } from './support/test.ts';

// Each test signs in through the real flow itself: signing in is what they are about.
test.use({ account: 'signed out' });

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

  // Tokens live in MSAL's cache, encrypted with a key held in a session cookie: no token can be read from
  // storage, a URL or the console.
  await page.getByLabel('Machine action ID').fill(seededActions.investigationPackage);
  await page.getByLabel('Machine action ID').press('Enter');
  await expect(page.getByTestId('action-status')).toHaveText('Succeeded');
  const jwt = /eyJ[\w-]+\.[\w-]+\./;
  const storageText = await page.evaluate(() => JSON.stringify({ ...window.localStorage, ...window.sessionStorage }));
  expect(storageText).not.toMatch(jwt);
  expect(storageText).not.toMatch(/"(secret|access_token|refresh_token|id_token)"/);
  expect(consoleLines.filter((line) => jwt.test(line))).toEqual([]);
  expect(visitedUrls.filter((url) => jwt.test(url) || /access_token|id_token|refresh_token/.test(url))).toEqual([]);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('banner').getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByTestId('signed-in-account')).toHaveCount(0);
  // Signed out, an action page asks for sign-in again instead of reading anything.
  await page.goto(`/actions/${seededActions.investigationPackage}`);
  await expect(page.getByRole('heading', { name: 'Sign in to watch machine actions' })).toBeVisible();
});

test('a deep link survives sign-in, reload, back and forward', async ({ page }) => {
  const link = `/actions/${seededActions.failedIsolation}`;
  await signIn(page, 'analyst', link);
  await expect(page).toHaveURL(link);
  await expect(page.getByTestId('action-status')).toHaveText('Failed');

  await page.reload();
  await expect(page.getByTestId('action-status')).toHaveText('Failed');

  await page.getByLabel('Watch another action').fill(seededActions.investigationPackage);
  await page.getByLabel('Watch another action').press('Enter');
  await expect(page).toHaveURL(`/actions/${seededActions.investigationPackage}`);
  await expect(page.getByTestId('action-status')).toHaveText('Succeeded');

  await page.goBack();
  await expect(page).toHaveURL(link);
  await expect(page.getByTestId('action-status')).toHaveText('Failed');
  await page.goForward();
  await expect(page.getByTestId('action-status')).toHaveText('Succeeded');
});

test('the user without Machine.Read sees what permission and role are missing', async ({ page }) => {
  await signIn(page, 'no-access', `/actions/${seededActions.investigationPackage}`);
  const problem = page.getByTestId('problem');
  await expect(problem).toContainText('Access denied');
  await expect(problem).toContainText('Machine.Read');
  await expect(problem).toContainText("'View Data'");
  await expect(problem).toContainText('Correlation ID for support');
});
