import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { loadSeenStatuses, saveSeenStatuses } from '../../action-ui/away/seen-statuses';
import { rememberWatched } from '../../action-ui/recently-watched';
import { saveWatchList } from '../../action-ui/watch-list';
import { formatMinute } from '../../lib/time';
import { apiTime, machineAction } from '../../../core/testing/machine-actions';
import { failingWatch, readWatch, sampleProblems } from '../../testing/action-watches';
import { screenTestsAt } from '../../testing/screen-clock';
import { guid, renderStartPagePanels } from '../../testing/screens';

const now = Date.parse('2026-03-02T10:00:00.000Z');
screenTestsAt(now);
const idOf = (n: number) => guid(`11111111-1111-4111-8111-${String(n).padStart(12, '0')}`);
const lastLooked = now - 3 * 60 * 60_000;

function watched(n: number, status: string, type = 'Isolate') {
  const action = machineAction({ id: idOf(n), type, status, computerDnsName: `ws-${n}.contoso.example`, creationDateTimeUtc: apiTime(now - 90_000) });
  return { id: idOf(n), watch: readWatch(action, now), checkedAt: now };
}

describe('the start page, back at the desk', () => {
  it("says what finished on the board since the analyst last looked, with the way to it; marking it seen clears it", async () => {
    saveWatchList(window.localStorage, [1, 2, 3].map(idOf));
    saveSeenStatuses(window.localStorage, new Map([1, 2, 3].map((n) => [idOf(n), { status: n === 3 ? 'Succeeded' : 'Pending', at: lastLooked }])));
    const { poller } = renderStartPagePanels({ watches: [watched(1, 'TimeOut'), watched(2, 'InProgress'), watched(3, 'Succeeded')] });
    // Only what was running when last seen is read: nothing else can have finished unseen.
    expect(poller.setInterest).toHaveBeenCalledWith('start-page', [idOf(1), idOf(2)]);
    const summary = await screen.findByTestId('away-summary');
    expect(within(summary).getByTestId('away-words')).toHaveTextContent(`Since ${formatMinute(lastLooked, now)}: 1 timed out (Isolate device on ws-1.contoso.example).`);
    expect(within(summary).getByRole('link', { name: 'Open the board' })).toHaveAttribute('href', '/board');
    expect(document.title).toBe('(1) Machine action watch');
    await userEvent.click(within(summary).getByRole('button', { name: 'Mark as seen' }));
    expect(screen.queryByTestId('away-summary')).not.toBeInTheDocument();
    expect(document.title).toBe('Machine action watch');
    expect(loadSeenStatuses(window.localStorage).get(idOf(1))?.status).toBe('TimeOut');
    // What the start page did not show stays as it was last seen.
    expect(loadSeenStatuses(window.localStorage).get(idOf(2))).toEqual({ status: 'Pending', at: lastLooked });
  });

  it('nothing finished unseen: no summary', () => {
    saveWatchList(window.localStorage, [idOf(1)]);
    saveSeenStatuses(window.localStorage, new Map([[idOf(1), { status: 'Pending', at: lastLooked }]]));
    renderStartPagePanels({ watches: [watched(1, 'InProgress')] });
    expect(screen.queryByTestId('away-summary')).not.toBeInTheDocument();
  });

  it('"Watched lately": each with its status, type, device and short ID once read; its ID, and why, until then', () => {
    rememberWatched(window.localStorage, [idOf(1), idOf(2), idOf(3)], now - 5 * 60_000);
    renderStartPagePanels({
      watches: [watched(1, 'Cancelled'), { id: idOf(2), watch: failingWatch(undefined, sampleProblems(now).forbidden, now), checkedAt: now }],
    });
    const entries = screen.getAllByTestId('watched-lately-entry');
    expect(entries).toHaveLength(3);
    expect(entries[0]).toHaveTextContent(`CancelledIsolate device (Full) on ws-1.contoso.example ${idOf(1).slice(0, 8)} · watched 5 minutes ago`);
    expect(within(entries[0]).getByRole('link', { name: 'Isolate device (Full)' })).toHaveAttribute('href', `/actions/${idOf(1)}`);
    expect(entries[1]).toHaveTextContent(`${idOf(2)} · Access denied · watched 5 minutes ago`);
    expect(entries[2]).toHaveTextContent(`${idOf(3)} · watched 5 minutes ago`);
  });
});
