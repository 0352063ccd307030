import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { boardLimit, loadWatchList } from '../../action-ui/watch-list';
import { formatClock, formatMinute } from '../../lib/time';
import { loadSeenStatuses, saveSeenStatuses } from '../../action-ui/away/seen-statuses';
import { failingWatch, readWatch, sampleProblems, seedWatch } from '../../testing/action-watches';
import { apiTime, machineAction } from '../../../core/testing/machine-actions';
import { evenDurations, isolationSamples } from '../../../core/testing/duration-histories';
import { pollTimings } from '../../../core/polling/pacing/next-poll-delay';
import { renderWithProviders, testPoller, testSettings } from '../../testing/render';
import { screenTestsAt } from '../../testing/screen-clock';
import { guid, renderBoardPage } from '../../testing/screens';
import { BeyondLimitNotice } from './beyond-limit-notice';

const now = Date.parse('2026-03-02T10:00:00.000Z');
screenTestsAt(now);

const idOf = (n: number) => guid(`11111111-1111-4111-8111-${String(n).padStart(12, '0')}`);

/** An isolation on device `ws-<n>` in `status`, read just now. */
function watched(n: number, status: string, type = 'Isolate') {
  const action = machineAction({ id: idOf(n), type, status, computerDnsName: `ws-${n}.contoso.example`, creationDateTimeUtc: apiTime(now - 90_000), lastUpdateDateTimeUtc: apiTime(now - 30_000) });
  return { id: idOf(n), watch: readWatch(action, now), checkedAt: now };
}

const rowIds = () => screen.getAllByTestId('watch-row').map((row) => row.getAttribute('data-action-id'));

