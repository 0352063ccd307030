import { simulator } from './support/simulator.ts';
import { expect, open, test } from './support/test.ts';

// Faults between the app and Defender each have their test in fault-matrix.spec.ts.

test('a malformed ID in the URL is refused before any request', async ({ page }) => {
  // Straight to the link, signed in: the start page would read the analyst's recent actions meanwhile.
  await open(page, '/actions/not-a-guid%3Cscript%3E');
  await expect(page.getByRole('heading', { name: 'Not a machine action ID' })).toBeVisible();
  expect(await simulator.requests()).toEqual([]);
});
