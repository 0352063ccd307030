import { ticketLines } from '../../action-ui/ticket-summary';
import { describeProblem } from '../../action-ui/describe-problem';
import { formatUtc } from '../../lib/time';
import type { BoardRow } from './board-rows';
import { rowStatus } from './row-status';

/** What the row itself says of an action nothing was read for, in the same words. */
function notReadWords(row: BoardRow): string {
  const status = rowStatus(row.watch);
  if (status.kind === 'not-listed-yet') return 'not listed yet (a new action can take a few seconds to appear), checking again';
  if (status.kind === 'problem') return status.problem.title;
  return 'not looked up yet';
}

/** A field Defender gave with line breaks (a comment, say) would start a new line, read as another action. */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n\u2028\u2029]+\s*/g, ' ');
}

/**
 * The whole board for a ticket, in plain text: one action a line, each with the action page's own lines
 * (ticketLines) joined by "; ", times in UTC. A row nothing could be read for says why, and a status from
 * before a failed check says when it was read.
 */
export function boardTicketText(rows: readonly BoardRow[], now: number): string {
  const lines = rows.map((row) => {
    const action = row.watch?.action;
    const failure = row.watch?.failure;
    const customer = row.customer ? [`Customer: ${row.customer}`] : [];
    if (!action) return [`Defender machine action ${row.id}`, ...customer, `Not read: ${notReadWords(row)}`].join('; ');
    const asOf = failure && row.watch?.readAt !== undefined ? [`Status as of ${formatUtc(new Date(row.watch.readAt))} (${describeProblem(failure.problem).title})`] : [];
    return [...ticketLines(action, row.watch?.history, row.history, now, row.customer), ...asOf].map(oneLine).join('; ');
  });
  const count = `${rows.length} machine action${rows.length === 1 ? '' : 's'}`;
  return [`Machine action watch: ${count} as of ${formatUtc(new Date(now))}`, ...lines].join('\n');
}
