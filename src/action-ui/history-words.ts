import { formatRoughDuration, roughDurationMs } from '../lib/rough-duration';
import { minimumFinished, type DurationHistory, type TooLittleHistory } from '../../core/polling/history/duration-history';
import { longPendingAfterMs } from '../../core/polling/pacing/pending-hint';
import { actionTypePlural } from './action-type-plurals';

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const period = (days: number) => (days === 1 ? 'the last day' : `the last ${days} days`);

/**
 * The 90th percentile as the words say it, rounded up ("within" must not be understated): the late flag
 * and the end of the progress bar use this one, so that "9 in 10 within 2 min" is never flagged at 1 min 56 s.
 */
export function nineInTenMs(history: DurationHistory): number {
  return roughDurationMs(history.p90Ms, 'up');
}

/** "Isolations here usually finish in about 1 min 10 s; 9 in 10 within 2 min; from 143 that succeeded in the last 30 days". */
export function usualDurationWords(history: DurationHistory): string {
  const plural = capitalised(actionTypePlural(history));
  const typical = formatRoughDuration(history.medianMs, 'nearest');
  const nineInTen = formatRoughDuration(nineInTenMs(history));
  return `${plural} here usually finish in about ${typical}; 9 in 10 within ${nineInTen}; from ${history.durationsMs.length} that succeeded in ${period(history.periodDays)}`;
}

/** "slower than 9 in 10 isolations here", once the action has run past what the words call 9 in 10; otherwise nothing. */
export function slowerThanUsualWords(history: DurationHistory, runningForMs: number): string | undefined {
  return runningForMs > nineInTenMs(history) ? `slower than 9 in 10 ${actionTypePlural(history)} here` : undefined;
}

/** "1 in 20", or "6 in 10" for a share of more than half. */
function share(count: number, of: number): string {
  const part = count / of;
  return part > 0.5 ? `${Math.round(part * 10)} in 10` : `1 in ${Math.round(of / count)}`;
}

/**
 * "1 in 20 isolations here failed", and the same for timed out and cancelled: one sentence for each end
 * that happened at all in the period, so the analyst knows how often an action like this one does not succeed.
 */
export function outcomeShareWords(history: DurationHistory): string[] {
  const plural = actionTypePlural(history);
  const { failed, timedOut, cancelled } = history.outcomes;
  const ends: [count: number, ending: string][] = [
    [failed, 'failed'],
    [timedOut, 'timed out'],
    [cancelled, 'were cancelled'],
  ];
  return ends.filter(([count]) => count > 0).map(([count, ending]) => `${share(count, history.finished)} ${plural} here ${ending}`);
}

/**
 * Why the page falls back to its usual rules: "Too little history for isolations here: an estimate takes 20
 * that succeeded in the last 30 days, and 7 did" (or "7 of 22 finished did"). The figures come from
 * successes alone, so the need and the count are both of successes.
 */
export function tooLittleHistoryWords(reading: TooLittleHistory): string {
  const plural = actionTypePlural(reading);
  const since = period(reading.periodDays);
  const { succeeded } = reading.outcomes;
  const count = succeeded === 0 ? 'none' : `${succeeded}`;
  const did = succeeded === reading.finished ? count : `${count} of ${reading.finished} finished`;
  return `Too little history for ${plural} here: an estimate takes ${minimumFinished} that succeeded in ${since}, and ${did} did`;
}

/**
 * The heading of the device-may-be-offline hint: "Pending longer than 19 in 20 isolations here waited (over
 * 2 min)" from the tenant's history, or today's fixed "Pending for over 10 minutes" without enough of it.
 */
export function longPendingWords(history: DurationHistory | undefined): string {
  const after = formatRoughDuration(longPendingAfterMs(history), 'nearest');
  if (history?.pickedUpHighMs === undefined) return `Pending for over ${after}`;
  return `Pending for over ${after}: longer than 19 in 20 ${actionTypePlural(history)} here waited for their device`;
}

/** The board's short form: "usually about 1 min 10 s, 9 in 10 within 2 min". */
export function usualShortWords(history: DurationHistory): string {
  return `usually about ${formatRoughDuration(history.medianMs, 'nearest')}, 9 in 10 within ${formatRoughDuration(nineInTenMs(history))}`;
}
