import { onlineManager } from '@tanstack/react-query';
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { formatClock, formatLocal } from '../../lib/time';
import { readWatch } from '../../testing/action-watches';
import { actionId, apiTime, liveResponseCommands, machineAction } from '../../../core/testing/machine-actions';
import { testPoller, testSettings } from '../../testing/render';
import { screenTestsAt } from '../../testing/screen-clock';
import { guid, renderActionPage, sectionNamed, type SeededScreen } from '../../testing/screens';

const now = Date.parse('2026-03-02T10:00:00.000Z');
const id = guid(actionId);
const checkedAt = now - 2_000;
screenTestsAt(now);

/** An isolation created 90 s ago and last updated 30 s ago, with `fields` as Defender wrote them, read 2 s ago. */
function read(fields: Record<string, unknown> = {}, more: SeededScreen = {}): SeededScreen {
  const action = machineAction({ creationDateTimeUtc: apiTime(now - 90_000), lastUpdateDateTimeUtc: apiTime(now - 30_000), ...fields });
  return { watches: [{ id, watch: readWatch(action, checkedAt), checkedAt }], ...more };
}

/** The status badge in `within` that says `words`. */
const badgeSaying = (inside: HTMLElement, words: string) => within(inside).getByText(words).closest('[data-tone]');

const detail = (label: string) => within(screen.getByLabelText('Action details')).getByText(label, { selector: 'dt' }).nextElementSibling;

describe('the action page, for each status Defender gives', () => {
  it.each([
    // API status | badge     | tone        | final  | duration field
    ['Pending', 'Pending', 'running', false, 'Running for'],
    ['InProgress', 'In progress', 'running', false, 'Running for'],
    ['Succeeded', 'Succeeded', 'succeeded', true, 'Took'],
    ['Failed', 'Failed', 'attention', true, 'Took'],
    ['TimeOut', 'Timed out', 'attention', true, 'Took'],
    ['Cancelled', 'Cancelled', 'attention', true, 'Took'],
    ['Canceled', 'Cancelled', 'attention', true, 'Took'], // one L, as some of Microsoft's pages spell it
    ['Queued', 'Queued', 'unknown', false, 'Running for'], // unknown: shown as written, still watched
  ])('%s: the badge says "%s" (%s), and whether checking goes on', (status, badge, tone, final, durationField) => {
    // The poller plans no check of a final action; the page would not believe one anyway.
    renderActionPage(actionId, read({ status }, { schedule: [[id, checkedAt + 3_000]] }));
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Isolate device');
    expect(screen.getByTestId('action-status')).toHaveTextContent(badge);
    expect(screen.getByTestId('action-status')).toHaveAttribute('data-tone', tone);
    expect(screen.getByTestId('action-status')).not.toHaveAttribute('data-stale');
    expect(document.title).toBe(`${badge} · Isolate device · Machine action watch`);
    expect(screen.getByTestId('check-status')).toHaveTextContent(`Last checked ${formatClock(checkedAt)} (just now)`);
    expect(screen.getByTestId('check-status')).toHaveTextContent(final ? 'not checking any more' : `next check at ${formatClock(checkedAt + 3_000)}`);
    // Final: creation to last update; running: creation to now.
    expect(detail(durationField)).toHaveTextContent(final ? '1 min 00 s' : '1 min 30 s');
    expect(screen.queryByTestId('problem')).not.toBeInTheDocument();
    expect(screen.queryByTestId('stale-note')).not.toBeInTheDocument();
    expect(screen.queryByText('Looking up the action…')).not.toBeInTheDocument();
  });

  it('Failed with an HRESULT: the code in hex with its name and meaning, and what to do next', () => {
    renderActionPage(actionId, read({ status: 'Failed', errorHResult: -2147024891 }));
    expect(screen.getByTestId('hresult')).toHaveTextContent('-2147024891 (0x80070005) E_ACCESSDENIED');
    expect(screen.getByTestId('hresult-meaning')).toHaveTextContent('Access denied: the device refused the action');
    const nextSteps = screen.getByTestId('next-steps');
    expect(nextSteps).toHaveTextContent('What to do next: Isolate device failed');
    expect(nextSteps).toHaveTextContent('The device reported 0x80070005 E_ACCESSDENIED: Access denied');
    expect(nextSteps).toHaveTextContent('look for another security product, tamper protection or a policy that blocks it');
    expect(within(nextSteps).getByRole('link', { name: 'Open the device in the Defender portal' })).toHaveAttribute(
      'href',
      'https://security.microsoft.com/machines/1e5bc9d7e413ddd7902c2932e418702b84d0cc07',
    );
  });

  it('Failed with an HRESULT the app does not know: the code as it is, and the type’s next step', () => {
    renderActionPage(actionId, read({ status: 'Failed', errorHResult: -2147000000 }));
    expect(screen.getByTestId('hresult')).toHaveTextContent('-2147000000 (0x80076140)');
    expect(screen.getByTestId('hresult-meaning')).toHaveTextContent('A Windows error code this app does not know');
    expect(screen.getByTestId('next-steps')).toHaveTextContent('Check in the portal that the device is online and onboarded');
  });

  it('TimeOut: what to do next says the device did not finish in time', () => {
    renderActionPage(actionId, read({ status: 'TimeOut' }));
    expect(screen.getByTestId('next-steps')).toHaveTextContent('What to do next: Isolate device timed out');
    expect(screen.getByTestId('next-steps')).toHaveTextContent('The device did not finish in time.');
    expect(screen.queryByTestId('hresult')).not.toBeInTheDocument();
  });

  it.each(['Pending', 'InProgress', 'Succeeded', 'Cancelled'])('%s: no next steps (only a failure or a timeout has them)', (status) => {
    renderActionPage(actionId, read({ status }));
    expect(screen.queryByTestId('next-steps')).not.toBeInTheDocument();
  });

  it('Cancelled: by whom, when and why', () => {
    renderActionPage(
      actionId,
      read({ status: 'Canceled', cancellationRequestor: 'lee.lead@contoso.example', cancellationDateTimeUtc: apiTime(now - 40_000), cancellationComment: 'Wrong device' }),
    );
    expect(detail('Cancelled by')).toHaveTextContent('lee.lead@contoso.example');
    expect(detail('Cancelled')).toHaveTextContent('40 seconds ago');
    expect(screen.getByRole('region', { name: 'Cancellation comment' })).toHaveTextContent('Wrong device');
  });

  it('shows the status changes it saw, with the time between them', () => {
    const action = machineAction({ status: 'Succeeded', creationDateTimeUtc: apiTime(now - 90_000), lastUpdateDateTimeUtc: apiTime(now - 10_000) });
    const history = [
      { status: 'Pending', at: now - 90_000 },
      { status: 'InProgress', at: now - 60_000 },
      { status: 'Succeeded', at: now - 10_000 },
    ];
    renderActionPage(actionId, { watches: [{ id, watch: readWatch(action, checkedAt, history), checkedAt }] });
    const steps = within(screen.getByTestId('status-timeline')).getAllByRole('listitem');
    expect(steps.map((step) => step.textContent)).toEqual([
      `Pending ${formatClock(now - 90_000)}`,
      `In progress ${formatClock(now - 60_000)} after 30 s`,
      `Succeeded ${formatClock(now - 10_000)} after 50 s`,
    ]);
  });
});

