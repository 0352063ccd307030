import { elapsedMs } from '../../action-ui/elapsed';
import { nineInTenMs, slowerThanUsualWords, usualShortWords } from '../../action-ui/history-words';
import { isFinalStatus } from '../../../core/defender/action-status';
import { enoughHistory, type HistoryReading } from '../../../core/polling/history/duration-history';
import type { RowStatus } from './row-status';

/** What a row says of a running action against its kind's history: how long such actions take, and whether this one is late. */
export interface RowExpectation {
  /** "usually about 1 min 10 s" */
  usual: string;
  runningForMs: number;
  /** 9 in 10 of its kind finished within this, as the words say it: the progress bar's end. */
  p90Ms: number;
  /** "slower than 9 in 10 isolations here", once past the 90th percentile. */
  slower: string | undefined;
}

/**
 * Only for an action read just now and still running, with enough history: a row whose last check failed
 * shows an older read, and a late flag on it would be a guess.
 */
export function rowExpectation(status: RowStatus, reading: HistoryReading | undefined, now: number): RowExpectation | undefined {
  const history = enoughHistory(reading);
  if (status.kind !== 'current' || history === undefined || isFinalStatus(status.action.status)) return undefined;
  const runningForMs = elapsedMs(status.action, now);
  if (runningForMs === undefined) return undefined;
  return { usual: usualShortWords(history), runningForMs, p90Ms: nineInTenMs(history), slower: slowerThanUsualWords(history, runningForMs) };
}
