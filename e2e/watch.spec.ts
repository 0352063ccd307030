import { paceByAge, simulator } from './support/simulator';
import { expect, signIn, test } from './support/test';

test('pasting ticket text finds the ID; a Pending action is watched until it succeeds, then polling stops', async ({ page }) => {
  await paceByAge();
  const action = await simulator.createAction({
    type: 'Isolate',
    scope: 'Full',
    requestorComment: 'Isolate per INC-2041',
    timeline: [
      { status: 'Pending', afterMs: 0 },
      { status: 'InProgress', afterMs: 4_000 },
      { status: 'Succeeded', afterMs: 9_000 },
    ],
    startsOn: 'first-read', // signing in takes a while on a busy machine
  });
  await signIn(page);

  const input = page.getByLabel('Machine action ID');
  await input.fill('no id in here');
  await input.press('Enter');
  await expect(page.getByText('No machine action ID found in this text')).toBeVisible();
  await expect(page).toHaveURL('/');

  await input.fill(`Hi team, please watch "${action.id.toUpperCase()}" (finance-ws-014) - thanks`);
  await input.press('Enter');
  await expect(page).toHaveURL(`/actions/${action.id}`);

  const status = page.getByTestId('action-status');
  await expect(status).toHaveText(/Pending|In progress/);
  await expect(page.getByLabel('Action details').getByText('Isolate per INC-2041')).toBeVisible();
  await expect(status).toHaveText('In progress', { timeout: 15_000 });
  await expect(status).toHaveText('Succeeded', { timeout: 15_000 });
  await expect(page.getByTestId('status-announcer')).toHaveText('Status changed from In progress to Succeeded. Watching has stopped.');
  await expect(page.getByTestId('check-status')).toContainText('not checking any more');

  const reads = await simulator.readsOf(action.id);
  await page.waitForTimeout(12_000); // more than two poll intervals
  expect(await simulator.readsOf(action.id)).toBe(reads);
});

for (const [status, label, detail] of [
  ['Failed', 'Failed', /Error \(HRESULT\)/],
  ['TimeOut', 'Timed out', /Took/],
  ['Cancelled', 'Cancelled', /Cancelled by/],
] as const) {
  test(`a ${status} action is final: shown as needing attention, and not polled again`, async ({ page }) => {
    const action = await simulator.createAction({
      type: 'Isolate',
      errorHResult: status === 'Failed' ? -2147024891 : 0,
      cancellationRequestor: status === 'Cancelled' ? 'riley.lead@contoso.example' : null,
      cancellationComment: status === 'Cancelled' ? 'Wrong device' : null,
      timeline: [{ status, afterMs: 0 }],
    });
    await signIn(page, 'analyst', `/actions/${action.id}`);
    const badge = page.getByTestId('action-status');
    await expect(badge).toHaveText(label);
    await expect(badge).toHaveAttribute('data-tone', 'attention');
    await expect(page.getByLabel('Action details')).toContainText(detail);
    await expect(page.getByTestId('check-status')).toContainText('not checking any more');
    const reads = await simulator.readsOf(action.id);
    await page.waitForTimeout(6_000);
    expect(await simulator.readsOf(action.id)).toBe(reads);
  });
}