describe('the action page, for each kind of action', () => {
  it.each([
    // API type        | heading            | type field                 | Defender's identifier shown
    ['Isolate', 'Isolate device', 'Isolate device (Full)', 'Isolate'],
    ['Live Response', 'Live response', 'Live response', 'Live Response'], // with a space, as a 2021 answer had it
    ['ContainDevice', 'ContainDevice', 'ContainDevice', undefined], // unknown: as Defender wrote it
  ])('%s: "%s"', (type, heading, typeField, identifier) => {
    renderActionPage(actionId, read({ type, scope: type === 'Isolate' ? 'Full' : null }));
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(heading);
    expect(detail('Type')).toHaveTextContent(typeField);
    if (identifier) expect(screen.getByTestId('type-identifier')).toHaveTextContent(identifier);
    else expect(screen.queryByTestId('type-identifier')).not.toBeInTheDocument();
  });

  it('an unknown type that failed gets a generic next step naming it', () => {
    renderActionPage(actionId, read({ type: 'ContainDevice', status: 'Failed' }));
    expect(screen.getByTestId('next-steps')).toHaveTextContent('What to do next: ContainDevice failed');
    expect(screen.getByTestId('next-steps')).toHaveTextContent('try the ContainDevice action again there');
  });

  it('a live response session lists its commands, each with its own status, parameters and errors', () => {
    renderActionPage(actionId, read({ type: 'LiveResponse', status: 'InProgress', commands: liveResponseCommands }));
    const commands = sectionNamed('Live response commands');
    const [, done, failed, created] = within(commands).getAllByRole('row');
    expect(done).toHaveTextContent('GetFile');
    expect(badgeSaying(done, 'Completed')).toHaveAttribute('data-tone', 'succeeded');
    expect(done).toHaveTextContent('Path=C:\\Users\\dana\\Downloads\\invoice.pdf');
    expect(done).toHaveTextContent(formatLocal(new Date('2019-01-02T14:39:52.3Z')));
    expect(badgeSaying(failed, 'Failed')).toHaveAttribute('data-tone', 'attention');
    expect(failed).toHaveTextContent('ScriptName=collect.ps1');
    expect(failed).toHaveTextContent('The script collect.ps1 is not in the library');
    expect(badgeSaying(created, 'Created')).toHaveAttribute('data-tone', 'running');
    expect(within(created).getAllByText('—')).toHaveLength(3); // no parameters, not ended, no errors
  });

  it('an action without commands has no commands table', () => {
    renderActionPage(actionId, read());
    expect(screen.queryByRole('heading', { name: 'Live response commands' })).not.toBeInTheDocument();
  });
});

