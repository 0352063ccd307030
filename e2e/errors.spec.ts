import { simulator } from './support/simulator';
import { expect, signIn, test } from './support/test';

// Faults between the app and Defender each have their test in fault-matrix.spec.ts.

test('a malformed ID in the URL is refused before any request', async ({ page }) => {
  await signIn(page);
  await simulator.clearRequests(); // a request of the previous test may still land after the reset
  await page.goto('/actions/not-a-guid%3Cscript%3E');
  await expect(page.getByRole('heading', { name: 'Not a machine action ID' })).toBeVisible();
  expect(await simulator.requests()).toEqual([]);
});
