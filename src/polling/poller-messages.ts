import type { Guid } from '../lib/guid';
import type { ActionWatch } from './watch-state';

/** What tabs tell each other over the BroadcastChannel. Structured clone carries the Dates inside. */
export type PollerMessage =
  /** A tab's watched IDs; sent when they change, when a new leader asks, and as a heartbeat. */
  | { type: 'interest'; tab: string; ids: Guid[]; visible: boolean }
  /** "Check again" pressed in a tab that does not poll. */
  | { type: 'recheck'; id: Guid }
  | { type: 'leaving'; tab: string }
  /** A new leader asks every tab for its interest. */
  | { type: 'hello'; tab: string }
  | { type: 'checked'; id: Guid; watch: ActionWatch; checkedAt: number }
  | { type: 'paused'; until: number | undefined };

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Messages come from other tabs of the same origin, but are still checked before they are believed. */
export function isPollerMessage(data: unknown): data is PollerMessage {
  if (typeof data !== 'object' || data === null || !('type' in data)) return false;
  const message = data as Record<string, unknown>;
  switch (message.type) {
    case 'interest':
      return (
        typeof message.tab === 'string' &&
        typeof message.visible === 'boolean' &&
        Array.isArray(message.ids) &&
        message.ids.every((id) => typeof id === 'string' && guid.test(id))
      );
    case 'recheck':
      return typeof message.id === 'string' && guid.test(message.id);
    case 'leaving':
    case 'hello':
      return typeof message.tab === 'string';
    case 'checked':
      return typeof message.id === 'string' && guid.test(message.id) && typeof message.checkedAt === 'number' && typeof message.watch === 'object' && message.watch !== null;
    case 'paused':
      return message.until === undefined || typeof message.until === 'number';
    default:
      return false;
  }
}