describe('the watch board', () => {
  it('with nothing watched: says how to start', () => {
    renderBoardPage([]);
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Watch board');
    expect(screen.getByText("No action is watched yet. Paste a ticket's IDs above.")).toBeInTheDocument();
    expect(screen.queryByTestId('board-counts')).not.toBeInTheDocument();
    expect(screen.getByLabelText('Paste action IDs')).toBeInTheDocument();
  });

  it('counts what is running, what succeeded and what needs attention; running ones first, in the order added', () => {
    const ids = [1, 2, 3, 4, 5, 6, 7].map(idOf);
    renderBoardPage(ids, {
      watches: [watched(1, 'Succeeded'), watched(2, 'Failed'), watched(3, 'InProgress'), watched(4, 'Canceled'), watched(5, 'Queued'), watched(6, 'Pending')],
    });
    // 7 is not read yet: being looked up, not running.
    expect(screen.getByTestId('board-counts')).toHaveTextContent('3 running · 1 being looked up · 1 succeeded · 2 need attention');
    expect(rowIds()).toEqual([3, 5, 6, 7, 1, 2, 4].map(idOf));
    expect(screen.getByRole('button', { name: 'Clear finished' })).toBeEnabled();
  });

  it('an action whose only check failed is still being looked up, never running; with nothing finished, nothing to clear', () => {
    renderBoardPage([idOf(1), idOf(2)], { watches: [watched(1, 'InProgress'), failedCheck(2)] });
    expect(screen.getByTestId('board-counts')).toHaveTextContent('1 running · 1 being looked up · 0 succeeded · 0 need attention');
    expect(screen.getByRole('button', { name: 'Clear finished' })).toBeDisabled();
  });

  it('"Clear finished" takes the finished ones off the board', async () => {
    renderBoardPage([idOf(1), idOf(2), idOf(3)], { watches: [watched(1, 'Succeeded'), watched(2, 'TimeOut'), watched(3, 'InProgress')] });
    expect(screen.getByTestId('board-counts')).toHaveTextContent('1 running · 1 succeeded · 1 needs attention');
    await userEvent.click(screen.getByRole('button', { name: 'Clear finished' }));
    expect(rowIds()).toEqual([idOf(3)]);
    expect(loadWatchList(window.localStorage)).toEqual([idOf(3)]);
  });

  it('declares its interest in every action on it', () => {
    const { poller } = renderBoardPage([idOf(1), idOf(2)]);
    expect(poller.setInterest).toHaveBeenCalledWith('board', [idOf(1), idOf(2)]);
  });

  it('while a 429 pauses every call: says until when', () => {
    const pausedUntil = now + 30_000;
    renderBoardPage([idOf(1)], { watches: [watched(1, 'InProgress')], poller: testPoller({ pauses: new Map([[testSettings.tenants[0].id, pausedUntil]]) }) });
    expect(screen.getByTestId('board-paused')).toHaveTextContent(`Every check is paused until ${formatClock(pausedUntil)} (HTTP 429).`);
  });

  it('once a pause is over: no notice', () => {
    renderBoardPage([idOf(1)], { watches: [watched(1, 'InProgress')], poller: testPoller({ pauses: new Map([[testSettings.tenants[0].id, now - 1_000]]) }) });
    expect(screen.queryByTestId('board-paused')).not.toBeInTheDocument();
  });

  it('says through which the team relay it watches', () => {
    renderBoardPage([idOf(1)], { poller: testPoller({ relay: { state: 'unreachable', reason: 'the relay cannot be reached' } }) });
    expect(screen.getByTestId('relay-notice')).toHaveTextContent('The team relay is not answering');
  });

  it('tells when a watched action finishes: as it finished, and whether it needs attention', async () => {
    const { queryClient } = renderBoardPage([idOf(1), idOf(2)], { watches: [watched(1, 'InProgress'), watched(2, 'Pending')] });
    expect(screen.getByTestId('finish-notices')).toBeEmptyDOMElement();
    act(() => {
      const succeeded = watched(1, 'Succeeded');
      const failed = watched(2, 'Failed');
      seedWatch(queryClient, succeeded.id, succeeded.watch, now);
      seedWatch(queryClient, failed.id, failed.watch, now);
    });
    // Newest first, one line each: whether it needs a look, its status, what, where, and its short ID.
    const notices = within(screen.getByTestId('finish-notices')).getAllByTestId('finish-notice');
    expect(notices[0]).toHaveTextContent(`Needs attention:Failed${idOf(2).slice(0, 8)}Isolate device on ws-2.contoso.example`);
    expect(notices[1]).toHaveTextContent(`Finished:Succeeded${idOf(1).slice(0, 8)}Isolate device on ws-1.contoso.example`);
    expect(within(notices[1]).getByRole('link', { name: idOf(1).slice(0, 8) })).toHaveAttribute('href', `/actions/${idOf(1)}`);
    // The rows follow the cache through TanStack's batched notifications, a tick later.
    await waitFor(() => expect(screen.getByTestId('board-counts')).toHaveTextContent('0 running · 1 succeeded · 1 needs attention'));
    expect(document.title).toBe('(2) 1 needs attention · Machine action watch');
  });

  it('the tab counts as the summary does: an action that failed before the board opened needs attention too', async () => {
    const { queryClient } = renderBoardPage([1, 2, 3, 4].map(idOf), { watches: [watched(1, 'Failed'), watched(2, 'InProgress'), watched(3, 'InProgress'), watched(4, 'Pending')] });
    expect(document.title).toBe('1 needs attention · Machine action watch');
    act(() => {
      for (const n of [2, 3, 4]) {
        const failed = watched(n, 'Failed');
        seedWatch(queryClient, failed.id, failed.watch, now);
      }
    });
    await waitFor(() => expect(screen.getByTestId('board-counts')).toHaveTextContent('0 running · 0 succeeded · 4 need attention'));
    // Three notices are news; the count is the board's own.
    expect(document.title).toBe('(3) 4 need attention · Machine action watch');
  });

  it("actions on devices outside the analyst's device groups: in words true of both causes, counted as can't be read, never running", () => {
    renderBoardPage([1, 2, 3, 4].map(idOf), { watches: [watched(1, 'InProgress'), watched(2, 'Succeeded'), outsideDeviceGroups(3), outsideDeviceGroups(4)] });
    expect(screen.getByTestId('board-counts')).toHaveTextContent("1 running · 1 succeeded · 0 need attention · 2 can't be read");
    for (const n of [3, 4]) {
      const row = screen.getAllByTestId('watch-row').find((each) => each.getAttribute('data-action-id') === idOf(n));
      if (!row) throw new Error(`no row for ${idOf(n)}`);
      expect(within(row).getByTestId('row-problem')).toHaveTextContent('Not found, or not yours to see');
      expect(within(row).getByTestId('row-problem-brief')).toHaveTextContent("Check the ID, or ask for access to the device's group.");
    }
    expect(document.title).toBe("2 can't be read · Machine action watch");
  });

  it('a running action slower than 9 in 10 of its kind here: late, within the running count and in the tab', () => {
    // Isolations here took 30 to 69 s: 9 in 10 within 1 min 10 s.
    const runningFor = (n: number, ms: number) => ({ id: idOf(n), watch: readWatch(machineAction({ id: idOf(n), status: 'InProgress', creationDateTimeUtc: apiTime(now - ms) }), now), checkedAt: now });
    renderBoardPage([idOf(1), idOf(2)], { watches: [runningFor(1, 10 * 60_000), runningFor(2, 30_000)], histories: [isolationSamples(evenDurations(40, 30_000))] });
    expect(screen.getByTestId('board-counts')).toHaveTextContent('2 running (1 late) · 0 succeeded · 0 need attention');
    expect(screen.getAllByTestId('row-slower')).toHaveLength(1);
    expect(document.title).toBe('1 late · Machine action watch');
  });

  it('finish notices stack compactly: the newest five, a count of the rest, and one click dismisses them all', async () => {
    const ids = [1, 2, 3, 4, 5, 6, 7].map(idOf);
    const { queryClient } = renderBoardPage(ids, { watches: ids.map((_, index) => watched(index + 1, 'InProgress')) });
    act(() => {
      for (const n of [1, 2, 3, 4, 5, 6, 7]) {
        const done = watched(n, 'Succeeded');
        seedWatch(queryClient, done.id, done.watch, now);
      }
    });
    const stack = screen.getByTestId('finish-notices');
    expect(within(stack).getAllByTestId('finish-notice')).toHaveLength(5);
    expect(within(stack).getAllByTestId('finish-notice')[0]).toHaveTextContent('ws-7.contoso.example');
    expect(stack).toHaveTextContent('and 2 more: the board shows them');
    await userEvent.click(within(stack).getByRole('button', { name: 'Dismiss all' }));
    expect(stack).toBeEmptyDOMElement();
  });

  it('an action already finished when the board opens is no news', () => {
    renderBoardPage([idOf(1)], { watches: [watched(1, 'Succeeded')] });
    expect(screen.getByTestId('finish-notices')).toBeEmptyDOMElement();
    expect(document.title).toBe('Machine action watch');
  });

  it('says what a paste elsewhere added, when that sent the analyst here', () => {
    renderBoardPage([idOf(1), idOf(2)], { path: { pathname: '/board', state: { pasted: 'Found 2 action IDs in what you pasted: added 2.' } } });
    expect(screen.getByTestId('pasted-result')).toHaveTextContent('Found 2 action IDs in what you pasted: added 2.');
  });

  // The board itself is not rendered past its limit here: 500 rows take seconds in jsdom (e2e/list-edges.spec.ts does it).
  it.each([
    [[idOf(501)], '1 saved action is not watched'],
    [[idOf(501), idOf(502)], '2 saved actions are not watched'],
  ])(`the saved IDs past its limit of ${boardLimit}: kept, to copy (%#)`, (ids, title) => {
    renderWithProviders(<BeyondLimitNotice ids={ids} />);
    const beyond = screen.getByTestId('beyond-limit');
    expect(beyond).toHaveAccessibleName(title);
    expect(beyond).toHaveTextContent(`The board watches at most ${boardLimit} actions`);
    expect(within(beyond).getByLabelText('IDs not watched')).toHaveValue(ids.join('\n'));
    expect(within(beyond).getByRole('button', { name: 'Copy these IDs' })).toBeInTheDocument();
  });
});

