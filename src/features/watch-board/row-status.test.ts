import { describe, expect, it } from 'vitest';
import { parseMachineAction, type MachineAction } from '../../../core/defender/machine-action';
import type { DefenderProblem } from '../../../core/defender/defender-problem';
import { pollTimings } from '../../../core/polling/pacing/next-poll-delay';
import type { ActionWatch } from '../../../core/polling/watch/watch-state';
import { actionBody } from '../../../core/testing/machine-actions';
import { describeDuration, rowStatus, sameOnRow, shownAction } from './row-status';

const created = Date.parse('2019-01-02T14:39:38Z');

function action(status: string): MachineAction {
  const parsed = parseMachineAction(actionBody({ status, creationDateTimeUtc: '2019-01-02T14:39:38Z', lastUpdateDateTimeUtc: '2019-01-02T14:40:44Z' }));
  if (!parsed.ok) throw new Error(parsed.detail);
  return parsed.action;
}

function read(status: string, readAt: number): ActionWatch {
  return { action: action(status), readAt, failure: undefined, history: [], jitter: 0 };
}

/** The watch after a run of failed checks from `since` to `lastAt`. */
function failing(previous: ActionWatch | undefined, problem: DefenderProblem, since: number, lastAt: number): ActionWatch {
  return { action: previous?.action, readAt: previous?.readAt, failure: { problem, count: 2, since, lastAt }, history: [], jitter: 0 };
}

describe('what a board row says', () => {
  it('gives the status while the latest check answered', () => {
    expect(rowStatus(undefined)).toEqual({ kind: 'looking-up' });
    expect(rowStatus(read('InProgress', created + 60_000))).toMatchObject({ kind: 'current', action: { status: 'InProgress' } });
  });

  it('says "Not found, or not yours to see" once the grace is over for an action read before, keeping that read as stale', () => {
    const readAt = created + 60_000;
    const since = readAt + 5_000;
    const status = rowStatus(failing(read('InProgress', readAt), { kind: 'not-found' }, since, since + pollTimings.notFoundGraceMs));
    expect(status).toMatchObject({ kind: 'problem', problem: { title: 'Not found, or not yours to see', severity: 'error' }, lastGood: { readAt, action: { status: 'InProgress' } } });
    expect(shownAction(status)?.status).toBe('InProgress');
  });

  it('says "not listed yet" while the not-found grace runs, as the action page does', () => {
    const since = created + 65_000;
    expect(rowStatus(failing(read('Pending', created + 60_000), { kind: 'not-found' }, since, since + 3_000))).toMatchObject({ kind: 'not-listed-yet', lastGood: { readAt: created + 60_000 } });
    expect(rowStatus(failing(undefined, { kind: 'not-found' }, since, since))).toEqual({ kind: 'not-listed-yet', lastGood: undefined });
  });

  it.each<[DefenderProblem, string]>([
    [{ kind: 'forbidden' }, 'Access denied'],
    [{ kind: 'sign-in-required' }, 'Sign in again'],
    [{ kind: 'throttled', retryAfterMs: 30_000 }, 'Defender asked us to slow down'],
    [{ kind: 'server', status: 500 }, 'Defender is having trouble'],
    [{ kind: 'network', message: 'Failed to fetch' }, 'Cannot reach Defender'],
    [{ kind: 'cross-origin', apiOrigin: 'https://api.securitycenter.microsoft.com', pageOrigin: 'https://watch.contoso.com' }, 'Defender refuses calls from this page'],
    [{ kind: 'timeout', afterMs: 20_000 }, 'Defender did not answer'],
    [{ kind: 'malformed', detail: 'not JSON', rawText: '{' }, 'Unreadable answer'],
    [{ kind: 'bad-request', status: 400 }, 'Request refused'],
  ])('names every other problem in the action page\'s words: %j', (problem, title) => {
    expect(rowStatus(failing(read('Pending', created), problem, created + 5_000, created + 5_000))).toMatchObject({ kind: 'problem', problem: { title }, lastGood: { readAt: created } });
    expect(rowStatus(failing(undefined, problem, created, created))).toMatchObject({ kind: 'problem', problem: { title }, lastGood: undefined });
  });
});

describe('the duration a row shows', () => {
  it('counts on while the action runs, and gives the whole time once it finished', () => {
    expect(describeDuration(rowStatus(read('InProgress', created + 60_000)), created + 190_000)).toBe('3 min 10 s so far');
    expect(describeDuration(rowStatus(read('Succeeded', created + 60_000)), created + 190_000)).toBe('took 1 min 06 s');
    expect(describeDuration(rowStatus(undefined), created)).toBe('—');
  });

  it('stops at the last good read when later checks fail: the action may have finished since', () => {
    const watch = failing(read('InProgress', created + 60_000), { kind: 'server', status: 503 }, created + 65_000, created + 65_000);
    expect(describeDuration(rowStatus(watch), created + 600_000)).toBe('1 min 00 s so far');
  });
});

describe('sameOnRow: whether a new record of the action changes what its row says', () => {
  const server: DefenderProblem = { kind: 'server', status: 503 };
  const running = read('InProgress', created + 1_000);
  it.each<[string, ActionWatch | undefined, ActionWatch | undefined, boolean]>([
    ['nothing read, twice', undefined, undefined, true],
    ['the same record', running, running, true],
    ['the same status read again later (a new record, new date objects, a new jitter)', running, { ...read('InProgress', created + 4_000), jitter: 0.9 }, true],
    ['a first read', undefined, running, false],
    ['a new status', running, read('Succeeded', created + 4_000), false],
    ['a check failed since', running, failing(running, server, created + 4_000, created + 4_000), false],
    ['another failure in the run', failing(running, server, created + 4_000, created + 4_000), failing(running, server, created + 4_000, created + 9_000), false],
    ['a status seen for the first time in the history', running, { ...running, history: [{ status: 'InProgress', at: created }] }, false],
  ])('%s: %s', (_, first, second, same) => {
    expect(sameOnRow(first, second)).toBe(same);
  });
});
