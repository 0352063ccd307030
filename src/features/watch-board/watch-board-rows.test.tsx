import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { DefenderProblem } from '../../../core/defender/defender-problem';
import type { Guid } from '../../../core/lib/guid';
import { formatClock } from '../../lib/time';
import { readHistory, type HistorySamples } from '../../../core/polling/history/duration-history';
import { pollTimings } from '../../../core/polling/pacing/next-poll-delay';
import type { ActionWatch } from '../../../core/polling/watch/watch-state';
import { everyProblemKind, failingWatch, readWatch, sampleProblems } from '../../testing/action-watches';
import { evenDurations, isolationSamples } from '../../../core/testing/duration-histories';
import { actionId, apiTime, hostileText, machineAction } from '../../../core/testing/machine-actions';
import { renderWithProviders } from '../../testing/render';
import { screenTestsAt } from '../../testing/screen-clock';
import { guid } from '../../testing/screens';
import { WatchBoardCards } from './watch-board-cards';
import { WatchBoardTable } from './watch-board-table';

const now = Date.parse('2026-03-02T10:00:00.000Z');
const id = guid(actionId);
screenTestsAt(now);

const problems = sampleProblems(now);
/** 40 full isolations that took 30 to 69 s: about 50 s usually, 9 in 10 within 1 min 10 s. */
const enough = isolationSamples(evenDurations(40, 30_000));

/** A full isolation created `ageMs` ago and last updated 30 s later (or at creation, when younger). */
function isolation(status: string, ageMs = 90_000, fields: Record<string, unknown> = {}) {
  return machineAction({ status, creationDateTimeUtc: apiTime(now - ageMs), lastUpdateDateTimeUtc: apiTime(now - ageMs + Math.min(60_000, ageMs)), ...fields });
}

