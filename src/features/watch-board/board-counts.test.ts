import { describe, expect, it } from 'vitest';
import type { DefenderProblem, DefenderProblemKind } from '../../../core/defender/defender-problem';
import { readHistory } from '../../../core/polling/history/duration-history';
import { pollTimings } from '../../../core/polling/pacing/next-poll-delay';
import type { ActionWatch } from '../../../core/polling/watch/watch-state';
import { evenDurations, isolationSamples } from '../../../core/testing/duration-histories';
import { apiTime, machineAction } from '../../../core/testing/machine-actions';
import { everyProblemKind, failingWatch, readWatch, sampleProblems } from '../../testing/action-watches';
import { countForBoard, describeCounts, isLate, rowCategory, type BoardCategory, type BoardCounts } from './board-counts';
import type { BoardRow } from './board-rows';

const now = Date.parse('2026-03-02T10:00:00.000Z');
const problems = sampleProblems(now);
/** 40 full isolations that took 30 to 69 s: 9 in 10 within 1 min 10 s. */
const history = readHistory(isolationSamples(evenDurations(40, 30_000)));

/** A full isolation in `status`, created `ageMs` ago, read `readAgoMs` ago. */
function read(status: string, ageMs = 45_000, readAgoMs = 0): ActionWatch {
  return readWatch(machineAction({ status, creationDateTimeUtc: apiTime(now - ageMs), lastUpdateDateTimeUtc: apiTime(now - ageMs) }), now - readAgoMs);
}

/** The latest check failed with `problem`, the failures having started `forMs` ago. */
function failing(problem: DefenderProblem, lastGood: ActionWatch | undefined, forMs = 0): ActionWatch {
  return failingWatch(lastGood, problem, now, now - forMs);
}

/** A 404 for longer than the grace a new action gets: re-checked no more. */
const pastGrace = pollTimings.notFoundGraceMs + 5_000;

const row = (watch: ActionWatch | undefined): Pick<BoardRow, 'watch' | 'history'> => ({ watch, history });

describe('where a row counts', () => {
  it.each<[string, ActionWatch | undefined, BoardCategory]>([
    ['not read yet ("Looking up…")', undefined, 'looking-up'],
    ['Pending', read('Pending'), 'running'],
    ['InProgress', read('InProgress'), 'running'],
    ['a status Defender may add (Queued): watched as running', read('Queued'), 'running'],
    ['Succeeded', read('Succeeded'), 'succeeded'],
    ['Failed', read('Failed'), 'needs-attention'],
    ['TimeOut', read('TimeOut'), 'needs-attention'],
    ['Cancelled', read('Cancelled'), 'needs-attention'],
    ['Canceled, as some pages spell it', read('Canceled'), 'needs-attention'],
  ])('read: %s counts as %s', (_, watch, category) => {
    expect(rowCategory(row(watch))).toBe(category);
  });

  describe('never read, its checks failing', () => {
    it('a 404 within the grace a new action gets ("Not listed yet"): being looked up, never running', () => {
      expect(rowCategory(row(failing(problems.notFound, undefined, 4_000)))).toBe('looking-up');
    });

    it("a 404 past the grace (an unknown ID, or a device outside the analyst's device groups): can't be read, never running", () => {
      expect(rowCategory(row(failing(problems.notFound, undefined, pastGrace)))).toBe('unreadable');
    });

    const byKind: Record<DefenderProblemKind, BoardCategory> = {
      'not-found': 'unreadable',
      forbidden: 'unreadable',
      'bad-request': 'unreadable',
      'cross-origin': 'unreadable',
      'sign-in-required': 'needs-attention',
      throttled: 'looking-up',
      server: 'looking-up',
      network: 'looking-up',
      timeout: 'looking-up',
      malformed: 'looking-up',
    };
    const cases = Object.values(problems).map((problem) => [problem.kind, byKind[problem.kind], problem] as const);

    it('has a case for every kind of problem', () => {
      expect(new Set(cases.map(([kind]) => kind))).toEqual(new Set(everyProblemKind));
    });

    it.each(cases)('%s counts as %s', (_, category, problem) => {
      expect(rowCategory(row(failing(problem, undefined, pastGrace)))).toBe(category);
    });
  });

  describe('read before, its latest checks failing (a stale row): counted by the status it shows, unless running and past reading', () => {
    it.each<[string, ActionWatch, BoardCategory]>([
      ['InProgress, then a 503', failing(problems.server503, read('InProgress', 45_000, 10_000)), 'running'],
      ['InProgress, then a 404 within the grace', failing(problems.notFound, read('InProgress', 45_000, 30_000)), 'running'],
      ['InProgress, then a 404 past the grace: never running', failing(problems.notFound, read('InProgress', 45_000, 30_000), pastGrace), 'unreadable'],
      ['InProgress, then a 403: never running', failing(problems.forbidden, read('InProgress', 45_000, 10_000)), 'unreadable'],
      ['Succeeded, then a 403', failing(problems.forbidden, read('Succeeded', 45_000, 10_000)), 'succeeded'],
      ['Failed, then a 401', failing(problems.signInRequired, read('Failed', 45_000, 10_000)), 'needs-attention'],
    ])('%s: %s', (_, watch, category) => {
      expect(rowCategory(row(watch))).toBe(category);
    });
  });
});

