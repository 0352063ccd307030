import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { DefenderProblem } from '../../../core/defender/defender-problem';
import { formatClock } from '../../lib/time';
import { pollTimings } from '../../../core/polling/pacing/next-poll-delay';
import type { ActionWatch } from '../../../core/polling/watch/watch-state';
import { everyProblemKind, failingWatch, readWatch, sampleProblems } from '../../testing/action-watches';
import { actionId, apiTime, machineAction } from '../../../core/testing/machine-actions';
import { signedIn } from '../../testing/render';
import { screenTestsAt } from '../../testing/screen-clock';
import { guid, renderActionPage, type SeededScreen } from '../../testing/screens';

const now = Date.parse('2026-03-02T10:00:00.000Z');
const id = guid(actionId);
screenTestsAt(now);

const problems = sampleProblems(now);
const readAt = now - 60_000;
const lastGood = readWatch(machineAction({ status: 'Pending', creationDateTimeUtc: apiTime(now - 120_000), lastUpdateDateTimeUtc: apiTime(now - 120_000) }), readAt);

interface ProblemCase {
  name: string;
  problem: DefenderProblem;
  /** The alert's title, and what else it says. */
  title: string;
  says: string[];
  /** The way out the alert offers, if any. */
  button?: 'Sign in again' | 'Check again';
  /** Whether the poller goes on checking by itself. */
  checking: boolean;
}

const cases: ProblemCase[] = [
  {
    name: '404 after the grace a new action gets',
    problem: problems.notFound,
    title: 'Not found, or not yours to see',
    says: [
      'Defender has no action with this ID that your account may see: it does not exist in this tenant, or it is on a device outside your device groups.',
      'Check the ID in the ticket',
      "ask your Defender admin for access to the device's group",
      'Correlation ID for support: corr-ResourceNotFound',
    ],
    button: 'Check again',
    checking: false,
  },
  {
    name: '401 after a silent renewal',
    problem: problems.signInRequired,
    title: 'Sign in again',
    says: ['could not be renewed silently'],
    button: 'Sign in again',
    checking: false,
  },
  {
    name: '403',
    problem: problems.forbidden,
    title: 'Access denied',
    says: ['Defender refused to show machine actions to this account.', 'Machine.Read', "'View Data'", 'Correlation ID for support: corr-Forbidden'],
    checking: false,
  },
  {
    name: '429 with a readable Retry-After',
    problem: problems.throttledFor30s,
    title: 'Defender asked us to slow down',
    says: ['Defender asked for a pause of 30 s; checking resumes after it.', 'shared by everyone using this app registration'],
    checking: true,
  },
  {
    name: '429 with an unreadable Retry-After',
    problem: problems.throttledUnreadable,
    title: 'Defender asked us to slow down',
    says: ['Too many requests (HTTP 429). Checking again after a growing pause.'],
    checking: true,
  },
  {
    name: '429 without Retry-After',
    problem: problems.throttledWithoutRetryAfter,
    title: 'Defender asked us to slow down',
    says: ['Checking again after a growing pause.'],
    checking: true,
  },
  {
    name: '500',
    problem: problems.server500,
    title: 'Defender is having trouble',
    says: ['HTTP 500 InternalServerError', 'Retrying with a growing pause.'],
    checking: true,
  },
  {
    name: '503',
    problem: problems.server503,
    title: 'Defender is having trouble',
    says: ['HTTP 503 ServiceUnavailable'],
    checking: true,
  },
  {
    name: '400',
    problem: problems.badRequest,
    title: 'Request refused',
    says: ['Defender refused the request (HTTP 400 InvalidInput): InvalidInput message'],
    button: 'Check again',
    checking: false,
  },
  {
    name: 'the network unreachable',
    problem: problems.network,
    title: 'Cannot reach Defender',
    says: ['The request did not get through (network, proxy or CORS).', 'Failed to fetch'],
    checking: true,
  },
  {
    name: 'a direct call the browser refuses (no CORS)',
    problem: problems.crossOrigin,
    title: 'Defender refuses calls from this page',
    says: [
      "Defender answered, but it refuses calls from this page's address (https://watch.contoso.com) to https://api.securitycenter.microsoft.com",
      'Checking again every 5 min.',
      "serve the Defender API under this app's own address and set apiBaseUrl",
    ],
    checking: true,
  },
  {
    name: 'a request that hangs',
    problem: problems.timeout,
    title: 'Defender did not answer',
    says: ['No answer within 20 s; the request was abandoned.'],
    checking: true,
  },
  {
    name: 'an answer that is not JSON',
    problem: problems.malformed,
    title: 'Unreadable answer',
    says: ["Defender's answer could not be read as a machine action: The answer is not JSON.", 'The raw answer is below.'],
    checking: true,
  },
];

/** Failing for 25 s: a 404 is past its grace, every other problem is simply the latest. */
function failing(problem: DefenderProblem, previous: ActionWatch | undefined): ActionWatch {
  return failingWatch(previous, problem, now - 1_000, now - 1_000 - pollTimings.notFoundGraceMs - 5_000);
}

function renderFailing(problem: DefenderProblem, previous: ActionWatch | undefined, more: SeededScreen = {}) {
  // The poller plans no check after a failure only the analyst can fix; the page would not believe one anyway.
  return renderActionPage(actionId, { watches: [{ id, watch: failing(problem, previous), checkedAt: now - 1_000 }], schedule: [[id, now + 5_000]], ...more });
}

