import { describe, expect, it } from 'vitest';
import type { DefenderProblem } from '../../defender/defender-problem';
import { parseMachineAction, type MachineAction } from '../../defender/machine-action';
import { quantile } from '../../lib/quantile';
import { actionBody } from '../../testing/machine-actions';
import { evenDurations, isolationSamples } from '../../testing/duration-histories';
import { enoughHistory, readHistory } from '../history/duration-history';
import { nextPollDelay, pollTimings, type PollContext } from './next-poll-delay';
import { cadence } from './watch-cadence';
import type { ActionWatch } from '../watch/watch-state';

const now = 1_000_000;
const visible: PollContext = { now, hidden: false };
const hidden: PollContext = { ...visible, hidden: true };

function action(status: string, createdAt = now): MachineAction {
  const at = new Date(createdAt).toISOString();
  const result = parseMachineAction(actionBody({ status, creationDateTimeUtc: at, lastUpdateDateTimeUtc: at }));
  if (!result.ok) throw new Error(result.detail);
  return result.action;
}

function read(status: string): ActionWatch {
  return { action: action(status), readAt: now, failure: undefined, history: [], jitter: 0.5 };
}

function failing(problem: DefenderProblem, count = 1, since = now, status?: string, jitter = 0.5): ActionWatch {
  return { action: status ? action(status) : undefined, readAt: status ? now - 10_000 : undefined, failure: { problem, count, since, lastAt: now }, history: [], jitter };
}

describe('nextPollDelay', () => {
  it.each(['Pending', 'InProgress', 'Queued', 'SomethingNew'])('keeps polling a %s action', (status) => {
    expect(nextPollDelay(read(status), visible)).toBe(cadence.freshMs);
  });

  it.each(['Succeeded', 'Failed', 'TimeOut', 'Cancelled'])('stops at %s', (status) => {
    expect(nextPollDelay(read(status), visible)).toBe(false);
    expect(nextPollDelay(read(status), hidden)).toBe(false);
  });

  it('stops at a final status in any spelling ("Canceled", "succeeded"), and keeps polling an unknown one', () => {
    expect(nextPollDelay(read('Canceled'), visible)).toBe(false);
    expect(nextPollDelay(read('succeeded'), visible)).toBe(false);
    expect(nextPollDelay(read('Cancelling'), visible)).toBe(cadence.freshMs);
  });

  it('checks an action at the pace its age calls for', () => {
    const fiveMinutesOld = { ...read('InProgress'), action: action('InProgress', now - 5 * 60_000) };
    expect(nextPollDelay(fiveMinutesOld, visible)).toBe(cadence.runningMs);
    const pendingForAnHour = { ...read('Pending'), action: action('Pending', now - 60 * 60_000) };
    expect(nextPollDelay(pendingForAnHour, visible)).toBe(cadence.longPendingMs);
  });

  it('polls more slowly in a hidden tab', () => {
    expect(nextPollDelay(read('Pending'), hidden)).toBe(cadence.hiddenMs);
  });

  it('re-checks a 404 during the grace period, then stops', () => {
    const notFound: DefenderProblem = { kind: 'not-found' };
    expect(nextPollDelay(failing(notFound, 1, now), visible)).toBe(pollTimings.notFoundRecheckMs);
    expect(nextPollDelay(failing(notFound, 5, now - pollTimings.notFoundGraceMs + 1), visible)).toBe(pollTimings.notFoundRecheckMs);
    expect(nextPollDelay(failing(notFound, 6, now - pollTimings.notFoundGraceMs), visible)).toBe(false);
  });

  it.each<DefenderProblem>([{ kind: 'sign-in-required' }, { kind: 'forbidden' }, { kind: 'bad-request', status: 400 }])('stops on $kind: only the analyst can fix it', (problem) => {
    expect(nextPollDelay(failing(problem), visible)).toBe(false);
  });

  it('waits exactly Retry-After, plus at most a second of jitter', () => {
    const throttled: DefenderProblem = { kind: 'throttled', retryAfterMs: 42_000 };
    expect(nextPollDelay(failing(throttled, 1, now, undefined, 0), visible)).toBe(42_000);
    expect(nextPollDelay(failing(throttled, 1, now, undefined, 0.999), visible)).toBe(42_999);
  });

  it('backs off with jitter on a 429 without a readable Retry-After, never sooner than half the base', () => {
    const throttled: DefenderProblem = { kind: 'throttled' };
    expect(nextPollDelay(failing(throttled, 1, now, undefined, 0), visible)).toBe(pollTimings.throttledBaseMs / 2);
    expect(nextPollDelay(failing(throttled, 2, now, undefined, 1), visible)).toBe(pollTimings.throttledBaseMs * 2);
  });

  it('backs off exponentially on server and network errors, up to the cap', () => {
    const server: DefenderProblem = { kind: 'server', status: 503 };
    const delays = [1, 2, 3, 4, 10, 30].map((count) => nextPollDelay(failing(server, count, now, 'Pending', 1), visible));
    expect(delays).toEqual([5_000, 10_000, 20_000, 40_000, pollTimings.backoffMaxMs, pollTimings.backoffMaxMs]);
    for (const kind of ['network', 'timeout', 'malformed'] as const) {
      const problem = (kind === 'network' ? { kind, message: 'x' } : kind === 'timeout' ? { kind, afterMs: 1 } : { kind, detail: 'x', rawText: '' }) satisfies DefenderProblem;
      expect(nextPollDelay(failing(problem, 3, now, 'Pending', 1), visible)).toBe(20_000);
    }
  });

  it('gives the same delay when asked twice about the same check', () => {
    const watch = failing({ kind: 'throttled' }, 2, now, undefined, 0.37);
    expect(nextPollDelay(watch, visible)).toBe(nextPollDelay(watch, { ...visible, now: now + 1_234 }));
  });

  it('spreads backoff delays with jitter', () => {
    const server: DefenderProblem = { kind: 'server', status: 500 };
    const low = nextPollDelay(failing(server, 3, now, undefined, 0), visible);
    const high = nextPollDelay(failing(server, 3, now, undefined, 0.99), visible);
    expect(low).toBe(10_000);
    expect(high).toBeGreaterThan(19_000);
  });

  it('checks a cross-origin refusal again only every few minutes, without backoff or jitter, hidden or not', () => {
    const refused: DefenderProblem = { kind: 'cross-origin', apiOrigin: 'https://api.securitycenter.microsoft.com', pageOrigin: 'https://watch.contoso.com' };
    const delays = [1, 2, 10].flatMap((count) => [0, 0.999].map((jitter) => nextPollDelay(failing(refused, count, now, undefined, jitter), visible)));
    expect(new Set(delays)).toEqual(new Set([pollTimings.crossOriginRecheckMs]));
    expect(pollTimings.crossOriginRecheckMs).toBeGreaterThan(pollTimings.backoffMaxMs);
    expect(nextPollDelay(failing(refused), hidden)).toBe(pollTimings.crossOriginRecheckMs);
    expect(nextPollDelay(failing(refused, 1, now, 'Succeeded'), visible)).toBe(false);
  });

  it('does not retry a transient failure of an action already known to be final', () => {
    expect(nextPollDelay(failing({ kind: 'server', status: 500 }, 1, now, 'Succeeded'), visible)).toBe(false);
  });
});