describe('the action page before and around the reads', () => {
  it('says it is looking the action up before the first read, with the ID as its heading', () => {
    renderActionPage(actionId);
    expect(screen.getByText('Looking up the action…').closest('[role="status"]')).not.toBeNull();
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(actionId);
    expect(screen.queryByTestId('action-status')).not.toBeInTheDocument();
    expect(screen.queryByLabelText('Action details')).not.toBeInTheDocument();
    expect(screen.getByTestId('check-status')).toBeEmptyDOMElement();
  });

  it('asks the poller to watch this one action', () => {
    const { poller } = renderActionPage(actionId);
    expect(vi.mocked(poller.setInterest).mock.calls).toEqual([[`action-page:${id}`, [id]]]);
  });

  it('offline before the first read: an Offline notice, not "Looking up"', () => {
    onlineManager.setOnline(false);
    renderActionPage(actionId);
    expect(screen.getByRole('alert')).toHaveTextContent('Offline');
    expect(screen.getByRole('alert')).toHaveTextContent('The action will be looked up as soon as the connection is back.');
    expect(screen.queryByText('Looking up the action…')).not.toBeInTheDocument();
    expect(screen.getByTestId('check-status')).toHaveTextContent('Offline: checking is paused');
  });

  it('offline after a read: checking is paused, the last read stays', () => {
    renderActionPage(actionId, read({ status: 'InProgress' }));
    act(() => onlineManager.setOnline(false));
    expect(screen.getByTestId('check-status')).toHaveTextContent('Offline: checking is paused and resumes when the connection is back');
    expect(screen.getByTestId('check-status')).not.toHaveTextContent('next check');
    expect(screen.getByTestId('action-status')).toHaveTextContent('In progress');
  });

  it("says the next check the poller's planner made: the end of a 429's pause, say", () => {
    const pausedUntil = now + 45_000;
    renderActionPage(actionId, read({ status: 'InProgress' }, { poller: testPoller({ pauses: new Map([[testSettings.tenants[0].id, pausedUntil]]) }), schedule: [[id, pausedUntil]] }));
    expect(screen.getByTestId('check-status')).toHaveTextContent(`next check at ${formatClock(pausedUntil)}`);
  });

  it('says no next check when no poller here plans one (the team relay polls), rather than guess', () => {
    renderActionPage(actionId, read({ status: 'InProgress' }));
    expect(screen.getByTestId('check-status')).toHaveTextContent(`Last checked ${formatClock(checkedAt)}`);
    expect(screen.getByTestId('check-status')).not.toHaveTextContent('next check');
  });

  it.each([
    ['connecting', undefined, 'Connecting to the team relay…'],
    ['connected', undefined, 'Watching through the team relay: one poller for the whole team.'],
    ['unreachable', 'the relay cannot be reached', 'The team relay is not answering'],
    ['unreachable', 'the relay answered HTTP 502', '(the relay answered HTTP 502)'],
    ['refused', 'the relay does not accept this account (HTTP 401)', 'The team relay does not accept your account'],
  ] as const)('the team relay %s (%s): "%s"', (state, reason, words) => {
    renderActionPage(actionId, read({}, { poller: testPoller({ relay: { state, reason } }) }));
    expect(screen.getByTestId('relay-notice')).toHaveAttribute('data-relay-state', state);
    expect(screen.getByTestId('relay-notice')).toHaveTextContent(words);
  });

  it('without a team relay, says nothing of one', () => {
    renderActionPage(actionId, read());
    expect(screen.queryByTestId('relay-notice')).not.toBeInTheDocument();
  });

  it('puts the action on the board once, then says it is there', async () => {
    renderActionPage(actionId, read());
    await userEvent.click(screen.getByRole('button', { name: 'Watch on the board' }));
    expect(screen.getByRole('button', { name: 'On the watch board' })).toBeDisabled();
  });
});

describe('a link without a machine action ID', () => {
  it.each(['not-an-id', '5f1c3a9e-2b7d-4e8f-9a6b', '<script>alert(1)</script>'])('"%s": says so, requests nothing, and offers the form', (text) => {
    const { poller, container } = renderActionPage(text);
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Not a machine action ID');
    expect(screen.getByText(/is not a GUID such as/)).toHaveTextContent(`“${text}” is not a GUID`);
    expect(screen.getByText(/is not a GUID such as/)).toHaveTextContent('Nothing was requested from Defender.');
    expect(screen.getByLabelText('Machine action ID')).toBeInTheDocument();
    expect(poller.setInterest).not.toHaveBeenCalled();
    expect(container.querySelector('script')).toBeNull();
  });
});
