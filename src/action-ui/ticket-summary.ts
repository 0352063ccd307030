import type { MachineAction } from '../../core/defender/machine-action';
import { describeActionType, isDocumentedType } from './action-type-words';
import { hresultHex, hresultMeaning } from './hresult-meanings';
import { elapsedMs } from './elapsed';
import { slowerThanUsualWords, usualDurationWords } from './history-words';
import { isFinalStatus } from '../../core/defender/action-status';
import { enoughHistory, type DurationHistory, type HistoryReading } from '../../core/polling/history/duration-history';
import type { StatusChange } from '../../core/polling/watch/watch-state';
import { formatDuration, formatUtc } from '../lib/time';

function describeHResult(value: number): string {
  const meaning = hresultMeaning(value);
  return `${value} (${hresultHex(value)})${meaning ? ` ${meaning.name}: ${meaning.meaning}` : ''}`;
}

/**
 * A running action: how long such actions take here, and how this one stands ("Running for: 12 min 03 s,
 * slower than 9 in 10 isolations here"). A finished one: how long they usually take, for comparison.
 */
function expectedLines(action: MachineAction, usual: DurationHistory | undefined, now: number): string[] {
  if (!usual) return [];
  if (isFinalStatus(action.status)) return [`Usually here: ${usualDurationWords(usual)}`];
  const elapsed = elapsedMs(action, now);
  const slower = elapsed === undefined ? undefined : slowerThanUsualWords(usual, elapsed);
  return [`Expected: ${usualDurationWords(usual)}`, ...line('Running for', elapsed === undefined ? null : `${formatDuration(elapsed)}${slower ? `, ${slower}` : ''}`)];
}

function line(label: string, value: string | null | undefined): string[] {
  return value ? [`${label}: ${value}`] : [];
}

/**
 * A plain-text summary of an action to paste into the ticket: every field an incident record needs,
 * times in UTC (tickets are read across time zones), nothing that could be mistaken for markup.
 */
export function ticketSummary(action: MachineAction, history: readonly StatusChange[] = [], usual?: HistoryReading, now = Date.now(), customer?: string): string {
  return ticketLines(action, history, usual, now, customer).join('\n');
}

/**
 * The summary's lines, for a board that puts each action's on one line of its own. `customer`: whose
 * tenant it is in, when the analyst watches several (an MSSP's ticket names it).
 */
export function ticketLines(action: MachineAction, history: readonly StatusChange[] = [], usual?: HistoryReading, now = Date.now(), customer?: string): string[] {
  const device = [action.computerDnsName, action.machineId && `(${action.machineId})`].filter(Boolean).join(' ');
  const timeline = history.map((change, index) => {
    const previous = history[index - 1];
    return `${change.status} ${formatUtc(new Date(change.at))}${previous ? ` (+${formatDuration(change.at - previous.at)})` : ''}`;
  });
  return [
    `Defender machine action ${action.id}`,
    ...line('Customer', customer),
    ...line('Type', isDocumentedType(action.type) ? `${describeActionType(action.type, action.scope)} [${action.type}]` : describeActionType(action.type, action.scope)),
    ...line('Status', action.status),
    ...line('Device', device),
    ...line('Requested by', action.requestor),
    ...line('Comment', action.requestorComment),
    ...line('Created', action.createdAt && formatUtc(action.createdAt)),
    ...line('Last updated', action.lastUpdatedAt && formatUtc(action.lastUpdatedAt)),
    ...line('Cancelled by', action.cancellationRequestor),
    ...line('Cancelled', action.cancelledAt && formatUtc(action.cancelledAt)),
    ...line('Cancellation comment', action.cancellationComment),
    ...line('Error (HRESULT)', action.errorHResult ? describeHResult(action.errorHResult) : null),
    ...line('External ID', action.externalId),
    ...(timeline.length > 1 ? [`Timeline: ${timeline.join(' -> ')}`] : []),
    ...expectedLines(action, enoughHistory(usual), now),
  ];
}
