import type { DefenderProblemKind } from '../../src/api/defender-problem';
import type { Guid } from '../../src/lib/guid';
import type { CheckRecord } from '../state/check-record';
import type { AccessVerdict } from '../state/access-cache';

/** What a stream carries, one server-sent event each (README "The stream"). */
export type StreamEvent =
  | { event: 'action'; data: CheckRecord }
  | { event: 'denied'; data: { id: Guid; reason: Exclude<AccessVerdict, 'allowed'> } }
  | { event: 'unchecked'; data: { id: Guid; problem: DefenderProblemKind } }
  | { event: 'synced'; data: { ids: Guid[] } }
  | { event: 'paused'; data: { until: number | null } }
  | { event: 'bye'; data: { reason: 'token-expired' | 'shutdown' } };

/** JSON.stringify escapes line breaks, so each event's data is one `data:` line. */
export function formatEvent(event: StreamEvent): string {
  return `event: ${event.event}\ndata: ${JSON.stringify(event.data)}\n\n`;
}

/** A comment line: ignored by readers, but it keeps proxies from closing a quiet stream. */
export const heartbeatLine = ': heartbeat\n\n';