describe('a late row', () => {
  it('runs longer than 9 in 10 of its kind here, read just now', () => {
    expect(isLate(row(read('InProgress', 10 * 60_000)), now)).toBe(true);
    expect(isLate(row(read('InProgress', 45_000)), now)).toBe(false);
  });

  it('is not called late over a read that may be out of date, once finished, or without enough history', () => {
    expect(isLate(row(failing(problems.server503, read('InProgress', 10 * 60_000, 10_000))), now)).toBe(false);
    expect(isLate(row(read('Failed', 10 * 60_000)), now)).toBe(false);
    expect(isLate({ watch: read('InProgress', 10 * 60_000), history: undefined }, now)).toBe(false);
    expect(isLate({ watch: read('InProgress', 10 * 60_000), history: readHistory(isolationSamples(evenDurations(5, 30_000))) }, now)).toBe(false);
  });
});

describe('the board counts', () => {
  it('counts each row once, and the late ones among the running', () => {
    const counts = countForBoard(
      [
        row(undefined), // looking up
        row(read('Pending')),
        row(read('InProgress', 10 * 60_000)), // late
        row(failing(problems.notFound, undefined, 4_000)), // not listed yet
        row(failing(problems.server503, read('InProgress', 10 * 60_000, 10_000))), // stale: running, not called late
        row(read('Succeeded')),
        row(read('Failed')),
        row(read('TimeOut')),
        row(failing(problems.signInRequired, undefined)),
        row(failing(problems.notFound, undefined, pastGrace)),
        row(failing(problems.forbidden, undefined)),
      ],
      now,
    );
    expect(counts).toEqual<BoardCounts>({ running: 3, late: 1, lookingUp: 2, succeeded: 1, needsAttention: 3, unreadable: 2 });
  });

  it('counts nothing on an empty board', () => {
    expect(countForBoard([], now)).toEqual<BoardCounts>({ running: 0, late: 0, lookingUp: 0, succeeded: 0, needsAttention: 0, unreadable: 0 });
  });
});

describe('the summary’s words', () => {
  it('always gives running, succeeded and what needs attention', () => {
    expect(describeCounts({ running: 3, late: 0, lookingUp: 0, succeeded: 1, needsAttention: 3, unreadable: 0 })).toBe('3 running · 1 succeeded · 3 need attention');
    expect(describeCounts({ running: 0, late: 0, lookingUp: 0, succeeded: 2, needsAttention: 1, unreadable: 0 })).toBe('0 running · 2 succeeded · 1 needs attention');
  });

  it("says how many of the running are late, how many are being looked up, and how many can't be read, only when there are some", () => {
    expect(describeCounts({ running: 3, late: 1, lookingUp: 2, succeeded: 2, needsAttention: 0, unreadable: 2 })).toBe(
      "3 running (1 late) · 2 being looked up · 2 succeeded · 0 need attention · 2 can't be read",
    );
  });
});
