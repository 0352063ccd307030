import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { HistorySamples } from '../../../core/polling/history/duration-history';
import { readWatch } from '../../testing/action-watches';
import { evenDurations, isolationSamples } from '../../../core/testing/duration-histories';
import { actionId, apiTime, machineAction } from '../../../core/testing/machine-actions';
import { screenTestsAt } from '../../testing/screen-clock';
import { guid, renderActionPage } from '../../testing/screens';

const now = Date.parse('2026-03-02T10:00:00.000Z');
const id = guid(actionId);
screenTestsAt(now);

/** 40 full isolations that took 30 to 69 s: about 50 s usually, 9 in 10 within 1 min 10 s. */
const enough = isolationSamples(evenDurations(40, 30_000));
/** The same, with two failed and one cancelled among 43 that finished. */
const withFailures = isolationSamples(evenDurations(40, 30_000), { outcomes: { succeeded: 40, failed: 2, timedOut: 0, cancelled: 1 } });
/** Devices here picked up their isolations within 60 to 99 s: the offline hint comes at its floor, 2 min. */
const fastDevices = isolationSamples(evenDurations(40, 30_000), { pickedUpMs: evenDurations(40, 60_000) });

/** A full isolation in `status`, created `ageMs` ago (and last updated then), read just now, with what is known of its kind. */
function renderAction(status: string, ageMs: number, histories: HistorySamples[], fields: Record<string, unknown> = {}) {
  const created = apiTime(now - ageMs);
  const action = machineAction({ status, creationDateTimeUtc: created, lastUpdateDateTimeUtc: created, ...fields });
  return renderActionPage(actionId, { watches: [{ id, watch: readWatch(action, now), checkedAt: now }], histories });
}

const usually = 'Isolations here usually finish in about 50 s; 9 in 10 within 1 min 10 s; from 40 that succeeded in the last 30 days.';

describe('the expected duration, from the tenant’s own history', () => {
  it('a running action within the usual time: how long such actions take, and how far this one has come', () => {
    renderAction('InProgress', 45_000, [enough]);
    const expected = screen.getByTestId('expected-duration');
    expect(expected).toHaveTextContent(usually);
    expect(expected).toHaveTextContent('This one has run for 45 s.');
    expect(screen.getByRole('progressbar', { name: 'Running for 45 s, against 9 in 10 finishing within 1 min 10 s' })).toHaveAttribute('value', '45000');
    expect(screen.queryByTestId('slower-than-usual')).not.toBeInTheDocument();
  });

  it('a Pending action counts its wait for the device', () => {
    renderAction('Pending', 45_000, [enough]);
    expect(screen.getByTestId('expected-duration')).toHaveTextContent('This one has waited for its device for 45 s.');
    expect(screen.getByRole('progressbar', { name: 'Waiting for its device for 45 s, against 9 in 10 finishing within 1 min 10 s' })).toBeInTheDocument();
  });

  it('a late action (slower than 9 in 10 of its kind) is flagged, the bar full', () => {
    renderAction('InProgress', 10 * 60_000, [enough]);
    expect(screen.getByTestId('expected-duration')).toHaveTextContent('This one has run for 10 min 00 s: slower than 9 in 10 isolations here.');
    expect(screen.getByTestId('slower-than-usual')).toHaveTextContent('slower than 9 in 10 isolations here');
    expect(screen.getByRole('progressbar')).toHaveAttribute('value', '70000');
  });

  it('a finished action gets the usual time, but no bar and no flag however long it took', () => {
    renderAction('Succeeded', 10 * 60_000, [enough]);
    expect(screen.getByTestId('expected-duration')).toHaveTextContent(usually);
    expect(screen.getByTestId('expected-duration')).not.toHaveTextContent('This one has');
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
    expect(screen.queryByTestId('slower-than-usual')).not.toBeInTheDocument();
  });

  it('says how often such actions did not succeed here', () => {
    renderAction('InProgress', 45_000, [withFailures]);
    expect(screen.getByTestId('expected-duration')).toHaveTextContent('1 in 22 isolations here failed; 1 in 43 isolations here were cancelled.');
  });

  it.each([
    ['7 finished', isolationSamples(evenDurations(7, 30_000)), 'Too little history for isolations here: an estimate takes 20 that succeeded in the last 30 days, and 7 did.'],
    [
      '22 finished, 7 of them succeeded',
      isolationSamples(evenDurations(7, 30_000), { outcomes: { succeeded: 7, failed: 15, timedOut: 0, cancelled: 0 } }),
      'Too little history for isolations here: an estimate takes 20 that succeeded in the last 30 days, and 7 of 22 finished did.',
    ],
  ])('without enough history (%s): says so, and neither bar nor flag', (_, samples, words) => {
    renderAction('InProgress', 10 * 60_000, [samples]);
    expect(screen.getByTestId('expected-duration')).toHaveTextContent(words);
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
    expect(screen.queryByTestId('slower-than-usual')).not.toBeInTheDocument();
  });

  it('before the history is known (or when its read failed): nothing is said of it', () => {
    renderAction('InProgress', 10 * 60_000, []);
    expect(screen.getByTestId('action-status')).toHaveTextContent('In progress');
    expect(screen.queryByTestId('expected-duration')).not.toBeInTheDocument();
  });

  it('another scope’s history says nothing of this one', () => {
    renderAction('InProgress', 45_000, [enough], { scope: 'Selective' });
    expect(screen.getByTestId('expected-duration')).toHaveTextContent('Too little history for selective isolations here: an estimate takes 20 that succeeded in the last 30 days, and none did');
  });
});