describe('back at the desk: what finished while the analyst was away', () => {
  const lastLooked = now - 2 * 60 * 60_000;
  /** What this browser last showed the analyst, as the board records it. */
  function seenBefore(statuses: Record<number, string>) {
    saveSeenStatuses(window.localStorage, new Map(Object.entries(statuses).map(([n, status]) => [idOf(Number(n)), { status, at: lastLooked }])));
  }

  it('one summary of what finished unseen, the needing-attention ones named; their rows marked; the tab counts them', async () => {
    seenBefore({ 1: 'Pending', 2: 'InProgress', 3: 'Pending', 4: 'Succeeded' });
    renderBoardPage([1, 2, 3, 4].map(idOf), { watches: [watched(1, 'Succeeded'), watched(2, 'Failed'), watched(3, 'InProgress'), watched(4, 'Succeeded')] });
    const summary = await screen.findByTestId('away-summary');
    expect(summary).toHaveTextContent('While you were away');
    expect(within(summary).getByTestId('away-words')).toHaveTextContent(`Since ${formatMinute(lastLooked, now)}: 1 succeeded, 1 failed (Isolate device on ws-2.contoso.example).`);
    const marked = screen.getAllByTestId('watch-row').filter((row) => row.hasAttribute('data-finished-away'));
    expect(marked.map((row) => row.getAttribute('data-action-id'))).toEqual([idOf(1), idOf(2)]);
    expect(document.title).toBe('(2) 1 needs attention · Machine action watch');
    // What the board shows and did not mark is seen now; the marked ones wait for the analyst.
    expect(loadSeenStatuses(window.localStorage).get(idOf(3))).toEqual({ status: 'InProgress', at: now });
    expect(loadSeenStatuses(window.localStorage).get(idOf(1))).toEqual({ status: 'Pending', at: lastLooked });

    await userEvent.click(within(summary).getByRole('button', { name: 'Mark as seen' }));
    expect(screen.queryByTestId('away-summary')).not.toBeInTheDocument();
    expect(screen.getAllByTestId('watch-row').filter((row) => row.hasAttribute('data-finished-away'))).toHaveLength(0);
    expect(document.title).toBe('1 needs attention · Machine action watch');
    expect(loadSeenStatuses(window.localStorage).get(idOf(1))).toEqual({ status: 'Succeeded', at: now });
  });

  it('opening a marked row looks at that one only', async () => {
    seenBefore({ 1: 'Pending', 2: 'Pending' });
    renderBoardPage([idOf(1), idOf(2)], { watches: [watched(1, 'Succeeded'), watched(2, 'Succeeded')] });
    expect(await screen.findByTestId('away-words')).toHaveTextContent(': 2 succeeded.');
    const first = screen.getAllByTestId('watch-row').find((row) => row.getAttribute('data-action-id') === idOf(1));
    if (!first) throw new Error('no row 1');
    await userEvent.click(within(first).getByRole('link', { name: 'Isolate device (Full)' }));
    expect(loadSeenStatuses(window.localStorage).get(idOf(1))?.status).toBe('Succeeded');
    expect(loadSeenStatuses(window.localStorage).get(idOf(2))?.status).toBe('Pending');
  });

  it('a finish seen live is a finish notice, never news from while away', async () => {
    seenBefore({ 1: 'Pending' });
    const { queryClient } = renderBoardPage([idOf(1)], { watches: [watched(1, 'InProgress')] });
    await waitFor(() => expect(loadSeenStatuses(window.localStorage).get(idOf(1))?.status).toBe('InProgress'));
    act(() => {
      const done = watched(1, 'Succeeded');
      seedWatch(queryClient, done.id, done.watch, now);
    });
    expect(within(screen.getByTestId('finish-notices')).getAllByTestId('finish-notice')).toHaveLength(1);
    await waitFor(() => expect(loadSeenStatuses(window.localStorage).get(idOf(1))?.status).toBe('Succeeded'));
    expect(screen.queryByTestId('away-summary')).not.toBeInTheDocument();
  });

  it('a running status cached from before the board opened waits for a fresh read before judging', async () => {
    seenBefore({ 1: 'Pending' });
    const stale = { id: idOf(1), watch: readWatch(machineAction({ id: idOf(1), status: 'InProgress' }), now - 60_000), checkedAt: now - 60_000 };
    const { queryClient } = renderBoardPage([idOf(1)], { watches: [stale] });
    act(() => {
      const done = watched(1, 'Succeeded');
      seedWatch(queryClient, done.id, done.watch, now);
    });
    expect(await screen.findByTestId('away-summary')).toHaveTextContent('1 succeeded');
  });
});

