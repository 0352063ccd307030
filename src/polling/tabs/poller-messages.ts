import type { Guid } from '../../../core/lib/guid';
import { defenderQuota } from '../../../core/polling/scheduler/rate-budget';
import type { ActionWatch } from '../../../core/polling/watch/watch-state';

/** One action's latest check, as the tab that made it (or heard of it) knows it. */
export interface KnownWatch {
  id: Guid;
  watch: ActionWatch;
  checkedAt: number;
}

/** More calls than Defender allows in an hour is no account a tab of this app could give. */
export const maxCallsInMessage = defenderQuota.perHour;

/** What tabs tell each other over the BroadcastChannel. Structured clone carries the Dates inside. */
export type PollerMessage =
  /** A tab's watched IDs; sent when they change, when a new leader asks, and as a heartbeat. */
  | { type: 'interest'; tab: string; ids: Guid[]; visible: boolean }
  /** "Check again" pressed in a tab that does not poll. */
  | { type: 'recheck'; id: Guid }
  | { type: 'leaving'; tab: string }
  /** A new leader asks every tab for its interest. */
  | { type: 'hello'; tab: string }
  | ({ type: 'checked' } & KnownWatch)
  | { type: 'paused'; until: number | undefined }
  /** Calls a tab made: every tab counts them in its own budget, so whoever polls next goes on from there. */
  | { type: 'spent'; at: number; count: number }
  /**
   * The polling tab's answer to a tab it has not heard from, or that wants new IDs: what it knows of those
   * actions (final ones too, which are never read again), its 429 pause and the last hour's calls.
   */
  | { type: 'catch-up'; for: string; watches: KnownWatch[]; pausedUntil: number | undefined; spent: number[]; schedule?: ScheduleEntry[] }
  /** The polling tab's plan: when each watched action will be checked next (empty: nobody polls it here). */
  | { type: 'schedule'; entries: ScheduleEntry[] };

/** One watched action and when the polling tab's planner will check it next. */
export type ScheduleEntry = [id: Guid, at: number];

/** More entries than this is no schedule a tab of this app makes (the board holds 500, each page one more). */
export const maxScheduleEntries = 5_000;

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const isId = (value: unknown): boolean => typeof value === 'string' && guid.test(value);
const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isCallCount = (value: unknown): boolean => typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= maxCallsInMessage;

function isKnownWatch(value: unknown): value is KnownWatch {
  if (typeof value !== 'object' || value === null) return false;
  const known = value as Record<string, unknown>;
  return isId(known.id) && isTime(known.checkedAt) && typeof known.watch === 'object' && known.watch !== null;
}

function isSchedule(value: unknown): value is ScheduleEntry[] {
  return Array.isArray(value) && value.length <= maxScheduleEntries && value.every((entry) => Array.isArray(entry) && entry.length === 2 && isId(entry[0]) && isTime(entry[1]));
}

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
      return isKnownWatch(message);
    case 'paused':
      return message.until === undefined || isTime(message.until);
    case 'spent':
      // A count is spent call by call: a huge one would hang the tab that believed it.
      return isTime(message.at) && isCallCount(message.count);
    case 'catch-up':
      return (
        typeof message.for === 'string' &&
        Array.isArray(message.watches) &&
        message.watches.every(isKnownWatch) &&
        (message.pausedUntil === undefined || isTime(message.pausedUntil)) &&
        Array.isArray(message.spent) &&
        message.spent.length <= maxCallsInMessage &&
        message.spent.every(isTime) &&
        (message.schedule === undefined || isSchedule(message.schedule))
      );
    case 'schedule':
      return isSchedule(message.entries);
    default:
      return false;
  }
}
