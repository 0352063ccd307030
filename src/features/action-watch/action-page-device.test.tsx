import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { loadWatchList } from '../../action-ui/watch-list';
import { readWatch } from '../../testing/action-watches';
import { evenDurations, isolationSamples } from '../../../core/testing/duration-histories';
import { fakeDefender, type FakeDefender } from '../../../core/testing/fake-defender';
import { actionId, apiTime, machineAction } from '../../../core/testing/machine-actions';
import { testPoller } from '../../testing/render';
import { screenTestsAt } from '../../testing/screen-clock';
import { guid, renderActionPage, type SeededScreen } from '../../testing/screens';

const now = Date.parse('2026-03-02T10:00:00.000Z');
const id = guid(actionId);
const machineId = '1e5bc9d7e413ddd7902c2932e418702b84d0cc07';
const scanId = guid('7c9e6679-7425-40de-944b-e07fc1f90ae7');
screenTestsAt(now);

/**
 * The watched isolation, read, its type's history known (so the device's actions are the only call the page
 * can make); and a Defender that also knows an older scan of the same device.
 */
function isolationAndScan(): SeededScreen & { defender: FakeDefender } {
  const defender = fakeDefender({ now: () => now });
  defender.setAction(actionId, { status: 'InProgress', createdAt: now - 90_000, fields: { machineId } });
  defender.setAction(scanId, { status: 'Failed', createdAt: now - 3_600_000, fields: { machineId, type: 'RunAntiVirusScan', requestor: 'lee.lead@contoso.example' } });
  const action = machineAction({ status: 'InProgress', machineId, creationDateTimeUtc: apiTime(now - 90_000) });
  return { defender, watches: [{ id, watch: readWatch(action, now), checkedAt: now }], histories: [isolationSamples(evenDurations(40, 30_000))] };
}

const showDeviceActions = () => userEvent.click(screen.getByRole('button', { name: 'Show the last 10' }));

describe('the recent actions on the same device', () => {
  it('are read only when asked for, with one call from the budget', async () => {
    const poller = testPoller({ budgeted: (_tenant, call) => call() });
    const budgeted = vi.spyOn(poller, 'budgeted');
    renderActionPage(actionId, { ...isolationAndScan(), poller });
    await act(async () => {}); // every effect and query of the first render has run
    expect(budgeted).not.toHaveBeenCalled();
    await showDeviceActions();
    expect(await screen.findByTestId('device-actions')).toBeInTheDocument();
    expect(budgeted).toHaveBeenCalledTimes(1);
  });

  it('while being read: a loader says so', async () => {
    renderActionPage(actionId, isolationAndScan()); // the test's poller never lets the call through
    await showDeviceActions();
    expect(screen.getByLabelText("Loading the device's actions")).toBeInTheDocument();
  });

  it('once read: newest first, each with its status, a link to its page and a way to watch it', async () => {
    renderActionPage(actionId, { ...isolationAndScan(), poller: testPoller({ budgeted: (_tenant, call) => call() }) });
    await showDeviceActions();
    const rows = within(await screen.findByTestId('device-actions')).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    const [current, scan] = rows;
    expect(within(current).getByText('In progress')).toBeInTheDocument();
    expect(current).toHaveTextContent('this one');
    expect(within(scan).getByText('Failed').closest('[data-tone]')).toHaveAttribute('data-tone', 'attention');
    expect(within(scan).getByRole('link', { name: 'Run antivirus scan' })).toHaveAttribute('href', `/actions/${scanId}`);
    expect(scan).toHaveTextContent('lee.lead@contoso.example');
    expect(scan).toHaveTextContent('1 hour ago');
    await userEvent.click(within(scan).getByRole('button', { name: `Watch Run antivirus scan ${scanId} on the board` }));
    expect(loadWatchList(window.localStorage)).toEqual([scanId]);
  });

  it('when the read fails: what went wrong, in the problem’s words', async () => {
    const screenState = isolationAndScan();
    screenState.defender.failNext(403);
    renderActionPage(actionId, { ...screenState, poller: testPoller({ budgeted: (_tenant, call) => call() }) });
    await showDeviceActions();
    expect(await screen.findByRole('alert')).toHaveTextContent('Defender refused to show machine actions to this account.');
    expect(screen.queryByTestId('device-actions')).not.toBeInTheDocument();
  });
});