describe('the hint that the device may be offline', () => {
  it.each([
    ['Pending for 11 min, no history', 'Pending', 11 * 60_000, [], 'Pending for over 10 min'],
    ['Pending for 11 min, too little history', 'Pending', 11 * 60_000, [isolationSamples(evenDurations(7, 30_000))], 'Pending for over 10 min'],
    ['Pending for 5 min, devices here answer within 2 min', 'Pending', 5 * 60_000, [fastDevices], 'Pending for over 2 min: longer than 19 in 20 isolations here waited for their device'],
  ])('%s: shown', (_, status, ageMs, histories, title) => {
    renderAction(status, ageMs, histories);
    const hint = screen.getByTestId('long-pending');
    expect(hint).toHaveAccessibleName(title);
    expect(hint).toHaveTextContent('The device may be offline. The action stays Pending until the device checks in');
  });

  it.each([
    ['Pending for 9 min, no history', 'Pending', 9 * 60_000, []],
    ['Pending for 90 s, devices here answer within 2 min', 'Pending', 90_000, [fastDevices]],
    ['In progress for 11 min', 'InProgress', 11 * 60_000, []],
    ['Timed out after 11 min', 'TimeOut', 11 * 60_000, []],
  ])('%s: not shown', (_, status, ageMs, histories) => {
    renderAction(status, ageMs, histories);
    expect(screen.getByTestId('action-status')).toBeInTheDocument();
    expect(screen.queryByTestId('long-pending')).not.toBeInTheDocument();
  });
});

describe('the notice that this computer’s clock differs from Defender’s', () => {
  it('Defender’s times 15 minutes ahead: says so once, and shows those times as "just now"', () => {
    renderAction('InProgress', -15 * 60_000, []);
    const notice = screen.getByTestId('clock-skew');
    expect(notice).toHaveAccessibleName('This computer’s clock differs from Defender’s');
    expect(notice).toHaveTextContent('Defender’s times are about 15 minutes ahead of this computer’s clock.');
    expect(screen.getByLabelText('Action details')).toHaveTextContent('(just now)');
  });

  it('a minute ahead is within what clocks differ by: no notice', () => {
    renderAction('InProgress', -60_000, []);
    expect(screen.getByTestId('action-status')).toBeInTheDocument();
    expect(screen.queryByTestId('clock-skew')).not.toBeInTheDocument();
  });
});
