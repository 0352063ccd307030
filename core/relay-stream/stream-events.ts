import * as v from 'valibot';
import { isGuid, type Guid } from '../lib/guid';
import { parseCheckRecord, type CheckRecord } from '../polling/watch/check-record';

/**
 * The team relay's stream (server/README.md, "The stream"): server-sent events, each a name and one JSON
 * data line. The relay writes them with `formatEvent`; the browser, the tests and the benchmarks read them
 * with `readStreamEvent`. One schema per event, here only.
 */

/** Why the relay ends a stream; the browser reconnects after each (with a fresh token, to any replica). */
export const byeReasons = ['token-expired', 'shutdown', 'too-slow'] as const;
export type ByeReason = (typeof byeReasons)[number];

const guid = v.pipe(v.string(), v.check(isGuid), v.transform((id) => id.toLowerCase() as Guid));

const dataSchemas = {
  denied: v.object({ id: guid, reason: v.picklist(['not-found', 'forbidden']) }),
  /** The relay could not check the analyst's access yet (Defender throttled or failed): it tries again itself. */
  unchecked: v.object({ id: guid, problem: v.optional(v.pipe(v.string(), v.maxLength(64))) }),
  /** What this stream follows now: a watched ID missing here (and not denied) is not being followed. */
  synced: v.object({ ids: v.pipe(v.array(guid), v.maxLength(10_000)) }),
  /** Defender throttled the team: no check before `until` (ms since the epoch), or until further notice. */
  paused: v.object({ until: v.nullable(v.pipe(v.number(), v.finite())) }),
  /** A reason this reader does not know (a newer relay) still ends the stream. */
  bye: v.object({ reason: v.pipe(v.string(), v.maxLength(64)) }),
};

type Data = { [Name in keyof typeof dataSchemas]: v.InferOutput<(typeof dataSchemas)[Name]> };

/** One event of the stream, as written and as read. */
export type StreamEvent =
  | { event: 'action'; data: CheckRecord }
  | { event: 'denied'; data: Data['denied'] }
  | { event: 'unchecked'; data: Data['unchecked'] }
  | { event: 'synced'; data: Data['synced'] }
  | { event: 'paused'; data: Data['paused'] }
  | { event: 'bye'; data: { reason: ByeReason } | Data['bye'] };

/** JSON.stringify escapes line breaks, so each event's data is one `data:` line. */
export function formatEvent(event: StreamEvent): string {
  return `event: ${event.event}\ndata: ${JSON.stringify(event.data)}\n\n`;
}

/** A comment line: ignored by readers, but it keeps proxies from closing a quiet stream. */
export const heartbeatLine = ': heartbeat\n\n';

function parsedJson(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
}

function checked<Name extends keyof typeof dataSchemas>(name: Name, json: unknown): Data[Name] | undefined {
  const result = v.safeParse(dataSchemas[name], json);
  return result.success ? (result.output as Data[Name]) : undefined;
}

/**
 * One event as read off the stream, checked against its schema; undefined for one this reader does not know
 * or cannot read: a relay newer than the reader, or a broken one, never breaks the watch.
 */
export function readStreamEvent(event: string | undefined, data: string): StreamEvent | undefined {
  const json = parsedJson(data);
  if (json === undefined) return undefined;
  switch (event) {
    case 'action': {
      const record = parseCheckRecord(json);
      return record && { event, data: record };
    }
    case 'denied':
    case 'unchecked':
    case 'synced':
    case 'paused':
    case 'bye': {
      const body = checked(event, json);
      return body && ({ event, data: body } as StreamEvent);
    }
    default:
      return undefined;
  }
}
