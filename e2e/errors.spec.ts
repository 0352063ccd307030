import { simulator } from './support/simulator.ts';
import { expect, open, test } from './support/test.ts';

// Faults between the app and Defender each have their test in fault-matrix.spec.ts.

test('a malformed ID in the URL is refused before any request', async ({ page }) => {
  await open(page, '/');
  await simulator.clearRequests(); // the start page's own read of the analyst's recent actions
  await page.goto('/actions/not-a-guid%3Cscript%3E');
  await expect(page.getByRole('heading', { name: 'Not a machine action ID' })).toBeVisible();
  expect(await simulator.requests()).toEqual([]);
});
