import { advanceToNextCheck, advanceUntilCheckSent, expectNoCheckWithin } from './support/checks.ts';
import { paceByAge, simulator } from './support/simulator.ts';
import { expect, open, test } from './support/test.ts';

// The simulator's clock moves the action along its timeline; the page's clock (Playwright's) brings the
// next check: the two are moved in step, so no test waits for real time to pass.

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
    startsOn: 'first-read',
  });
  await page.clock.install();
  await open(page, '/');

  const input = page.getByLabel('Machine action ID');
  await input.fill('no id in here');
  await input.press('Enter');
  await expect(page.getByText('No machine action ID found in this text')).toBeVisible();
  await expect(page).toHaveURL('/');

  await input.fill(`Hi team, please watch "${action.id.toUpperCase()}" (finance-ws-014) - thanks`);
  await input.press('Enter');
  await expect(page).toHaveURL(`/actions/${action.id}`);

  const status = page.getByTestId('action-status');
  await expect(status).toHaveText('Pending');
  await expect(page.getByLabel('Action details').getByText('Isolate per INC-2041')).toBeVisible();
  await simulator.advanceClock(4_000);
  await advanceToNextCheck(page, action.id);
  await expect(status).toHaveText('In progress');
  await simulator.advanceClock(5_000);
  await advanceToNextCheck(page, action.id);
  await expect(status).toHaveText('Succeeded');
  await expect(page.getByTestId('status-announcer')).toHaveText('Status changed from In progress to Succeeded. Watching has stopped.');
  await expect(page.getByTestId('check-status')).toContainText('not checking any more');
  await expectNoCheckWithin(page, action.id, 12_000); // more than two checks at the 5 s pace
});

for (const [status, label, detail] of [
  ['Failed', 'Failed', /Error \(HRESULT\)/],
  ['TimeOut', 'Timed out', /Took/],
  ['Cancelled', 'Cancelled', /Cancelled by/],
  // The API's other spelling, with one L: final too.
  ['Canceled', 'Cancelled', /Cancelled by/],
] as const) {
  test(`a ${status} action is final: shown as needing attention, and not polled again`, async ({ page }) => {
    await paceByAge(); // a running action would be read every 5 s
    const action = await simulator.createAction({
      type: 'Isolate',
      errorHResult: status === 'Failed' ? -2147024891 : 0,
      cancellationRequestor: status.startsWith('Cancel') ? 'riley.lead@contoso.example' : null,
      cancellationComment: status.startsWith('Cancel') ? 'Wrong device' : null,
      timeline: [{ status, afterMs: 0 }],
    });
    await page.clock.install();
    await open(page, `/actions/${action.id}`);
    const badge = page.getByTestId('action-status');
    await expect(badge).toHaveText(label);
    await expect(badge).toHaveAttribute('data-tone', 'attention');
    await expect(page.getByLabel('Action details')).toContainText(detail);
    await expect(page.getByTestId('check-status')).toContainText('not checking any more');
    await expectNoCheckWithin(page, action.id, 7_000); // longer than the 5 s a new, running action would wait
  });
}

test('a status change is announced in a polite live region, the first read is not', async ({ page }) => {
  const action = await simulator.createAction({
    type: 'Isolate',
    timeline: [
      { status: 'Pending', afterMs: 0 },
      { status: 'InProgress', afterMs: 60_000 },
      { status: 'Succeeded', afterMs: 120_000 },
    ],
  });
  await page.clock.install();
  await open(page, `/actions/${action.id}`);
  await expect(page.getByTestId('action-status')).toHaveText('Pending');
  // The region is there before anything changes: assistive technology announces changes to a region it knows.
  const announcer = page.getByRole('status').and(page.getByTestId('status-announcer'));
  await expect(announcer).toHaveAttribute('aria-live', 'polite');
  await expect(announcer).toHaveText('');

  await simulator.advanceClock(60_000);
  await advanceToNextCheck(page, action.id);
  await expect(page.getByTestId('action-status')).toHaveText('In progress');
  await expect(announcer).toHaveText('Status changed from Pending to In progress.');

  await simulator.advanceClock(60_000);
  await advanceToNextCheck(page, action.id);
  await expect(page.getByTestId('action-status')).toHaveText('Succeeded');
  await expect(announcer).toHaveText('Status changed from In progress to Succeeded. Watching has stopped.');
});

test("the action page's 'next check at' is when the next check comes: the planner's own plan", async ({ page }) => {
  const action = await simulator.createAction({ type: 'Isolate', status: 'Pending', timeline: [{ status: 'Succeeded', afterMs: 600_000 }] });
  await page.clock.install();
  await open(page, `/actions/${action.id}`);
  await expect(page.getByTestId('action-status')).toHaveText('Pending');
  for (let check = 0; check < 3; check += 1) {
    await expect(page.getByTestId('check-status')).toContainText('next check at');
    const said = (await page.getByTestId('check-status').textContent())?.match(/next check at (.+?)(\)|$)/)?.[1]?.trim();
    const sent = await advanceUntilCheckSent(page, action.id);
    // The page's clock when the check went, in the page's own clock format (a step of the test's clock is 1 s).
    const sentAt = await page.evaluate(() => Date.now());
    const shown = (at: number) => page.evaluate((time) => new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' }).format(time), at);
    expect([await shown(sentAt), await shown(sentAt - 1_000)]).toContain(said);
    await (await sent.response())?.finished();
    await expect(page.getByTestId('check-status')).not.toContainText(`next check at ${said}`); // the next plan is shown
  }
});