/** How a row looks on a wide screen (a table row) and on a phone (a card): each says the same. */
describe.each([
  ['table', WatchBoardTable],
  ['cards', WatchBoardCards],
] as const)('a board row, as %s', (view, Rows) => {
  function renderRow(watch: ActionWatch | undefined, samples?: HistorySamples, finishedAway = false) {
    const onRemove = vi.fn();
    const onOpen = vi.fn();
    renderWithProviders(<Rows rows={[{ id, watch, order: 0, history: samples && readHistory(samples), finishedAway }]} customers={false} onRemove={onRemove} onOpen={onOpen} />);
    return { row: screen.getByTestId('watch-row'), onRemove, onOpen };
  }

  it.each([
    // API status | badge        | tone        | duration
    ['Pending', 'Pending', 'running', '1 min 30 s so far'],
    ['InProgress', 'In progress', 'running', '1 min 30 s so far'],
    ['Succeeded', 'Succeeded', 'succeeded', 'took 1 min 00 s'],
    ['Failed', 'Failed', 'attention', 'took 1 min 00 s'],
    ['TimeOut', 'Timed out', 'attention', 'took 1 min 00 s'],
    ['Cancelled', 'Cancelled', 'attention', 'took 1 min 00 s'],
    ['Canceled', 'Cancelled', 'attention', 'took 1 min 00 s'],
    ['Queued', 'Queued', 'unknown', '1 min 30 s so far'],
  ])('%s: "%s" (%s), %s', (status, badge, tone, duration) => {
    const { row } = renderRow(readWatch(isolation(status), now));
    expect(row).toHaveAttribute('data-action-id', id);
    const shown = within(row).getByTestId('action-status');
    expect(shown).toHaveTextContent(badge);
    expect(shown).toHaveAttribute('data-tone', tone);
    expect(shown).not.toHaveAttribute('data-stale');
    expect(within(row).getByRole('link', { name: 'Isolate device (Full)' })).toHaveAttribute('href', `/actions/${id}`);
    expect(row).toHaveTextContent('finance-ws-014.contoso.example');
    expect(within(row).getByTestId('duration')).toHaveTextContent(duration);
    expect(within(row).queryByTestId('row-problem')).not.toBeInTheDocument();
    expect(within(row).queryByTestId('stale-note')).not.toBeInTheDocument();
  });

  it.each([
    ['ContainDevice', 'ContainDevice (Full)'],
    ['Live Response', 'Live response (Full)'],
  ])('an action of type %s: "%s"', (type, words) => {
    const { row } = renderRow(readWatch(isolation('InProgress', 90_000, { type }), now));
    expect(within(row).getByRole('link', { name: words })).toBeInTheDocument();
  });

  it('before the first read: "Looking up…", the ID as its link', () => {
    const { row } = renderRow(undefined);
    expect(row).toHaveTextContent('Looking up…');
    expect(within(row).getByRole('link', { name: id })).toHaveAttribute('href', `/actions/${id}`);
    expect(within(row).queryByTestId('action-status')).not.toBeInTheDocument();
    expect(within(row).getByTestId('duration')).toHaveTextContent('—');
  });

  it('its Remove button says Remove and names the action (its name holds the words on it: WCAG 2.5.3), and stops watching it', async () => {
    const { row, onRemove } = renderRow(readWatch(isolation('InProgress'), now));
    const button = within(row).getByRole('button', { name: `Remove Isolate device ${id}` });
    expect(button).toHaveTextContent('Remove');
    await userEvent.click(button);
    expect(onRemove).toHaveBeenCalledWith(id);
  });

  it('a short ID to match against the ticket (its first 8 characters), a click copying the whole one', async () => {
    const { row } = renderRow(readWatch(isolation('InProgress'), now));
    const short = within(row).getByRole('button', { name: `Copy the action ID ${id}` });
    expect(short).toHaveTextContent(new RegExp(`^${id.slice(0, 8)}$`));
    expect(short).toHaveAttribute('title', `${id}: click to copy`);
    const user = userEvent.setup();
    await user.click(short);
    expect(await navigator.clipboard.readText()).toBe(id);
    expect(short).toHaveTextContent('Copied');
  });

  it.each([
    ['Failed', -2147024891, 'E_ACCESSDENIED: access denied'],
    ['TimeOut', -2147024891, 'E_ACCESSDENIED: access denied'],
    ['Failed', -2147000000, 'Error 0x80076140'],
  ])('%s with HRESULT %d: why, in a line ("%s")', (status, errorHResult, words) => {
    const { row } = renderRow(readWatch(isolation(status, 90_000, { errorHResult }), now));
    expect(within(row).getByTestId('failure-reason')).toHaveTextContent(words);
  });

  it.each([
    ['Succeeded', -2147024891],
    ['InProgress', -2147024891],
    ['Failed', 0],
  ])('%s with HRESULT %d: no failure line', (status, errorHResult) => {
    const { row } = renderRow(readWatch(isolation(status, 90_000, { errorHResult }), now));
    expect(within(row).queryByTestId('failure-reason')).not.toBeInTheDocument();
  });

  it('a finish from while the analyst was away is marked until seen; opening it tells the board', async () => {
    const { row, onOpen } = renderRow(readWatch(isolation('Succeeded'), now), undefined, true);
    expect(row).toHaveAttribute('data-finished-away', 'true');
    expect(within(row).getByTestId('finished-away')).toHaveTextContent(/^New$/);
    await userEvent.click(within(row).getByRole('link', { name: 'Isolate device (Full)' }));
    expect(onOpen).toHaveBeenCalledWith(id);
  });

  it('an ordinary row carries no such mark', () => {
    const { row } = renderRow(readWatch(isolation('Succeeded'), now));
    expect(row).not.toHaveAttribute('data-finished-away');
    expect(within(row).queryByTestId('finished-away')).not.toBeInTheDocument();
  });

  it('host names and accounts may wrap after their dots and @, never inside a label', () => {
    const { row } = renderRow(readWatch(isolation('InProgress', 90_000, { computerDnsName: 'hr-lt-203.contoso.example', requestor: 'robin.branch@contoso.example' }), now));
    // Each label is kept whole (its hyphens are no place to break): the wrap points are the <wbr> alone.
    const before = [...row.querySelectorAll('wbr')].map((point) => point.previousSibling?.textContent);
    expect(within(row).getByText('hr-lt-203.', { selector: 'span' })).toHaveClass(/whole/);
    expect(before.slice(0, 2)).toEqual(['hr-lt-203.', 'contoso.']);
    if (view === 'table') expect(before.slice(2)).toEqual(['robin.', 'branch@', 'contoso.']);
    expect(row).toHaveTextContent('hr-lt-203.contoso.example');
  });

  describe('when its latest check failed', () => {
    const readAt = now - 60_000;
    // Read a minute ago, 30 s into its run: the duration stays at what that read knew.
    const lastGood = readWatch(isolation('InProgress', 90_000), readAt);
    /** Failing for 25 s: a 404 is past its grace, every other problem is simply the latest. */
    const failing = (problem: DefenderProblem, previous: ActionWatch | undefined) =>
      failingWatch(previous, problem, now - 1_000, now - 1_000 - pollTimings.notFoundGraceMs - 5_000);

    const cases: [name: string, problem: DefenderProblem, words: string][] = [
      ['404 after the grace', problems.notFound, 'Not found, or not yours to see'],
      ['401', problems.signInRequired, 'Sign in again'],
      ['403', problems.forbidden, 'Access denied'],
      ['429 with Retry-After', problems.throttledFor30s, 'Defender asked us to slow down'],
      ['429 without', problems.throttledWithoutRetryAfter, 'Defender asked us to slow down'],
      ['500', problems.server500, 'Defender is having trouble'],
      ['503', problems.server503, 'Defender is having trouble'],
      ['400', problems.badRequest, 'Request refused'],
      ['network', problems.network, 'Cannot reach Defender'],
      ['cross-origin', problems.crossOrigin, 'Defender refuses calls from this page'],
      ['timeout', problems.timeout, 'Defender did not answer'],
      ['malformed', problems.malformed, 'Unreadable answer'],
    ];

    it('has a case for every kind of problem', () => {
      expect(new Set(cases.map(([, problem]) => problem.kind))).toEqual(new Set(everyProblemKind));
    });

    it.each(cases)('%s, after a good read: "%s", the last status kept, outlined and dated', (_, problem, words) => {
      const { row } = renderRow(failing(problem, lastGood));
      expect(within(row).getByTestId('row-problem')).toHaveTextContent(words);
      const shown = within(row).getByTestId('action-status');
      expect(shown).toHaveTextContent('In progress');
      expect(shown).toHaveAttribute('data-stale', 'true');
      expect(within(row).getByTestId('stale-note')).toHaveTextContent(`as of ${formatClock(readAt)}, may be out of date`);
      expect(within(row).getByRole('link', { name: 'Isolate device (Full)' })).toBeInTheDocument();
      expect(within(row).getByTestId('duration')).toHaveTextContent('30 s so far');
    });

    it.each(cases)('%s, before any good read: "%s", and nothing stale', (_, problem, words) => {
      const { row } = renderRow(failing(problem, undefined));
      expect(within(row).getByTestId('row-problem')).toHaveTextContent(words);
      expect(within(row).queryByTestId('action-status')).not.toBeInTheDocument();
      expect(within(row).queryByTestId('stale-note')).not.toBeInTheDocument();
      expect(within(row).getByRole('link', { name: id })).toBeInTheDocument();
      expect(within(row).getByTestId('duration')).toHaveTextContent('—');
    });

    it.each([
      ['after a good read', lastGood],
      ['before any good read', undefined],
    ])("404 after the grace, %s: true of an unknown ID and of a device outside the analyst's device groups, in a line", (_, previous) => {
      const { row } = renderRow(failing(problems.notFound, previous));
      expect(within(row).getByTestId('row-problem')).toHaveTextContent('Not found, or not yours to see');
      expect(within(row).getByTestId('row-problem-brief')).toHaveTextContent("Check the ID, or ask for access to the device's group.");
      expect(row).not.toHaveTextContent('Action not found');
    });

    it.each(cases.filter(([, problem]) => problem.kind !== 'not-found'))('%s: its title says enough, with no line under it', (_, problem) => {
      const { row } = renderRow(failing(problem, lastGood));
      expect(within(row).queryByTestId('row-problem-brief')).not.toBeInTheDocument();
    });

    it.each([
      ['after a good read', lastGood],
      ['before any good read', undefined],
    ])('404 within the grace, %s: "Not listed yet, checking again…"', (_, previous) => {
      const { row } = renderRow(failingWatch(previous, problems.notFound, now - 1_000, now - 4_000));
      expect(within(row).getByTestId('row-problem')).toHaveTextContent('Not listed yet, checking again…');
      if (previous) expect(within(row).getByTestId('action-status')).toHaveAttribute('data-stale', 'true');
      else expect(within(row).queryByTestId('action-status')).not.toBeInTheDocument();
    });

    it('shows no expectation against the history: the read it would judge is old', () => {
      const { row } = renderRow(failing(problems.server500, readWatch(isolation('InProgress', 10 * 60_000), readAt)), enough);
      expect(within(row).queryByTestId('row-usual')).not.toBeInTheDocument();
      expect(within(row).queryByTestId('row-slower')).not.toBeInTheDocument();
    });
  });

  describe('against its kind’s history', () => {
    it('running within the usual time: how long such actions take, and a bar', () => {
      const { row } = renderRow(readWatch(isolation('InProgress', 45_000), now), enough);
      expect(within(row).getByTestId('duration')).toHaveTextContent('45 s so far · usually about 50 s, 9 in 10 within 1 min 10 s');
      expect(within(row).getByTestId('row-usual')).toHaveTextContent('usually about 50 s, 9 in 10 within 1 min 10 s');
      expect(within(row).getByRole('progressbar', { name: 'Running for 45 s, against 9 in 10 finishing within 1 min 10 s' })).toBeInTheDocument();
      expect(within(row).queryByTestId('row-slower')).not.toBeInTheDocument();
    });

    it('late (slower than 9 in 10 of its kind): flagged, and the row marked late for its colour', () => {
      const { row } = renderRow(readWatch(isolation('InProgress', 10 * 60_000), now), enough);
      expect(within(row).getByTestId('row-slower')).toHaveTextContent('slower than 9 in 10 isolations here');
      expect(row).toHaveAttribute('data-late');
    });

    it.each([
      ['too little history', readWatch(isolation('InProgress', 10 * 60_000), now), isolationSamples(evenDurations(7, 30_000))],
      ['no history known yet', readWatch(isolation('InProgress', 10 * 60_000), now), undefined],
      ['finished', readWatch(isolation('Succeeded', 10 * 60_000), now), enough],
    ])('%s: the duration alone', (_, watch, samples) => {
      const { row } = renderRow(watch, samples);
      expect(within(row).getByTestId('duration')).toHaveTextContent(/^(took )?\d+ min \d\d s( so far)?$/);
      expect(within(row).queryByTestId('row-usual')).not.toBeInTheDocument();
      expect(within(row).queryByTestId('row-slower')).not.toBeInTheDocument();
      expect(within(row).queryByRole('progressbar')).not.toBeInTheDocument();
      expect(row).not.toHaveAttribute('data-late');
    });

    it.each([
      ['Pending 11 min, no history', 11 * 60_000, undefined, 'Pending for over 10 min. The device may be offline: the action waits until it checks in.'],
      [
        'Pending 5 min, devices here answer within 2 min',
        5 * 60_000,
        isolationSamples(evenDurations(40, 30_000), { pickedUpMs: evenDurations(40, 60_000) }),
        'Pending for over 2 min: longer than 19 in 20 isolations here waited for their device. The device may be offline',
      ],
    ])('%s: the device may be offline', (_, ageMs, samples, words) => {
      const { row } = renderRow(readWatch(isolation('Pending', ageMs), now), samples);
      expect(within(row).getByTestId('row-long-pending')).toHaveTextContent(words);
    });

    it('Pending 9 min without history: no offline hint yet', () => {
      const { row } = renderRow(readWatch(isolation('Pending', 9 * 60_000), now));
      expect(within(row).getByTestId('action-status')).toHaveTextContent('Pending');
      expect(within(row).queryByTestId('row-long-pending')).not.toBeInTheDocument();
    });
  });

  it('text from the API that could do harm is shown as inert text', () => {
    const action = isolation('InProgress', 90_000, { type: hostileText.script, scope: null, computerDnsName: `${hostileText.image}${hostileText.rightToLeft}`, requestor: hostileText.script });
    const { row } = renderRow(readWatch(action, now));
    expect(within(row).getByRole('link', { name: hostileText.script })).toBeInTheDocument();
    expect(row).toHaveTextContent(`${hostileText.image}${hostileText.rightToLeftShown}`);
    expect(row.textContent).not.toContain('\u202E');
    if (view === 'table') expect(row).toHaveTextContent(`${hostileText.script}`); // the requestor's column
    expect(row.querySelectorAll('script, img, [onerror]')).toHaveLength(0);
  });
});

