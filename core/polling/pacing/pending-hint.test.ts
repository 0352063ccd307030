import { describe, expect, it } from 'vitest';
import { parseMachineAction, type MachineAction } from '../../defender/machine-action';
import { actionBody } from '../../testing/machine-actions';
import { readHistory, type DurationHistory, type HistorySamples } from '../history/duration-history';
import { isPendingLongerThanUsual, longPendingAfterMs, pendingHintBounds } from './pending-hint';
import { cadence, isLongPending } from './watch-cadence';

const now = Date.parse('2026-11-30T12:00:00Z');
const minute = 60_000;

/** A history whose picked-up actions all waited `pendingMs`; the ages of the offline ones must not count. */
function historyWithPendingHigh(pendingMs: number): DurationHistory {
  const samples: HistorySamples = {
    type: 'Isolate',
    scope: 'Full',
    periodDays: 30,
    durationsMs: Array.from({ length: 30 }, (_, index) => 60_000 + index * 1_000),
    pendingMs: Array.from({ length: 30 }, () => 3 * 86_400_000),
    pickedUpMs: Array.from({ length: 30 }, () => pendingMs),
    outcomes: { succeeded: 30, failed: 0, timedOut: 0, cancelled: 0 },
    stillPending: 0,
  };
  const reading = readHistory(samples);
  if (!reading.enough) throw new Error('expected enough history');
  return reading;
}

function pendingFor(ms: number, status = 'Pending'): MachineAction {
  const parsed = parseMachineAction(actionBody({ status, creationDateTimeUtc: new Date(now - ms).toISOString() }));
  if (!parsed.ok) throw new Error(parsed.detail);
  return parsed.action;
}

describe('longPendingAfterMs', () => {
  it("goes by the tenant's high percentile of Pending time", () => {
    expect(longPendingAfterMs(historyWithPendingHigh(4 * minute))).toBe(4 * minute);
  });

  it("keeps today's 10-minute rule without history", () => {
    expect(longPendingAfterMs(undefined)).toBe(cadence.longPendingAfterMs);
  });

  it("stays between 2 minutes and today's 10, whatever the history says", () => {
    expect(longPendingAfterMs(historyWithPendingHigh(20_000))).toBe(pendingHintBounds.floorMs);
    expect(longPendingAfterMs(historyWithPendingHigh(3 * 86_400_000))).toBe(pendingHintBounds.ceilingMs);
  });
});

describe('isPendingLongerThanUsual', () => {
  it('says so once the action has sat Pending past the threshold, and only while Pending', () => {
    const history = historyWithPendingHigh(4 * minute);
    expect(isPendingLongerThanUsual(pendingFor(3 * minute), now, history)).toBe(false);
    expect(isPendingLongerThanUsual(pendingFor(5 * minute), now, history)).toBe(true);
    expect(isPendingLongerThanUsual(pendingFor(5 * minute, 'InProgress'), now, history)).toBe(false);
  });

  it('agrees with the fixed rule when there is no history', () => {
    for (const age of [5 * minute, 11 * minute]) {
      expect(isPendingLongerThanUsual(pendingFor(age), now, undefined)).toBe(isLongPending(pendingFor(age), now));
    }
  });
});
