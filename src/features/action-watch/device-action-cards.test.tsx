import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { evenDurations, isolationSamples } from '../../../core/testing/duration-histories';
import { fakeDefender } from '../../../core/testing/fake-defender';
import { actionId, apiTime, machineAction } from '../../../core/testing/machine-actions';
import { readWatch } from '../../testing/action-watches';
import { cardFields } from '../../testing/card-fields';
import { onNarrowScreen } from '../../testing/narrow-screen';
import { renderWithProviders, testPoller } from '../../testing/render';
import { screenTestsAt } from '../../testing/screen-clock';
import { guid, renderActionPage } from '../../testing/screens';
import { DeviceActionCards } from './device-action-cards';

const now = Date.parse('2026-03-02T10:00:00.000Z');
const scanId = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
screenTestsAt(now);

const current = machineAction({ status: 'InProgress', creationDateTimeUtc: apiTime(now - 90_000) });
const scan = machineAction({ id: scanId, type: 'RunAntiVirusScan', status: 'Failed', requestor: 'lee.lead@contoso.example', creationDateTimeUtc: apiTime(now - 3_600_000) });
/** An answer Defender should never give: no GUID to link to or watch, no requestor, no creation time. */
const odd = machineAction({ id: 'not-a-guid', type: 'Offboard', status: 'Cancelled', requestor: null, creationDateTimeUtc: null });

function renderCards() {
  const onWatch = vi.fn();
  renderWithProviders(<DeviceActionCards actions={[current, scan, odd]} currentId={actionId} now={now} onWatch={onWatch} />);
  const cards = within(screen.getByRole('list', { name: 'Recent actions on this device' })).getAllByRole('listitem');
  return { cards, onWatch };
}

describe("the device's recent actions on a phone", () => {
  it('one card per action, with every field the table has, each with its label', () => {
    const { cards } = renderCards();
    expect(cards.map(cardFields)).toEqual([
      [
        ['Status', 'In progress'],
        ['Action', 'Isolate device'],
        ['Requestor', 'dana.analyst@contoso.example'],
        ['Created', '2 minutes ago'],
      ],
      [
        ['Status', 'Failed'],
        ['Action', 'Run antivirus scan'],
        ['Requestor', 'lee.lead@contoso.example'],
        ['Created', '1 hour ago'],
      ],
      [
        ['Status', 'Cancelled'],
        ['Action', 'Offboard device'],
        ['Requestor', '—'],
        ['Created', '—'],
      ],
    ]);
    expect(within(cards[1]).getByRole('link', { name: 'Run antivirus scan' })).toHaveAttribute('href', `/actions/${scanId}`);
    expect(within(cards[2]).queryByRole('link')).not.toBeInTheDocument();
  });

  it('each card but this page’s own puts its action on the board', async () => {
    const { cards, onWatch } = renderCards();
    expect(cards[0]).toHaveTextContent('The action on this page');
    expect(within(cards[0]).queryByRole('button')).not.toBeInTheDocument();
    expect(within(cards[2]).queryByRole('button')).not.toBeInTheDocument();
    await userEvent.click(within(cards[1]).getByRole('button', { name: `Watch Run antivirus scan ${scanId} on the board` }));
    expect(onWatch).toHaveBeenCalledWith(scanId);
  });
});

describe("the action page's recent actions on a narrow screen", () => {
  it('are cards, with no table to scroll sideways', async () => {
    onNarrowScreen();
    const machineId = current.machineId ?? '';
    const defender = fakeDefender({ now: () => now });
    defender.setAction(actionId, { status: 'InProgress', createdAt: now - 90_000, fields: { machineId } });
    const watches = [{ id: guid(actionId), watch: readWatch(current, now), checkedAt: now }];
    renderActionPage(actionId, { defender, watches, histories: [isolationSamples(evenDurations(40, 30_000))], poller: testPoller({ budgeted: (_tenant, call) => call() }) });
    await userEvent.click(screen.getByRole('button', { name: 'Show the last 10' }));
    const list = await screen.findByRole('list', { name: 'Recent actions on this device' });
    expect(cardFields(within(list).getByRole('listitem'))).toContainEqual(['Action', 'Isolate device']);
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