describe('what only the table has room for', () => {
  it('the requestor, when the action was created and when it last changed', () => {
    const watch = readWatch(isolation('InProgress', 5 * 60_000), now, [
      { status: 'Pending', at: now - 5 * 60_000 },
      { status: 'InProgress', at: now - 2 * 60_000 },
    ]);
    renderWithProviders(<WatchBoardTable rows={[{ id, watch, order: 0 }]} customers={false} onRemove={vi.fn()} onOpen={vi.fn()} />);
    const cells = within(screen.getByTestId('watch-row')).getAllByRole('cell');
    const headers = screen.getAllByRole('columnheader').map((header) => header.textContent);
    const cell = (header: string) => cells[headers.indexOf(header)];
    expect(cell('Requestor')).toHaveTextContent('dana.analyst@contoso.example');
    expect(cell('Created')).toHaveTextContent('5 minutes ago');
    expect(cell('Last change')).toHaveTextContent('2 minutes ago');
  });
});

describe.each([
  ['table', WatchBoardTable],
  ['cards', WatchBoardCards],
] as const)('the customer on a row of a board of several tenants, as %s', (_view, Rows) => {
  it('names the customer, or says its tenant is being looked up', () => {
    const other = '22222222-2222-4222-8222-000000000001' as Guid;
    const watch = readWatch(isolation('InProgress', 60_000), now);
    renderWithProviders(
      <Rows
        rows={[
          { id, watch, order: 0, customer: 'Fabrikam' },
          { id: other, watch: undefined, order: 1 },
        ]}
        customers
        onRemove={vi.fn()}
        onOpen={vi.fn()}
      />,
    );
    const [found, looking] = screen.getAllByTestId('row-customer');
    expect(found).toHaveTextContent('Fabrikam');
    expect(looking).toHaveTextContent(/looking up/i);
  });

  it('names no customer on a board of one tenant', () => {
    renderWithProviders(<Rows rows={[{ id, watch: readWatch(isolation('InProgress', 60_000), now), order: 0, customer: 'Fabrikam' }]} customers={false} onRemove={vi.fn()} onOpen={vi.fn()} />);
    expect(screen.queryByTestId('row-customer')).not.toBeInTheDocument();
  });
});
