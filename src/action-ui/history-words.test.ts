import { describe, expect, it } from 'vitest';
import { readHistory, type DurationHistory, type HistorySamples, type OutcomeCounts, type TooLittleHistory } from '../../core/polling/history/duration-history';
import { longPendingWords, nineInTenMs, outcomeShareWords, slowerThanUsualWords, tooLittleHistoryWords, usualDurationWords, usualShortWords } from './history-words';

function samples(durationsMs: number[], outcomes: Partial<OutcomeCounts> = {}, kind = { type: 'Isolate', scope: 'Full' as string | null }): HistorySamples {
  return {
    ...kind,
    periodDays: 30,
    durationsMs,
    pendingMs: durationsMs,
    pickedUpMs: durationsMs,
    outcomes: { succeeded: durationsMs.length, failed: 0, timedOut: 0, cancelled: 0, ...outcomes },
    stillPending: 0,
  };
}

function enough(from: HistorySamples): DurationHistory {
  const reading = readHistory(from);
  if (!reading.enough) throw new Error('expected enough history');
  return reading;
}

function tooLittle(from: HistorySamples): TooLittleHistory {
  const reading = readHistory(from);
  if (reading.enough) throw new Error('expected too little history');
  return reading;
}

/** 143 isolations: the middle one took 70.4 s, the slower half 118 s. */
const isolations = enough(samples(Array.from({ length: 143 }, (_, index) => (index < 71 ? 50_000 : index === 71 ? 70_400 : 118_000))));

describe('usualDurationWords', () => {
  it('says how long this kind of action usually takes here, how long 9 in 10 take, and from how many', () => {
    expect(isolations.medianMs).toBe(70_400);
    expect(usualDurationWords(isolations)).toBe('Isolations here usually finish in about 1 min 10 s; 9 in 10 within 2 min; from 143 that succeeded in the last 30 days');
  });

  it('says a full scan in minutes', () => {
    const scans = enough(samples(Array.from({ length: 45 }, (_, index) => 15 * 60_000 + index * 15_000), {}, { type: 'RunAntiVirusScan', scope: 'Full' }));
    expect(usualDurationWords(scans)).toBe('Full antivirus scans here usually finish in about 21 min; 9 in 10 within 25 min; from 45 that succeeded in the last 30 days');
  });
});

describe('slowerThanUsualWords', () => {
  it('says nothing until the action has run past the 90th percentile', () => {
    expect(slowerThanUsualWords(isolations, 100_000)).toBeUndefined();
    expect(slowerThanUsualWords(isolations, 3 * 60_000)).toBe('slower than 9 in 10 isolations here');
  });

  it('never flags an action the words still put within 9 in 10: the flag and the words use one figure', () => {
    // The 90th percentile is 114 s, which the words say as "within 2 min".
    const history = enough(samples(Array.from({ length: 100 }, (_, index) => (index < 80 ? 60_000 : 114_000))));
    expect(usualDurationWords(history)).toContain('9 in 10 within 2 min');
    expect(nineInTenMs(history)).toBe(120_000);
    expect(slowerThanUsualWords(history, 116_000)).toBeUndefined();
    expect(slowerThanUsualWords(history, 121_000)).toBe('slower than 9 in 10 isolations here');
  });
});

describe('outcomeShareWords', () => {
  it('gives the share of each end other than success, as "1 in N"', () => {
    const history = enough(samples(Array.from({ length: 95 }, () => 60_000), { failed: 5, timedOut: 2, cancelled: 0 }));
    expect(outcomeShareWords(history)).toEqual(['1 in 20 isolations here failed', '1 in 51 isolations here timed out']);
  });

  it('says nothing when every one succeeded, and "N in 10" for more than half', () => {
    expect(outcomeShareWords(isolations)).toEqual([]);
    const troubled = enough(samples(Array.from({ length: 20 }, () => 60_000), { failed: 60 }, { type: 'Live Response', scope: null }));
    expect(outcomeShareWords(troubled)).toEqual(['8 in 10 live response sessions here failed']);
  });
});

describe('tooLittleHistoryWords', () => {
  it('says why the page keeps its usual rules, counting what the estimate counts: successes', () => {
    expect(tooLittleHistoryWords(tooLittle(samples([60_000, 70_000, 80_000])))).toBe('Too little history for isolations here: an estimate takes 20 that succeeded in the last 30 days, and 3 did');
    expect(tooLittleHistoryWords(tooLittle(samples([60_000, 70_000], { failed: 5 }, { type: 'Offboard', scope: null })))).toBe(
      'Too little history for offboardings here: an estimate takes 20 that succeeded in the last 30 days, and 2 of 7 finished did',
    );
    expect(tooLittleHistoryWords(tooLittle(samples(Array.from({ length: 15 }, () => 60_000), { failed: 15 })))).toBe(
      'Too little history for isolations here: an estimate takes 20 that succeeded in the last 30 days, and 15 of 30 finished did',
    );
  });
});

describe('the board and the offline hint', () => {
  it('says the usual duration briefly', () => {
    expect(usualShortWords(isolations)).toBe("usually about 1 min 10 s, 9 in 10 within 2 min");
  });

  it('names the history in the offline hint, and keeps today\'s words without it', () => {
    expect(longPendingWords(undefined)).toBe('Pending for over 10 min');
    const quick = enough({ ...samples(Array.from({ length: 30 }, () => 60_000)), pickedUpMs: Array.from({ length: 30 }, () => 150_000) });
    expect(longPendingWords(quick)).toBe('Pending for over 2 min 30 s: longer than 19 in 20 isolations here waited for their device');
  });
});
