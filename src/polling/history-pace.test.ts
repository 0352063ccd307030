import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quantile } from '../lib/quantile';
import { readHistory, type DurationHistory } from './duration-history';
import { checkpointsMs, nextCheckFromHistory, paceSteps } from './history-pace';

function historyOf(durationsMs: readonly number[]): DurationHistory {
  const sorted = [...durationsMs].sort((a, b) => a - b);
  const reading = readHistory({
    type: 'Isolate',
    scope: 'Full',
    periodDays: 30,
    durationsMs: sorted,
    pendingMs: sorted,
    pickedUpMs: sorted,
    outcomes: { succeeded: sorted.length, failed: 0, timedOut: 0, cancelled: 0 },
    stillPending: 0,
  });
  if (!reading.enough) throw new Error('expected enough history');
  return reading;
}

/** Isolations as a tenant sees them: log-normal around 70 s, a long tail; the same every run. */
function isolationDurations(count: number): number[] {
  let state = 20_261_130;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return Array.from({ length: count }, () => {
    const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    return 70_000 * Math.exp(0.45 * normal);
  });
}

/** The running times at which an action that never finishes would be checked, up to `untilMs`. */
function checkTimes(history: DurationHistory, floorMs: number, ceilingMs: number, untilMs: number): number[] {
  const times: number[] = [];
  for (let running = 0; running < untilMs; ) {
    running += nextCheckFromHistory(history, running, floorMs, ceilingMs);
    times.push(running);
  }
  return times;
}

const isolations = historyOf(isolationDurations(143));

describe('nextCheckFromHistory', () => {
  it('checks at each twentieth of the durations seen: first when 1 in 20 would have finished', () => {
    const checkpoints = checkpointsMs(isolations);
    expect(checkpoints).toHaveLength(paceSteps);
    expect(nextCheckFromHistory(isolations, 0, 0, 600_000)).toBe(Math.ceil(quantile(isolations.durationsMs, 0.05)));
    const atMedian = quantile(isolations.durationsMs, 0.5);
    expect(atMedian + nextCheckFromHistory(isolations, atMedian, 0, 600_000)).toBeCloseTo(quantile(isolations.durationsMs, 0.55), -1);
  });

  it('crowds the checks around the typical finish and thins them out in the long tail', () => {
    const times = checkTimes(isolations, 2_000, 5 * 60_000, 30 * 60_000);
    const [p25, p75, p90] = [0.25, 0.75, 0.9].map((level) => quantile(isolations.durationsMs, level));
    const width = p75 - p25;
    const near = times.filter((time) => time > p25 && time <= p75).length;
    const tail = times.filter((time) => time > p90 && time <= p90 + width).length;
    expect(near).toBeGreaterThanOrEqual(9);
    expect(near).toBeGreaterThan(3 * tail);
    // past the longest seen, only the ceiling: a stuck isolation costs 12 checks an hour, not 240
    const late = times.filter((time) => time > (isolations.durationsMs.at(-1) ?? 0));
    expect(late.slice(1).every((time, index) => time - (late[index] ?? 0) === 5 * 60_000)).toBe(true);
  });

  it('checks about as often as there are steps, far fewer than a fixed 5 s pace, until the slowest seen', () => {
    const slowest = isolations.durationsMs.at(-1) ?? 0;
    const checks = checkTimes(isolations, 2_000, 5 * 60_000, slowest).length;
    expect(checks).toBeLessThanOrEqual(paceSteps);
    expect(checks).toBeLessThan(slowest / 5_000 / 2);
  });

  it('never checks sooner than the floor, even where the steps crowd', () => {
    const tight = historyOf(Array.from({ length: 40 }, (_, index) => 60_000 + index * 10));
    expect(nextCheckFromHistory(tight, 60_000, 5_000, 600_000)).toBe(5_000);
  });

  it('waits the ceiling past the longest duration seen', () => {
    expect(nextCheckFromHistory(isolations, 3_600_000, 5_000, 300_000)).toBe(300_000);
  });

  it('counts a running time below zero or unknown as a start', () => {
    const fromStart = nextCheckFromHistory(isolations, 0, 1_000, 600_000);
    expect(nextCheckFromHistory(isolations, -60_000, 1_000, 600_000)).toBe(fromStart);
    expect(nextCheckFromHistory(isolations, Number.NaN, 1_000, 600_000)).toBe(fromStart);
  });

  it('never returns below the floor nor above the ceiling', () => {
    const durations = fc.array(fc.double({ min: 0, max: 4 * 86_400_000, noNaN: true }), { minLength: 20, maxLength: 200 });
    const bounds = fc.tuple(fc.integer({ min: 0, max: 600_000 }), fc.integer({ min: 0, max: 3_600_000 })).map(([a, b]) => (a <= b ? [a, b] : [b, a]));
    const running = fc.oneof(fc.double({ min: -86_400_000, max: 10 * 86_400_000, noNaN: true }), fc.constant(Number.NaN), fc.constant(Number.POSITIVE_INFINITY));
    fc.assert(
      fc.property(durations, bounds, running, (values, [floor = 0, ceiling = 0], runningFor) => {
        const delay = nextCheckFromHistory(historyOf(values), runningFor, floor, ceiling);
        expect(delay).toBeGreaterThanOrEqual(floor);
        expect(delay).toBeLessThanOrEqual(ceiling);
        expect(Number.isInteger(delay)).toBe(true);
      }),
    );
  });

  it('lets the floor win where a caller passes a ceiling below it', () => {
    expect(nextCheckFromHistory(isolations, 0, 10_000, 1_000)).toBe(10_000);
  });
});