describe('system notifications', () => {
  /** A Notification as a browser has it: `permission`, and a constructor that may refuse, as a phone's Chrome does. */
  function stubNotification(permission: NotificationPermission, construct: () => void = () => {}) {
    const Stub = Object.assign(
      function StubNotification() {
        construct();
      },
      { permission, requestPermission: () => Promise.resolve(permission) },
    );
    vi.stubGlobal('Notification', Stub);
    onTestFinished(() => {
      vi.unstubAllGlobals();
    });
  }

  it('offered on a desktop, in words that fit any device', () => {
    stubNotification('default');
    renderBoardPage([idOf(1)], { watches: [watched(1, 'InProgress')] });
    expect(screen.getByRole('button', { name: 'Notify me when an action finishes' })).toBeInTheDocument();
  });

  it("not offered on a phone's Chrome, which refuses the page's own notifications once allowed", () => {
    stubNotification('default');
    vi.stubGlobal('navigator', Object.assign(Object.create(navigator) as Navigator, { userAgentData: { mobile: true } }));
    renderBoardPage([idOf(1)], { watches: [watched(1, 'InProgress')] });
    expect(screen.queryByRole('button', { name: /^Notify me/ })).not.toBeInTheDocument();
  });

  it("a browser that refuses to show one leaves the page's notice standing", () => {
    stubNotification('granted', () => {
      throw new TypeError("Failed to construct 'Notification': Illegal constructor.");
    });
    const { queryClient } = renderBoardPage([idOf(1)], { watches: [watched(1, 'InProgress')] });
    act(() => {
      const done = watched(1, 'Failed');
      seedWatch(queryClient, done.id, done.watch, now);
    });
    expect(within(screen.getByTestId('finish-notices')).getAllByTestId('finish-notice')).toHaveLength(1);
  });
});

