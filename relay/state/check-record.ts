import * as v from 'valibot';
import type { DefenderProblem } from '../../src/api/defender-problem';
import { parseMachineAction } from '../../src/api/machine-action';
import { isGuid, type Guid } from '../../src/lib/guid';
import type { ActionWatch } from '../../src/polling/watch-state';

/**
 * One action's latest check as the relay stores it in Redis, publishes it and streams it to browsers: plain
 * JSON. The action is Defender's own JSON (`MachineAction.raw`), so a reader rebuilds it with the app's
 * `parseMachineAction`; dates in the rest are milliseconds since the epoch.
 */
export interface CheckRecord {
  id: Guid;
  checkedAt: number;
  /** Defender's JSON of the last good read, or null before one. */
  action: unknown;
  readAt: number | null;
  failure: { problem: DefenderProblem; count: number; since: number; lastAt: number } | null;
  history: { status: string; at: number }[];
}

export function toCheckRecord(id: Guid, watch: ActionWatch, checkedAt: number): CheckRecord {
  return {
    id,
    checkedAt,
    action: watch.action?.raw ?? null,
    readAt: watch.readAt ?? null,
    failure: watch.failure ?? null,
    history: watch.history,
  };
}

/** The watch the app's poller keeps, rebuilt from a record; the jitter is drawn afresh. */
export function toActionWatch(record: CheckRecord, random: () => number = Math.random): ActionWatch {
  const parsed = record.action === null ? undefined : parseMachineAction(record.action);
  return {
    action: parsed?.ok ? parsed.action : undefined,
    readAt: record.readAt ?? undefined,
    failure: record.failure ?? undefined,
    history: record.history,
    jitter: random(),
  };
}

const time = v.pipe(v.number(), v.finite());

const recordSchema = v.object({
  id: v.pipe(v.string(), v.check(isGuid)),
  checkedAt: time,
  action: v.unknown(),
  readAt: v.nullable(time),
  failure: v.nullable(
    v.object({
      // A problem is the app's own union, written by a relay; its kind is all a reader branches on.
      problem: v.custom<DefenderProblem>((value) => typeof value === 'object' && value !== null && typeof (value as { kind?: unknown }).kind === 'string'),
      count: time,
      since: time,
      lastAt: time,
    }),
  ),
  history: v.array(v.object({ status: v.string(), at: time })),
});

/** A record read back from Redis or pub/sub, or undefined when it is not one a relay wrote. */
export function parseCheckRecord(value: unknown): CheckRecord | undefined {
  const parsed = v.safeParse(recordSchema, value);
  if (!parsed.success) return undefined;
  return { ...parsed.output, id: parsed.output.id.toLowerCase() as Guid, action: parsed.output.action ?? null };
}

export function parseCheckRecordJson(text: string | null): CheckRecord | undefined {
  if (text === null) return undefined;
  try {
    return parseCheckRecord(JSON.parse(text));
  } catch {
    return undefined;
  }
}
