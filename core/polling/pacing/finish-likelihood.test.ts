import { describe, expect, it } from 'vitest';
import { parseMachineAction, type MachineAction } from '../../defender/machine-action';
import { actionBody } from '../../testing/machine-actions';
import { evenDurations, isolationHistory } from '../../testing/duration-histories';
import { ageLikelihood, finishLikelihood, isWorthThePace } from './finish-likelihood';

const now = Date.parse('2026-01-05T10:00:00Z');

function action(status: string, ageMs: number, movedAgoMs = ageMs): MachineAction {
  const parsed = parseMachineAction(
    actionBody({ status, creationDateTimeUtc: new Date(now - ageMs).toISOString(), lastUpdateDateTimeUtc: new Date(now - movedAgoMs).toISOString() }),
  );
  if (!parsed.ok) throw new Error(parsed.detail);
  return parsed.action;
}

// Isolations here took 30 to 69 s, one a second.
const history = isolationHistory(evenDurations(40, 30_000));

describe('ageLikelihood: today\'s cadence read as a chance of finishing', () => {
  it.each<[string, MachineAction, number]>([
    ['new (checked every 5 s today): 3 s of 5', action('Pending', 10_000), 0.6],
    ['running for minutes (every 15 s): 3 s of 15', action('InProgress', 5 * 60_000), 0.2],
    ['long Pending (every minute): 3 s of 60', action('Pending', 20 * 60_000), 0.05],
  ])('%s', (_, running, expected) => {
    expect(ageLikelihood(running, now, 3_000)).toBeCloseTo(expected, 5);
  });

  it('is never above 1, however long the window', () => {
    expect(ageLikelihood(action('Pending', 10_000), now, 60_000)).toBe(1);
  });
});

describe('finishLikelihood: from the history, given it has not finished yet', () => {
  it('is the share of the longer past durations that ended within the window, the age-based chance counted as one more', () => {
    // At 40 s, 29 of the 40 durations are longer (41 … 69 s), and the age-based chance makes one more;
    // 3 of them end within the next 3 s (41, 42, 43 s).
    const at40 = action('InProgress', 40_000, 20_000);
    expect(finishLikelihood(at40, history, now, 3_000)).toBeCloseTo((3 + ageLikelihood(at40, now, 3_000)) / 30, 5);
  });

  it('is small, never zero, before every duration seen (a fast outlier) and past them all (a straggler)', () => {
    const early = finishLikelihood(action('Pending', 5_000), history, now, 3_000);
    const straggler = finishLikelihood(action('InProgress', 10 * 60_000, 9 * 60_000), history, now, 3_000);
    for (const chance of [early, straggler]) {
      expect(chance).toBeGreaterThan(0);
      expect(chance).toBeLessThan(0.25);
    }
    expect(finishLikelihood(action('InProgress', 45_000, 20_000), history, now, 3_000)).toBeGreaterThan(early);
  });

  it('without history, is the age-based chance', () => {
    const running = action('InProgress', 5 * 60_000);
    expect(finishLikelihood(running, undefined, now, 3_000)).toBe(ageLikelihood(running, now, 3_000));
  });

  it('counts a creation date ahead of this clock as a start', () => {
    const ahead = action('Pending', -60_000);
    expect(finishLikelihood(ahead, history, now, 3_000)).toBe(finishLikelihood(action('Pending', 0), history, now, 3_000));
  });
});

describe('isWorthThePace', () => {
  it.each<[string, MachineAction, boolean, boolean]>([
    ['running, the tab in view', action('InProgress', 5 * 60_000), false, true],
    ['new and Pending', action('Pending', 30_000), false, true],
    ['Pending for 20 minutes: its device looks offline', action('Pending', 20 * 60_000), false, false],
    ['running, but the tab hidden', action('InProgress', 30_000), true, false],
  ])('%s: %s', (_, running, hidden, expected) => {
    expect(isWorthThePace(running, undefined, now, hidden)).toBe(expected);
  });

  it('takes the hint of an offline device sooner where the history says devices here answer fast', () => {
    const fast = isolationHistory(evenDurations(40, 30_000), { pickedUpMs: evenDurations(40, 5_000) });
    expect(isWorthThePace(action('Pending', 3 * 60_000), undefined, now, false)).toBe(true);
    expect(isWorthThePace(action('Pending', 3 * 60_000), fast, now, false)).toBe(false);
  });
});