describe('the action page when its latest check failed', () => {
  it('has a case for every kind of problem', () => {
    expect(new Set(cases.map((each) => each.problem.kind))).toEqual(new Set(everyProblemKind));
  });

  describe.each([
    ['before any good read', undefined],
    ['after a good read', lastGood],
  ])('%s', (_, previous) => {
    it.each(cases)('$name: "$title"', ({ problem, title, says, button, checking }) => {
      renderFailing(problem, previous);
      const alert = screen.getByTestId('problem');
      expect(alert).toHaveAttribute('data-problem', problem.kind);
      expect(alert).toHaveAccessibleName(title);
      for (const words of says) expect(alert).toHaveTextContent(words);
      expect(within(alert).queryAllByRole('button').map((each) => each.textContent)).toEqual(button ? [button] : []);
      expect(screen.getByTestId('check-status')).toHaveTextContent(checking ? /next check (at|due)/ : /not checking any more/);
      expect(screen.queryByText('Looking up the action…')).not.toBeInTheDocument();
      if (previous) {
        // Stale: the last good read stays on screen, and says it may be out of date.
        expect(screen.getByTestId('stale-note')).toHaveTextContent(`Showing the last good read, from ${formatClock(readAt)}: it may be out of date.`);
        expect(screen.getByTestId('action-status')).toHaveTextContent('Pending');
        expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Isolate device');
        expect(screen.getByLabelText('Action details')).toBeInTheDocument();
      } else {
        expect(screen.queryByTestId('stale-note')).not.toBeInTheDocument();
        expect(screen.queryByTestId('action-status')).not.toBeInTheDocument();
        expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(actionId);
      }
      // The way to watch another action is never lost.
      expect(screen.getByLabelText('Watch another action')).toBeInTheDocument();
    });

    it('404 within the grace a new action gets: "Not listed yet", checking again, no alert', () => {
      renderActionPage(actionId, {
        watches: [{ id, watch: failingWatch(previous, problems.notFound, now - 1_000, now - 4_000), checkedAt: now - 1_000 }],
        schedule: [[id, now - 1_000 + pollTimings.notFoundRecheckMs]],
      });
      expect(screen.getByText('Not listed yet: a new action can take a few seconds to appear. Checking again…').closest('[role="status"]')).not.toBeNull();
      expect(screen.queryByTestId('problem')).not.toBeInTheDocument();
      expect(screen.getByTestId('check-status')).toHaveTextContent(`next check at ${formatClock(now - 1_000 + pollTimings.notFoundRecheckMs)}`);
      if (previous) expect(screen.getByTestId('stale-note')).toBeInTheDocument();
      else expect(screen.queryByTestId('stale-note')).not.toBeInTheDocument();
    });
  });

  it('an unreadable answer shows the raw text as received, with a button to copy it', () => {
    renderFailing(problems.malformed, lastGood);
    const raw = screen.getByRole('region', { name: 'Raw answer' });
    expect(raw).toHaveTextContent('{"value":[{"id":"5f1c3a9e-2b7d-4e8f-9a6b-1c2d3e4f5a6b", <html>Proxy error</html>');
    expect(raw.closest('details')?.querySelector('summary')).toHaveTextContent('Raw answer');
  });

  it.each(['notFound', 'server500', 'network'] as const)('%s: no raw answer (only an unreadable one has it)', (name) => {
    renderFailing(problems[name], lastGood);
    expect(screen.queryByRole('region', { name: 'Raw answer' })).not.toBeInTheDocument();
  });

  it('"Sign in again" signs in again', async () => {
    const auth = signedIn();
    renderFailing(problems.signInRequired, lastGood, { auth });
    await userEvent.click(screen.getByRole('button', { name: 'Sign in again' }));
    expect(auth.session.signIn).toHaveBeenCalledTimes(1);
  });

  it("a 404 past the grace never claims the action does not exist: the device may be outside the analyst's device groups", () => {
    renderFailing(problems.notFound, undefined);
    const alert = screen.getByTestId('problem');
    expect(alert).not.toHaveTextContent(/There is no machine action/i);
    expect(alert).toHaveTextContent('or it is on a device outside your device groups');
    expect(within(alert).getByRole('button', { name: 'Check again' })).toBeInTheDocument();
  });

  it('"Check again" asks the poller to check the action again, with a fresh grace', async () => {
    const { poller } = renderFailing(problems.notFound, undefined);
    await userEvent.click(screen.getByRole('button', { name: 'Check again' }));
    expect(poller.recheck).toHaveBeenCalledWith(id);
  });

  it('a failed check of a finished action: the last read stands, and checking has stopped', () => {
    const finished = readWatch(machineAction({ status: 'Succeeded', creationDateTimeUtc: apiTime(now - 120_000), lastUpdateDateTimeUtc: apiTime(now - 70_000) }), readAt);
    renderFailing(problems.server503, finished);
    expect(screen.getByTestId('problem')).toHaveTextContent('Defender is having trouble');
    expect(screen.getByTestId('action-status')).toHaveTextContent('Succeeded');
    expect(screen.getByTestId('stale-note')).toBeInTheDocument();
    expect(screen.getByTestId('check-status')).toHaveTextContent('not checking any more');
  });
});