describe('nextPollDelay with the tenant history', () => {
  // 40 isolations that each took 30 to 69 s: the first step is at 1 in 20 of them.
  const samples = isolationSamples(evenDurations(40, 30_000));
  const history = enoughHistory(readHistory(samples));

  it('waits for the first likely finish instead of checking every 5 s', () => {
    const delay = nextPollDelay(read('Pending'), { ...visible, history });
    expect(delay).toBeGreaterThan(cadence.freshMs);
    expect(delay).toBe(Math.ceil(quantile(samples.durationsMs, 0.05)));
  });

  it('never checks a hidden tab more than once a minute', () => {
    expect(nextPollDelay(read('Pending'), { ...hidden, history })).toBe(cadence.hiddenMs);
  });

  it('leaves final statuses and failures to their own rules', () => {
    expect(nextPollDelay(read('Succeeded'), { ...visible, history })).toBe(false);
    const throttled = failing({ kind: 'throttled', retryAfterMs: 30_000 }, 1, now, 'Pending');
    expect(nextPollDelay(throttled, { ...visible, history })).toBe(nextPollDelay(throttled, visible));
  });

  it('keeps the age-based pace without enough history', () => {
    const tooLittle = enoughHistory(readHistory({ ...samples, durationsMs: samples.durationsMs.slice(0, 5) }));
    expect(tooLittle).toBeUndefined();
    expect(nextPollDelay(read('Pending'), { ...visible, history: tooLittle })).toBe(cadence.freshMs);
  });
});
