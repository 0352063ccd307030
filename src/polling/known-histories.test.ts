import { describe, expect, it } from 'vitest';
import { parseMachineAction } from '../../core/defender/machine-action';
import { actionBody } from '../../core/testing/machine-actions';
import { emptySamples, readHistory, type HistoryKind, type HistoryReading } from '../../core/polling/duration-history';
import type { HistoryCache } from './history-cache';
import { knownHistories, knownHistoryTtl } from './known-histories';

const isolation = (() => {
  const parsed = parseMachineAction(actionBody({ type: 'Isolate', scope: 'Full', status: 'InProgress' }));
  if (!parsed.ok) throw new Error(parsed.detail);
  return parsed.action;
})();

const enoughIsolations = readHistory({
  ...emptySamples({ type: 'Isolate', scope: 'Full' }, 30),
  durationsMs: Array.from({ length: 25 }, (_, index) => 60_000 + index * 1_000),
  outcomes: { succeeded: 25, failed: 0, timedOut: 0, cancelled: 0 },
});

/** A cache that counts how often it is asked, answering whatever `answer` holds at the time. */
function countingCache(answer: { reading: HistoryReading | undefined }) {
  const asked: HistoryKind[] = [];
  const cache: HistoryCache = {
    reading: (kind) => (asked.push(kind), answer.reading),
    isDue: () => answer.reading === undefined,
    keep: () => {},
  };
  return { cache, asked };
}

describe('knownHistories', () => {
  it('asks the cache once a minute per kind for a known history, however often the poller plans', () => {
    const answer = { reading: enoughIsolations as HistoryReading | undefined };
    const { cache, asked } = countingCache(answer);
    let now = 0;
    const historyOf = knownHistories(cache, () => now);
    for (let plan = 0; plan < 500; plan += 1) expect(historyOf(isolation)?.medianMs).toBeGreaterThan(0);
    expect(asked).toHaveLength(1);
    now += knownHistoryTtl.knownMs;
    historyOf(isolation);
    expect(asked).toHaveLength(2);
  });

  it('asks again within seconds for a kind not known yet: its read may just have landed', () => {
    const answer: { reading: HistoryReading | undefined } = { reading: undefined };
    const { cache } = countingCache(answer);
    let now = 0;
    const historyOf = knownHistories(cache, () => now);
    expect(historyOf(isolation)).toBeUndefined();
    answer.reading = enoughIsolations;
    expect(historyOf(isolation)).toBeUndefined();
    now += knownHistoryTtl.unknownMs;
    expect(historyOf(isolation)?.key).toBe('isolate/full');
  });

  it('gives nothing to pace by where there is too little history', () => {
    const { cache } = countingCache({ reading: readHistory(emptySamples({ type: 'Isolate', scope: 'Full' }, 30)) });
    expect(knownHistories(cache, () => 0)(isolation)).toBeUndefined();
  });
});