describe('the board in use', () => {
  it('rows keep their places while the pointer is over them, and sort once it leaves', async () => {
    const { queryClient } = renderBoardPage([idOf(1), idOf(2)], { watches: [watched(1, 'InProgress'), watched(2, 'InProgress')] });
    const user = userEvent.setup();
    await user.hover(screen.getAllByTestId('watch-row')[0]);
    act(() => {
      const done = watched(1, 'Succeeded');
      seedWatch(queryClient, done.id, done.watch, now);
    });
    await waitFor(() => expect(screen.getByTestId('board-counts')).toHaveTextContent('1 running · 1 succeeded'));
    expect(rowIds()).toEqual([idOf(1), idOf(2)]);
    await user.unhover(screen.getByTestId('watched-actions'));
    expect(rowIds()).toEqual([idOf(2), idOf(1)]);
  });

  it('"Copy the board for the ticket": every row, one a line, in plain text', async () => {
    renderBoardPage([idOf(1), idOf(2)], { watches: [watched(1, 'Succeeded'), watched(2, 'InProgress')] });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Copy the board for the ticket' }));
    const lines = (await navigator.clipboard.readText()).split('\n');
    expect(lines[0]).toBe('Machine action watch: 2 machine actions as of 2026-03-02 10:00:00 UTC');
    expect(lines.slice(1).map((line) => line.split(';')[0])).toEqual([`Defender machine action ${idOf(2)}`, `Defender machine action ${idOf(1)}`]);
    expect(screen.getByRole('button', { name: 'Copied the board' })).toBeInTheDocument();
  });
});

/**
 * An action Defender answers 404 for, past the grace a new action gets, never read: what Robin Branch sees
 * of an action on a device outside his device groups (the API cannot tell it from an unknown ID).
 */
function outsideDeviceGroups(n: number) {
  return { id: idOf(n), watch: failingWatch(undefined, sampleProblems(now).notFound, now - 1_000, now - 1_000 - pollTimings.notFoundGraceMs - 5_000), checkedAt: now - 1_000 };
}

/** An action whose only check failed with a 503: running, as far as the board knows. */
function failedCheck(n: number) {
  return { id: idOf(n), watch: failingWatch(undefined, sampleProblems(now).server503, now), checkedAt: now };
}
