import { describe, expect, it } from 'vitest';
import { parseMachineAction } from '../../../core/defender/machine-action';
import { readHistory, type HistoryReading } from '../../../core/polling/history/duration-history';
import { evenDurations, isolationSamples } from '../../../core/testing/duration-histories';
import { actionBody } from '../../../core/testing/machine-actions';
import { rowExpectation } from './row-expectation';
import type { RowStatus } from './row-status';

const now = Date.parse('2026-11-30T12:00:00Z');

function current(status: string, runningForMs: number): RowStatus {
  const parsed = parseMachineAction(actionBody({ type: 'Isolate', scope: 'Full', status, creationDateTimeUtc: new Date(now - runningForMs).toISOString() }));
  if (!parsed.ok) throw new Error(parsed.detail);
  return { kind: 'current', action: parsed.action };
}

const history = (count: number): HistoryReading => readHistory(isolationSamples(evenDurations(count, 60_000)));

describe('rowExpectation', () => {
  it('says how long such actions take, and how far this one has come', () => {
    const expected = rowExpectation(current('InProgress', 30_000), history(40), now);
    expect(expected).toMatchObject({ usual: 'usually about 1 min 20 s, 9 in 10 within 1 min 40 s', runningForMs: 30_000, slower: undefined });
    expect(expected?.p90Ms).toBeGreaterThan(90_000);
  });

  it('flags a row past 9 in 10 of its kind', () => {
    expect(rowExpectation(current('Pending', 5 * 60_000), history(40), now)?.slower).toBe('slower than 9 in 10 isolations here');
  });

  it('says nothing once finished, with too little history, or over a read that may be out of date', () => {
    expect(rowExpectation(current('Succeeded', 30_000), history(40), now)).toBeUndefined();
    expect(rowExpectation(current('InProgress', 30_000), history(5), now)).toBeUndefined();
    const stale = current('InProgress', 30_000);
    if (stale.kind !== 'current') throw new Error('expected a current row');
    const problem: RowStatus = { kind: 'problem', problem: { title: 'Defender is not answering', message: 'Checking again shortly.', severity: 'warning', remedy: 'none' }, lastGood: { action: stale.action, readAt: now } };
    expect(rowExpectation(problem, history(40), now)).toBeUndefined();
  });
});
