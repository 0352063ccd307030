import { seededActions } from '../sim/seed.ts';
import { advanceToNextCheck } from './support/checks.ts';
import { simulator } from './support/simulator.ts';
import { expect, open, test } from './support/test.ts';

test("the API's older spellings are read: lastUpdateTimeUtc and externalID", async ({ page }) => {
  await open(page, `/actions/${seededActions.legacySpellingUnisolation}`);
  const details = page.getByLabel('Action details');
  await expect(page.getByTestId('action-status')).toHaveText('Succeeded');
  await expect(details.locator('dt', { hasText: 'Last updated' }).locator('+ dd time')).toHaveAttribute('datetime', /^\d{4}-/);
  await expect(details.locator('dt', { hasText: 'External ID' })).toBeVisible();
});

test('an unknown status is shown as Defender wrote it and is still watched', async ({ page }) => {
  await page.clock.install();
  await open(page, `/actions/${seededActions.unknownTypeAndStatus}`);
  await expect(page.getByTestId('action-status')).toHaveText('Queued');
  // "Live Response" with a space (seen in a 2021 answer) is the live response type, in the portal's words.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Live response');
  await expect(page.getByTestId('type-identifier')).toHaveText('Live Response');
  const reads = await simulator.readsOf(seededActions.unknownTypeAndStatus);
  await advanceToNextCheck(page, seededActions.unknownTypeAndStatus);
  expect(await simulator.readsOf(seededActions.unknownTypeAndStatus)).toBe(reads + 1);
});

test('hostile strings from the API render as inert text and the layout holds', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await open(page, `/actions/${seededActions.hostileStrings}`);
  const details = page.getByLabel('Action details');
  await expect(details).toContainText('<script>alert(1)</script>');
  await expect(details).toContainText('<img src=x onerror=alert(1)>');
  // A right-to-left override would display "invoice\u202Efdp.exe" as "invoiceexe.pdf": it is shown instead.
  await expect(details).toContainText('invoice⟨U+202E⟩fdp.exe');
  await expect(page.locator('main img, main svg[onload], main script')).toHaveCount(0);
  // The only link in the details is the device page on the cloud's portal host.
  const hrefs = await details.locator('a').evaluateAll((links) => links.map((link) => link.getAttribute('href')));
  for (const href of hrefs) expect(href).toMatch(/^https:\/\/security\.microsoft\.com\/machines\/[0-9a-f]{40}$/);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  expect(dialogs).toEqual([]);
});

test('a broken setting in config.json gets a page that names it', async ({ page }) => {
  await page.route('**/config.json', (route) => route.fulfill({ json: { tenantId: 'contoso.onmicrosoft.com', clientId: 'my-app', cloud: 'azure-china' } }));
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'The app cannot start with these settings' })).toBeVisible();
  await expect(page.getByText('"my-app" is not an application (client) ID')).toBeVisible();
  await expect(page.getByText('"azure-china" is not one of')).toBeVisible();
});
