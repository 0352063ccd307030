import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMachineAction } from '../../defender/machine-action';
import { quantile } from '../../lib/quantile';
import { actionBody } from '../../testing/machine-actions';
import { readHistory, type DurationHistory } from '../history/duration-history';
import { checkpointsMs, historyInterval, nextCheckFromHistory, paceBounds, paceSteps, paceTail } from './history-pace';
import { longPendingAfterMs } from './pending-hint';
import { cadence } from './watch-cadence';

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
    expect(checkpoints).toHaveLength(paceSteps - 1);
    expect(checkpoints.at(-1)).toBe(quantile(isolations.durationsMs, 0.95));
    expect(nextCheckFromHistory(isolations, 0, 0, 600_000)).toBe(Math.ceil(quantile(isolations.durationsMs, 0.05)));
    const atMedian = quantile(isolations.durationsMs, 0.5);
    expect(atMedian + nextCheckFromHistory(isolations, atMedian, 0, 600_000)).toBeCloseTo(quantile(isolations.durationsMs, 0.55), -1);
  });

  it('crowds the checks around the typical finish and thins them out in the long tail', () => {
    const times = checkTimes(isolations, 2_000, 5 * 60_000, 60 * 60_000);
    const [p25, p75, p90] = [0.25, 0.75, 0.9].map((level) => quantile(isolations.durationsMs, level));
    const width = p75 - p25;
    const near = times.filter((time) => time > p25 && time <= p75).length;
    const tail = times.filter((time) => time > p90 && time <= p90 + width).length;
    expect(near).toBeGreaterThanOrEqual(9);
    expect(near).toBeGreaterThan(3 * tail);
    // past the last step, a tenth of the running time, up to the ceiling: a stuck isolation costs 12 checks an hour, not 240
    const p95 = quantile(isolations.durationsMs, 0.95);
    const beyond = times.filter((time) => time > p95);
    const gaps = beyond.slice(1).map((time, index) => time - (beyond[index] ?? 0));
    expect(gaps.every((gap, index) => gap >= (gaps[index - 1] ?? 0))).toBe(true);
    expect(gaps.at(-1)).toBe(5 * 60_000);
  });

  it('checks about as often as there are steps, far fewer than a fixed 5 s pace, until 19 in 20 would have finished', () => {
    const p95 = quantile(isolations.durationsMs, 0.95);
    const checks = checkTimes(isolations, 2_000, 5 * 60_000, p95).length;
    expect(checks).toBeLessThanOrEqual(paceSteps);
    expect(checks).toBeLessThan(p95 / 5_000);
  });

  it('past the last step, checks a tenth of the running time later, from 10 s', () => {
    const p95 = quantile(isolations.durationsMs, 0.95);
    expect(nextCheckFromHistory(isolations, p95 + 1, 2_000, 600_000)).toBe(Math.max(paceTail.minMs, Math.ceil((p95 + 1) * paceTail.share)));
    expect(nextCheckFromHistory(isolations, 20 * 60_000, 2_000, 600_000)).toBe(120_000);
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

describe('historyInterval', () => {
  const now = Date.parse('2026-11-30T12:00:00Z');
  const running = (status: string, forMs: number) => {
    const parsed = parseMachineAction(actionBody({ status, creationDateTimeUtc: new Date(now - forMs).toISOString() }));
    if (!parsed.ok) throw new Error(parsed.detail);
    return parsed.action;
  };

  it('checks a running action at the next step of its kind, counted from its creation', () => {
    const atMedian = quantile(isolations.durationsMs, 0.5);
    expect(historyInterval(running('InProgress', atMedian), isolations, now)).toBe(
      Math.max(nextCheckFromHistory(isolations, atMedian, paceBounds.floorMs, paceBounds.ceilingMs), paceBounds.floorMs),
    );
    expect(historyInterval(running('InProgress', atMedian), isolations, now)).toBeLessThan(cadence.runningMs);
  });

  it('keeps to the floor and the ceiling', () => {
    const tight = historyOf(Array.from({ length: 40 }, (_, index) => 60_000 + index * 10));
    expect(historyInterval(running('InProgress', 60_000), tight, now)).toBe(paceBounds.floorMs);
    expect(historyInterval(running('InProgress', 6 * 3_600_000), isolations, now)).toBe(paceBounds.ceilingMs);
  });

  it('slows to the long-pending pace once the device has kept it waiting longer than nearly all of its kind', () => {
    const waitedLong = longPendingAfterMs(isolations) + 1_000;
    expect(historyInterval(running('Pending', waitedLong), isolations, now)).toBe(cadence.longPendingMs);
    // Picked up: its device answered, so the steps go on.
    expect(historyInterval(running('InProgress', waitedLong), isolations, now)).toBe(
      nextCheckFromHistory(isolations, waitedLong, paceBounds.floorMs, paceBounds.ceilingMs),
    );
  });

  it('treats a creation date ahead of this clock as a start', () => {
    expect(historyInterval(running('Pending', -120_000), isolations, now)).toBe(historyInterval(running('Pending', 0), isolations, now));
  });
});
